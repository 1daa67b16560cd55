using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Pages.Organisations;

[Collection(SeededApp.Name)]
public class IndexTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    private sealed record Listed(string Href, string Name, IReadOnlyList<string> Counts);

    private static List<Listed> Rows(IDocument page, string? caption = null) =>
        page.QuerySelectorAll("main table")
            .Where(t => caption is null || t.QuerySelector("caption")?.ReadableText().StartsWith(caption, StringComparison.Ordinal) == true)
            .SelectMany(t => t.QuerySelectorAll("tbody tr"))
            .Select(tr => new Listed(tr.QuerySelector("th a")!.GetAttribute("href")!, tr.QuerySelector("th a")!.ReadableText(),
                tr.QuerySelectorAll("td.num").Select(td => td.ReadableText()).ToList()))
            .ToList();

    /// <summary>Every organisation as a reader reaches it: each initial of the letter index, page by page ("Nästa").</summary>
    private async Task<List<Listed>> WalkLetterIndexAsync()
    {
        var overview = await _client.GetPageAsync("/organisationer");
        var letters = overview.QuerySelectorAll("nav.letter-index a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(30, letters.Count);
        var listed = new List<Listed>();
        foreach (var letter in letters)
        {
            var url = letter;
            for (var pages = 0; url is not null; pages++)
            {
                Assert.True(pages < 100, "Sidorna tar aldrig slut.");
                var page = await _client.GetPageAsync(url);
                listed.AddRange(Rows(page));
                url = page.QuerySelector("nav.pager[aria-label='Sidor med organisationer'] a[rel='next']")?.GetAttribute("href");
            }
        }
        return listed;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_organisation_in_the_seed_is_under_exactly_one_initial_with_a_link_to_its_page()
    {
        var expected = SeedDocuments.Organisations
            .Select(o => ($"/organisationer/{o.Get("slug")}", o.Get("namn")!))
            .Order()
            .ToList();

        var listed = await WalkLetterIndexAsync();

        Assert.Equal(expected, listed.Select(l => (l.Href, l.Name)).Order().ToList());
    }

    [Fact]
    public async Task Each_organisation_shows_how_many_projects_it_publishes_owns_and_finances()
    {
        var listed = (await WalkLetterIndexAsync()).ToDictionary(l => l.Href);

        foreach (var org in SeedDocuments.Organisations.Select(o => o.Get("slug")!))
        {
            Assert.Equal(
                [
                    Count(SeedDocuments.Projects.Count(p => p.Publisher == org)),
                    Count(SeedDocuments.Projects.Count(p => p.Yaml.Get("projektagare") == org)),
                    Count(SeedDocuments.Projects.Count(p => p.Yaml.List("finansiarer").Any(f => f.Get("organisation") == org))),
                ],
                listed[$"/organisationer/{org}"].Counts);
        }
    }

    [Fact]
    public async Task The_overview_lists_the_publishers_and_the_financiers_of_most_projects_first()
    {
        var page = await _client.GetPageAsync("/organisationer");

        Assert.Equal(["/organisationer/leader-polaris", "/organisationer/mala-kommun"],
            Rows(page, "Publicerar projekt").Select(r => r.Href).Order(StringComparer.Ordinal));
        var financed = SeedDocuments.Projects
            .SelectMany(p => p.Yaml.List("finansiarer").Select(f => f.Get("organisation")!).Distinct())
            .GroupBy(slug => slug).ToDictionary(g => $"/organisationer/{g.Key}", g => g.Count());
        var top = Rows(page, "De ");
        Assert.Equal(Math.Min(20, financed.Count), top.Count);
        Assert.All(top, r => Assert.Equal(Count(financed[r.Href]), r.Counts[2]));
        var counts = top.Select(r => financed[r.Href]).ToList();
        Assert.Equal(counts.OrderByDescending(c => c), counts);
        // No one left out finances more projects than the last one shown.
        Assert.True(financed.Where(f => !top.Any(t => t.Href == f.Key)).All(f => f.Value <= counts[^1]));
    }

    [Fact]
    public async Task Searching_by_part_of_a_name_finds_it_in_any_case()
    {
        var overview = await _client.GetPageAsync("/organisationer");
        var form = (IHtmlFormElement)overview.QuerySelector("form[role='search']")!;
        ((IHtmlInputElement)form.QuerySelector("input[name='namn']")!).Value = "LAPLAND";

        var page = await _client.SubmitAsync(form);

        var expected = SeedDocuments.Organisations.Where(o => o.Get("namn")!.Contains("lapland", StringComparison.OrdinalIgnoreCase))
            .Select(o => $"/organisationer/{o.Get("slug")}").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Rows(page).Select(r => r.Href).Order(StringComparer.Ordinal));
        Assert.StartsWith($"{expected.Count} organisation", page.QuerySelector("#result-heading")!.ReadableText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/organisationer?namn=%25")]
    [InlineData("/organisationer?namn=_")]
    [InlineData("/organisationer?bokstav=%C3%B6vriga")]
    [InlineData("/organisationer?bokstav=1&typ=nej&sida=-4")]
    public async Task Odd_values_are_answered_without_error(string url) => await _client.GetPageAsync(url);
}
