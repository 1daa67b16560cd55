using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;

namespace ProjectRegistry.Tests.Pages;

[Collection(SeededApp.Name)]
public partial class HomeTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    private static int ResultCount(IDocument page)
    {
        var heading = page.QuerySelector("#result-heading")?.ReadableText() ?? "";
        var match = LeadingNumber().Match(heading);
        Assert.True(match.Success, $"Rubriken ”{heading}” börjar inte med ett antal.");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_five_most_recently_updated_projects_are_listed_newest_first_with_their_municipalities()
    {
        List<(string Href, string Places)> expected;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var all = await db.PublicProjects.AsNoTracking()
                .Select(p => new { p.Slug, p.Title, p.UpdatedAt, Places = p.Municipalities.Select(m => m.Name).ToList() })
                .ToListAsync();
            var swedish = StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: true);
            expected = all.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Title, swedish).Take(5)
                .Select(p => ("/projekt/" + p.Slug, string.Join(", ", p.Places.Order(swedish)))).ToList();
        }

        var page = await _client.GetPageAsync("/");

        var cards = page.QuerySelectorAll("li.project-card")
            .Select(c => (c.QuerySelector("h3 a")!.GetAttribute("href")!, c.QuerySelector(".project-card__places")?.ReadableText() ?? ""))
            .ToList();
        Assert.Equal(expected, cards);
    }

    [Fact]
    public async Task Projects_are_counted_per_status_with_links_to_the_filtered_list()
    {
        var expected = SeedDocuments.Projects
            .GroupBy(p => p.Yaml.Get("status")!)
            .Select(g => ($"/projekt?status={g.Key}", $"{g.Count().ToString(CultureInfo.InvariantCulture)} {SwedishText.StatusLabels[g.Key]}"))
            .Order()
            .ToList();

        var page = await _client.GetPageAsync("/");

        var links = page.QuerySelectorAll("ul.status-counts a").Select(a => (a.GetAttribute("href")!, a.ReadableText())).Order().ToList();
        Assert.Equal(expected, links);
    }

    [Fact]
    public async Task Each_status_link_leads_to_as_many_projects_as_it_says()
    {
        var page = await _client.GetPageAsync("/");

        foreach (var link in page.QuerySelectorAll("ul.status-counts a"))
        {
            var count = int.Parse(link.QuerySelector("strong")!.ReadableText(), CultureInfo.InvariantCulture);
            Assert.Equal(count, ResultCount(await _client.GetPageAsync(link.GetAttribute("href")!)));
        }
    }

    [Theory]
    [InlineData("Beviljade projekt – Leader Polaris", "leader-polaris")]
    [InlineData("Avslutade projekt – Malå kommun", "mala-kommun")]
    public async Task Each_publishers_list_is_linked_and_shows_its_projects(string linkText, string publisher)
    {
        var expected = SeedDocuments.Projects.Count(p => p.Publisher == publisher);

        var page = await _client.GetPageAsync("/");

        var link = page.QuerySelectorAll("ul.publisher-links a").SingleOrDefault(a => a.ReadableText() == linkText);
        Assert.NotNull(link);
        Assert.Equal($"/projekt?organisation={publisher}", link.GetAttribute("href"));
        Assert.Contains($"({expected.ToString(CultureInfo.InvariantCulture)} projekt)", link.Closest("li")!.ReadableText(), StringComparison.Ordinal);
        Assert.Equal(expected, ResultCount(await _client.GetPageAsync(link.GetAttribute("href")!)));
    }

    [Fact]
    public async Task The_publishers_have_16_and_9_projects()
    {
        Assert.Equal(16, SeedDocuments.Projects.Count(p => p.Publisher == "leader-polaris"));
        Assert.Equal(9, SeedDocuments.Projects.Count(p => p.Publisher == "mala-kommun"));

        Assert.Equal(16, ResultCount(await _client.GetPageAsync("/projekt?organisation=leader-polaris")));
        Assert.Equal(9, ResultCount(await _client.GetPageAsync("/projekt?organisation=mala-kommun")));
    }

    [Fact]
    public async Task The_search_form_asks_the_project_list()
    {
        var page = await _client.GetPageAsync("/");
        var form = page.QuerySelector<IHtmlFormElement>("form[role=search]");
        Assert.NotNull(form);
        Assert.Equal("/projekt", new Uri(form.Action).AbsolutePath);
        var q = form.QuerySelector<IHtmlInputElement>("input[name=q]");
        Assert.NotNull(q);
        Assert.Contains($"Sök bland {SeedDocuments.Projects.Count} projekt", form.ReadableText(), StringComparison.Ordinal);
        q.Value = "transferlösningar";

        var result = await _client.SubmitAsync(form);

        Assert.Equal(1, ResultCount(result));
        Assert.Equal(["/projekt/exportfokus"], result.QuerySelectorAll("li.project-card h3 a").Select(a => a.GetAttribute("href")));
        Assert.Equal("transferlösningar", result.QuerySelector("input#q")?.GetAttribute("value"));
    }

    [GeneratedRegex(@"^(\d+) projekt")]
    private static partial Regex LeadingNumber();
}
