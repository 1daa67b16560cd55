using AngleSharp.Dom;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Pages.Organisations;

[Collection(SeededApp.Name)]
public class DetailsTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    public static TheoryData<string> OrganisationSlugs => [.. SeedDocuments.Organisations.Select(o => o.Get("slug")!)];

    private static List<string> Sorted(IEnumerable<string> slugs) => slugs.Order(StringComparer.Ordinal).ToList();

    private static List<string> Published(string org) => Sorted(SeedDocuments.Projects.Where(p => p.Publisher == org).Select(p => p.Slug));

    private static List<string> Owned(string org) => Sorted(SeedDocuments.Projects.Where(p => p.Yaml.Get("projektagare") == org).Select(p => p.Slug));

    private static List<string> PartnerIn(string org) =>
        Sorted(SeedDocuments.Projects.Where(p => p.Yaml.List("partner").Any(x => x.Get("organisation") == org)).Select(p => p.Slug));

    /// <summary>Each project the organisation finances, with what its entry in the project file says.</summary>
    private static List<(string Slug, YamlNode Entry)> Financed(string org) =>
        SeedDocuments.Projects
            .SelectMany(p => p.Yaml.List("finansiarer").Where(f => f.Get("organisation") == org).Select(f => (p.Slug, f)))
            .OrderBy(x => x.Slug, StringComparer.Ordinal)
            .ToList();

    /// <summary>The projects listed in one section of the page, by the id its heading has.</summary>
    private static List<string> ListedIn(IDocument page, string sectionId) =>
        Sorted(page.QuerySelectorAll($"section[aria-labelledby='{sectionId}'] li.project-card h3 a, section[aria-labelledby='{sectionId}'] tbody th a").Select(a => SlugOf(a.GetAttribute("href")!)));

    private static string SlugOf(string href)
    {
        Assert.StartsWith("/projekt/", href, StringComparison.Ordinal);
        return href["/projekt/".Length..];
    }

    private static List<IElement> FinancedRows(IDocument page) =>
        page.QuerySelectorAll("section[aria-labelledby='finansierar'] tbody tr").ToList();

    private static string Text(IElement element) => SwedishText.Normalise(element.TextContent);

    [Theory]
    [MemberData(nameof(OrganisationSlugs))]
    public async Task The_page_lists_the_projects_the_organisation_publishes_owns_carries_out_and_finances(string slug)
    {
        var page = await _client.GetPageAsync($"/organisationer/{slug}");

        Assert.Equal(SeedDocuments.OrganisationName(slug), page.QuerySelector("h1")?.ReadableText());
        Assert.Equal(Published(slug), ListedIn(page, "publicerar"));
        Assert.Equal(Owned(slug), ListedIn(page, "ager"));
        Assert.Equal(PartnerIn(slug), ListedIn(page, "genomfor"));
        Assert.Equal(Financed(slug).Select(f => f.Slug).ToList(), Sorted(FinancedRows(page).Select(r => SlugOf(r.QuerySelector("th a")!.GetAttribute("href")!))));
    }

    [Theory]
    [MemberData(nameof(OrganisationSlugs))]
    public async Task Each_financed_project_shows_the_amount_and_accounting_reference_from_its_file(string slug)
    {
        var expected = Financed(slug);

        var page = await _client.GetPageAsync($"/organisationer/{slug}");

        var rows = FinancedRows(page).ToDictionary(r => SlugOf(r.QuerySelector("th a")!.GetAttribute("href")!), r => r.QuerySelectorAll("td").Select(Text).ToList());
        foreach (var (project, entry) in expected)
        {
            var cells = rows[project];
            Assert.Equal(entry.Get("belopp") is { } amount ? SwedishText.Money(amount) : "Anges inte", cells[1]);
            Assert.Equal(string.Join("; ", new[] { entry.Get("kontering"), entry.Get("anteckning") }.OfType<string>()), cells[2]);
        }
    }

    [Theory]
    [MemberData(nameof(OrganisationSlugs))]
    public async Task The_known_amounts_an_organisation_finances_are_summed_per_currency(string slug)
    {
        var amounts = Financed(slug).Select(f => f.Entry.Get("belopp")).OfType<string>().ToList();

        var page = await _client.GetPageAsync($"/organisationer/{slug}");

        var text = SwedishText.Normalise(page.Body!.TextContent);
        if (Financed(slug).Count == 0)
            Assert.DoesNotContain("Kända belopp sammanlagt", text, StringComparison.Ordinal);
        else
            Assert.Contains($"Kända belopp sammanlagt: {SwedishText.Sums(amounts)}.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malå_kommun_shows_its_list_of_closed_projects_and_what_it_finances()
    {
        var financedAmounts = Financed("mala-kommun").Select(f => f.Entry.Get("belopp")).OfType<string>().ToList();

        var page = await _client.GetPageAsync("/organisationer/mala-kommun");

        Assert.Equal("Avslutade projekt", page.QuerySelector("h2#publicerar")?.ReadableText());
        Assert.Equal(9, ListedIn(page, "publicerar").Count);
        Assert.Equal("Finansierar", page.QuerySelector("h2#finansierar")?.ReadableText());
        Assert.Equal(["135 000 SEK", "231 982 SEK", "90 000 SEK"], financedAmounts.Order(StringComparer.Ordinal));
        Assert.Equal("456 982 kr", SwedishText.Sums(financedAmounts));
        var text = SwedishText.Normalise(page.Body!.TextContent);
        Assert.Contains("Kända belopp sammanlagt: 456 982 kr.", text, StringComparison.Ordinal);
        var rows = FinancedRows(page).Select(Text).ToList();
        Assert.Contains(rows, r => r.StartsWith("Exportfokus Avslutat 135 000 kr verksamhet 228", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("Bärkraft Avslutat 231 982 kr verksamhet 228", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("Digitala steget Avslutat 90 000 kr verksamhet 227, projekt 5780", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_publisher_page_sums_its_projects_budgets_per_currency_never_across_currencies()
    {
        foreach (var publisher in new[] { "mala-kommun", "leader-polaris" })
        {
            var budgets = SeedDocuments.Projects.Where(p => p.Publisher == publisher).Select(p => p.Yaml.Get("budget")).OfType<string>();

            var page = await _client.GetPageAsync($"/organisationer/{publisher}");

            Assert.Contains($"Projektens sammanlagda budget, där den anges: {SwedishText.Sums(budgets)}.", SwedishText.Normalise(page.Body!.TextContent), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Gold_of_Lapland_shows_what_it_owns_carries_out_with_its_budget_share_and_finances()
    {
        var page = await _client.GetPageAsync("/organisationer/gold-of-lapland");

        Assert.Equal(["exportfokus"], ListedIn(page, "ager"));
        Assert.Equal(["barkraft", "digitala-steget"], ListedIn(page, "genomfor"));
        Assert.Equal(["barkraft", "digitala-steget", "exportfokus"], Sorted(FinancedRows(page).Select(r => SlugOf(r.QuerySelector("th a")!.GetAttribute("href")!))));
        // Its own share of Bärkraft's budget, as the source page says: "varav Gold of Laplands budget: 563 000 €".
        var partnerSection = page.QuerySelector("section[aria-labelledby='genomfor']");
        Assert.NotNull(partnerSection);
        foreach (var share in new[] { "563 000 €", "450 000 kr" })
        {
            Assert.True(
                Text(partnerSection).Contains(share, StringComparison.Ordinal),
                $"”Genomför tillsammans med andra” visar inte Gold of Laplands budgetandel {share}: ”{Text(partnerSection)}”");
        }
    }

    [Fact]
    public async Task The_regional_fund_lists_the_projects_it_finances()
    {
        var page = await _client.GetPageAsync("/organisationer/eruf");

        Assert.Equal(["exportfokus", "mojligheternas-region", "nimr", "regai"], Sorted(FinancedRows(page).Select(r => SlugOf(r.QuerySelector("th a")!.GetAttribute("href")!))));
        Assert.Equal(Financed("eruf").Select(f => f.Slug), Sorted(FinancedRows(page).Select(r => SlugOf(r.QuerySelector("th a")!.GetAttribute("href")!))));
        Assert.Contains("Kända belopp sammanlagt: Inga belopp angivna.", SwedishText.Normalise(page.Body!.TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_municipality_organisation_links_to_its_municipality()
    {
        var page = await _client.GetPageAsync("/organisationer/mala-kommun");

        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/kommuner/2418");
    }

    [Fact]
    public async Task A_name_ending_in_s_gets_no_extra_genitive_s()
    {
        var page = await _client.GetPageAsync("/organisationer/leader-polaris");

        var search = page.QuerySelectorAll("a").Single(a => a.GetAttribute("href") == "/projekt?organisation=leader-polaris");
        // Swedish writes "Leader Polaris projekt" (or "Leader Polaris' projekt"), never "Leader Polariss".
        Assert.DoesNotContain("Polariss", search.ReadableText(), StringComparison.Ordinal);
        Assert.EndsWith("16 projekt", search.ReadableText(), StringComparison.Ordinal);
    }
}
