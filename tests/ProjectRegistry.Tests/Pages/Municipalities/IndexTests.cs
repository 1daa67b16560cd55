using System.Globalization;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Pages.Municipalities;

[Collection(SeededApp.Name)]
public class IndexTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task All_290_municipalities_are_listed_with_links_to_their_pages()
    {
        var expected = SeedDocuments.Municipalities.Select(m => ($"/kommuner/{m.Code}", m.Name)).Order().ToList();

        var page = await _client.GetPageAsync("/kommuner");

        var listed = page.QuerySelectorAll("main ul.columns li > a").Select(a => (a.GetAttribute("href")!, a.ReadableText())).Order().ToList();
        Assert.Equal(290, expected.Count);
        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task The_municipalities_with_projects_are_listed_with_their_counts()
    {
        var expected = SeedDocuments.Projects.SelectMany(p => p.Yaml.Strings("kommuner"))
            .GroupBy(code => code)
            .Select(g => (g.Key, SeedDocuments.MunicipalityName(g.Key), g.Count().ToString(CultureInfo.InvariantCulture)))
            .Order()
            .ToList();

        var page = await _client.GetPageAsync("/kommuner");

        var rows = page.QuerySelectorAll("main table tbody tr")
            .Select(r => (r.QuerySelectorAll("td")[0].ReadableText(), r.QuerySelector("th a")!.ReadableText(), r.QuerySelector("td.num")!.ReadableText()))
            .Order()
            .ToList();
        Assert.Equal(expected, rows);
    }

    [Fact]
    public async Task The_municipalities_are_grouped_under_the_counties_official_names()
    {
        // Most county names take a genitive s ("Västerbottens län"), a few do not ("Skåne län", "Kalmar län").
        string[] counties =
        [
            "Stockholms län", "Uppsala län", "Södermanlands län", "Östergötlands län", "Jönköpings län", "Kronobergs län",
            "Kalmar län", "Gotlands län", "Blekinge län", "Skåne län", "Hallands län", "Västra Götalands län", "Värmlands län",
            "Örebro län", "Västmanlands län", "Dalarnas län", "Gävleborgs län", "Västernorrlands län", "Jämtlands län",
            "Västerbottens län", "Norrbottens län",
        ];

        var page = await _client.GetPageAsync("/kommuner");

        var headings = page.QuerySelectorAll("main h3").Select(h => h.ReadableText()).ToList();
        Assert.Equal(counties.Order(StringComparer.Ordinal), headings.Order(StringComparer.Ordinal));
    }
}
