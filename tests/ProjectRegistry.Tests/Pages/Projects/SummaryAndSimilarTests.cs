using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Pages.Projects;

[Collection(SeededApp.Name)]
public class SummaryAndSimilarTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task The_summary_above_the_list_sums_budgets_per_currency_for_the_filter()
    {
        var page = await _client.GetPageAsync("/projekt?kommun=2418");

        var summary = page.QuerySelector("[aria-label='Sammanfattning av urvalet']")!.ReadableText().Replace('\u00a0', ' ');
        // Exportfokus 3 900 000 kr + Park Malåborg 100 000 kr; Bärkraft's euros are never added to them.
        Assert.Contains("Sammanlagd budget: 4 000 000 kr och 1 522 196 €", summary, StringComparison.Ordinal);
        Assert.Contains("Malå kommun (6)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_page_suggests_projects_that_share_its_goal_area_municipalities_or_financiers()
    {
        var page = await _client.GetPageAsync("/projekt/exportfokus");

        var similar = page.QuerySelectorAll("section[aria-labelledby='similar-heading'] li.project-card h3 a")
            .Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(3, similar.Count);
        Assert.DoesNotContain("/projekt/exportfokus", similar);
        // Bärkraft and Digitala steget share its goal area, its four municipalities and Gold of Lapland's financing.
        Assert.Contains("/projekt/barkraft", similar);
        Assert.Contains("/projekt/digitala-steget", similar);
    }
}
