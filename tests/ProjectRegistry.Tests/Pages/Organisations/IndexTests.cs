using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Pages.Organisations;

[Collection(SeededApp.Name)]
public class IndexTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Every_organisation_in_the_seed_is_listed_with_a_link_to_its_page()
    {
        var expected = SeedDocuments.Organisations
            .Select(o => ($"/organisationer/{o.Get("slug")}", o.Get("namn")!))
            .Order()
            .ToList();

        var page = await _client.GetPageAsync("/organisationer");

        var listed = page.QuerySelectorAll("main table th[scope=row] a")
            .Select(a => (a.GetAttribute("href")!, a.ReadableText()))
            .Order()
            .ToList();
        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task Each_organisation_shows_how_many_projects_it_publishes_owns_and_finances()
    {
        var page = await _client.GetPageAsync("/organisationer");

        foreach (var org in SeedDocuments.Organisations.Select(o => o.Get("slug")!))
        {
            var row = page.QuerySelectorAll("main table tbody tr").Single(r => r.QuerySelector("th a")?.GetAttribute("href") == $"/organisationer/{org}");
            var counts = row.QuerySelectorAll("td").Select(td => td.ReadableText()).ToList();
            Assert.Equal(
                [
                    SeedDocuments.Projects.Count(p => p.Publisher == org).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    SeedDocuments.Projects.Count(p => p.Yaml.Get("projektagare") == org).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    SeedDocuments.Projects.Count(p => p.Yaml.List("finansiarer").Any(f => f.Get("organisation") == org)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ],
                counts);
        }
    }
}
