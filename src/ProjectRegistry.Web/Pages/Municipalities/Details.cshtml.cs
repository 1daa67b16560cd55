using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Infrastructure.Caching;
using ProjectRegistry.Web.Pages.Projects;
using ProjectRegistry.Web.Pages.Shared;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Web.Pages.Municipalities;

[OutputCache(PolicyName = PublicCache.PagedPolicy)]
public class DetailsModel(RegistryDbContext db, ProjectSearch search) : PageModel
{
    public Municipality Municipality { get; private set; } = null!;
    /// <summary>One page of the municipality's projects, by title.</summary>
    public List<ProjectSummary> Projects { get; private set; } = [];
    public int Total { get; private set; }
    public Pager Pager { get; private set; } = null!;
    public IReadOnlyList<Money> BudgetSums { get; private set; } = [];
    /// <summary>The projects' financing by kind of contribution, per currency.</summary>
    public IReadOnlyList<FinancingByKind> Financing { get; private set; } = [];
    public int ProjectsWithoutBudget { get; private set; }

    /// <summary>The municipality as an organisation (Malå kommun), where it publishes, owns or finances projects.</summary>
    public List<(string Slug, string Name)> Organisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string kommunkod, CancellationToken ct)
    {
        if (!Municipality.IsValidCode(kommunkod)) return NotFound();
        var municipality = await db.Municipalities.AsNoTracking().FirstOrDefaultAsync(m => m.Code == kommunkod, ct);
        if (municipality is null) return NotFound();
        Municipality = municipality;

        // The total and sums first: the page asked for is known only with the total (?sida= past the end is the first page).
        var here = new ProjectFilter { Municipalities = [kommunkod] };
        var result = await search.RunAsync(here, new SearchRequest { Counts = Counts.Budgets | Counts.Contributions }, ct);
        Total = result.Total;
        BudgetSums = result.BudgetSums(result.Tally);
        Financing = result.FinancingByKind(result.Tally);
        ProjectsWithoutBudget = Total - result.Tally.BudgetCounts.Sum();
        var page = Pager.Parse(Request.Query[Pager.QueryKey], Total);
        Pager = new Pager(page, Pager.CountPages(Total), i => i == 1 ? $"/kommuner/{kommunkod}" : $"/kommuner/{kommunkod}?sida={i}", $"Sidor med projekt i {municipality.Name}");
        Projects = [.. (await search.RunAsync(here, new SearchRequest { Skip = (page - 1) * Pager.PageSize, Take = Pager.PageSize, Sort = ProjectSort.Title, Summaries = true }, ct)).Projects];
        Organisations = (await db.Organisations.AsNoTracking().Where(o => o.MunicipalityCode == kommunkod)
            .Select(o => new { o.Slug, o.Name }).ToListAsync(ct)).Select(o => (o.Slug, o.Name)).ToList();
        return Page();
    }
}
