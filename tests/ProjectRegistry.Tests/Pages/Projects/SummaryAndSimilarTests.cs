using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;

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

    [Theory]
    [InlineData("exportfokus")]
    [InlineData("barkraft")]
    [InlineData("digitala-steget")]
    public async Task Similar_projects_are_ranked_by_shared_goal_areas_then_municipalities_then_financiers(string slug)
    {
        // Computed here from every public project: 3 points per shared goal area, 2 per shared municipality,
        // 1 per shared financier; ties go to the most recently updated.
        List<string> expected;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var all = await db.PublicProjects.AsNoTracking()
                .Select(p => new
                {
                    p.Slug, p.UpdatedAt,
                    Areas = p.GoalAreas.Select(g => g.Id).ToList(),
                    Codes = p.Municipalities.Select(m => m.Code).ToList(),
                    Financiers = p.Financiers.Select(f => f.OrganisationId).ToList(),
                })
                .ToListAsync();
            var self = all.Single(p => p.Slug == slug);
            expected = all.Where(p => p.Slug != slug)
                .Select(p => new
                {
                    p.Slug, p.UpdatedAt,
                    Score = p.Areas.Intersect(self.Areas).Count() * 3 + p.Codes.Intersect(self.Codes).Count() * 2
                        + p.Financiers.Distinct().Intersect(self.Financiers).Count(),
                })
                .Where(p => p.Score > 0)
                .OrderByDescending(p => p.Score).ThenByDescending(p => p.UpdatedAt).ThenBy(p => p.Slug, StringComparer.Ordinal)
                .Take(3).Select(p => "/projekt/" + p.Slug).ToList();
        }

        var page = await _client.GetPageAsync($"/projekt/{slug}");
        var similar = page.QuerySelectorAll("section[aria-labelledby='similar-heading'] li.project-card h3 a")
            .Select(a => a.GetAttribute("href") ?? "").ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, similar);
    }
}
