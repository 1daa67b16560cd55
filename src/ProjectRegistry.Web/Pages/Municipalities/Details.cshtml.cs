using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Pages.Shared;

namespace ProjectRegistry.Web.Pages.Municipalities;

[OutputCache(PolicyName = PublicCache.PagedPolicy)]
public class DetailsModel(RegistryDbContext db) : PageModel
{
    public Municipality Municipality { get; private set; } = null!;
    /// <summary>One page of the municipality's projects, by title.</summary>
    public List<ProjectSummary> Projects { get; private set; } = [];
    public int Total { get; private set; }
    public Pager Pager { get; private set; } = null!;
    public IReadOnlyList<Money> BudgetSums { get; private set; } = [];
    public int ProjectsWithoutBudget { get; private set; }

    /// <summary>The municipality as an organisation (Malå kommun), where it publishes, owns or finances projects.</summary>
    public List<(string Slug, string Name)> Organisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string kommunkod, CancellationToken ct)
    {
        if (!Municipality.IsValidCode(kommunkod)) return NotFound();
        var municipality = await db.Municipalities.AsNoTracking().FirstOrDefaultAsync(m => m.Code == kommunkod, ct);
        if (municipality is null) return NotFound();
        Municipality = municipality;

        // The list's own filter: it starts from the link table, not from every project.
        var here = new Projects.ProjectFilter { Municipalities = [kommunkod] }.Apply(db);
        Total = await here.CountAsync(ct);
        var page = Pager.Parse(Request.Query[Pager.QueryKey], Total);
        Pager = new Pager(page, Pager.CountPages(Total), i => i == 1 ? $"/kommuner/{kommunkod}" : $"/kommuner/{kommunkod}?sida={i}", $"Sidor med projekt i {municipality.Name}");
        Projects = await ProjectSummary.ListAsync(db,
            here.OrderBy(p => p.Title).ThenBy(p => p.Id).Skip((page - 1) * Pager.PageSize).Take(Pager.PageSize), ct);
        BudgetSums = MoneySums.PerCurrency((await here.Where(p => p.Budget != null)
                .GroupBy(p => p.Budget!.Currency)
                .Select(g => new { Currency = g.Key, Sum = g.Sum(p => p.Budget!.MinorUnits) })
                .ToListAsync(ct)).Select(x => (x.Currency, x.Sum)));
        ProjectsWithoutBudget = await here.CountAsync(p => p.Budget == null, ct);
        Organisations = (await db.Organisations.AsNoTracking().Where(o => o.MunicipalityCode == kommunkod)
            .Select(o => new { o.Slug, o.Name }).ToListAsync(ct)).Select(o => (o.Slug, o.Name)).ToList();
        return Page();
    }
}
