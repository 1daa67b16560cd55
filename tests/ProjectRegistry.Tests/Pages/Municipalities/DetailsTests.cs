using System.Globalization;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Pages.Municipalities;

[Collection(SeededApp.Name)]
public class DetailsTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    public static TheoryData<string> SeedMunicipalityCodes =>
        [.. SeedDocuments.Projects.SelectMany(p => p.Yaml.Strings("kommuner")).Distinct().Order(StringComparer.Ordinal)];

    public static TheoryData<string, string> MunicipalityOrganisations
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var o in SeedDocuments.Organisations.Where(o => o.Get("kommunkod") is not null)) data.Add(o.Get("kommunkod")!, o.Get("slug")!);
            return data;
        }
    }

    private static List<SeedDocuments.ProjectFile> ProjectsIn(string code) =>
        SeedDocuments.Projects.Where(p => p.Yaml.Strings("kommuner").Contains(code)).ToList();

    [Theory]
    [MemberData(nameof(SeedMunicipalityCodes))]
    public async Task The_page_lists_exactly_the_projects_that_name_the_municipality(string code)
    {
        var expected = ProjectsIn(code).Select(p => p.Slug).Order(StringComparer.Ordinal).ToList();

        var page = await _client.GetPageAsync($"/kommuner/{code}");

        var listed = page.QuerySelectorAll("li.project-card h3 a").Select(a => a.GetAttribute("href")!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(slug => $"/projekt/{slug}"), listed);
        Assert.Equal($"Projekt i {SeedDocuments.MunicipalityName(code)}", page.QuerySelector("h1")?.ReadableText());
        Assert.Contains($"{expected.Count.ToString(CultureInfo.InvariantCulture)} projekt", SwedishText.Normalise(page.QuerySelector("ul.sums")!.TextContent), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SeedMunicipalityCodes))]
    public async Task The_budget_sum_adds_up_each_currency_on_its_own(string code)
    {
        var budgets = ProjectsIn(code).Select(p => p.Yaml.Get("budget")).ToList();

        var page = await _client.GetPageAsync($"/kommuner/{code}");

        var text = SwedishText.Normalise(page.Body!.TextContent);
        Assert.Contains($"Sammanlagd budget: {SwedishText.Sums(budgets.OfType<string>())}", text, StringComparison.Ordinal);
        var withoutBudget = budgets.Count(b => b is null);
        if (withoutBudget > 0)
            Assert.Contains($"{withoutBudget.ToString(CultureInfo.InvariantCulture)} av projekten anger ingen total budget", text, StringComparison.Ordinal);
        else
            Assert.DoesNotContain("anger ingen total budget", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malå_sums_kronor_and_euro_apart()
    {
        var page = await _client.GetPageAsync("/kommuner/2418");

        // Exportfokus 3 900 000 kr and Park Malåborg 100 000 kr; Bärkraft 1 522 196 €.
        Assert.Contains("Sammanlagd budget: 4 000 000 kr och 1 522 196 €", SwedishText.Normalise(page.Body!.TextContent), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MunicipalityOrganisations))]
    public async Task A_municipality_links_to_itself_as_an_organisation(string code, string organisation)
    {
        var page = await _client.GetPageAsync($"/kommuner/{code}");

        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/organisationer/{organisation}");
    }

    [Fact]
    public async Task Malå_links_to_Malå_kommun()
    {
        var page = await _client.GetPageAsync("/kommuner/2418");

        var link = page.QuerySelectorAll("main a").SingleOrDefault(a => a.GetAttribute("href") == "/organisationer/mala-kommun");
        Assert.NotNull(link);
        Assert.Contains("Malå kommun", link.ReadableText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_municipality_without_projects_says_so()
    {
        var page = await _client.GetPageAsync("/kommuner/0114");

        Assert.Equal("Projekt i Upplands Väsby", page.QuerySelector("h1")?.ReadableText());
        Assert.Contains("Registret har inga projekt som berör Upplands Väsby.", page.Body!.ReadableText(), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("li.project-card"));
    }

    [Theory]
    [InlineData("2418", "Västerbottens län")]
    [InlineData("2523", "Norrbottens län")]
    [InlineData("1280", "Skåne län")]
    public async Task The_county_is_called_by_its_Swedish_name(string code, string county)
    {
        var page = await _client.GetPageAsync($"/kommuner/{code}");

        Assert.Equal($"Kommunkod {code}, {county}.", page.QuerySelector("p.lead")?.ReadableText());
    }
}
