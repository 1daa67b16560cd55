using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Pages.Shared;

namespace ProjectRegistry.Web.Pages.Municipalities;

[OutputCache(PolicyName = PublicCache.Policy)]
public class DetailsModel(RegistryDbContext db) : PageModel
{
    public Municipality Municipality { get; private set; } = null!;
    public List<ProjectSummary> Projects { get; private set; } = [];
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

        var here = db.PublicProjects.AsNoTracking().Where(p => p.Municipalities.Any(m => m.Code == kommunkod));
        Projects = await ProjectSummary.ListAsync(db, here.OrderBy(p => p.Title), ct);
        BudgetSums = MoneySums.PerCurrency((await here.Where(p => p.Budget != null)
                .GroupBy(p => p.Budget!.Currency)
                .Select(g => new { Currency = g.Key, Sum = g.Sum(p => p.Budget!.MinorUnits) })
                .ToListAsync(ct)).Select(x => (x.Currency, x.Sum)));
        ProjectsWithoutBudget = Projects.Count(p => p.Budget is null);
        Organisations = (await db.Organisations.AsNoTracking().Where(o => o.MunicipalityCode == kommunkod)
            .Select(o => new { o.Slug, o.Name }).ToListAsync(ct)).Select(o => (o.Slug, o.Name)).ToList();
        return Page();
    }
}
