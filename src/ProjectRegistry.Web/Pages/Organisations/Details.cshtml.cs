using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Pages.Shared;

namespace ProjectRegistry.Web.Pages.Organisations;

[OutputCache(PolicyName = PublicCache.Policy)]
public class DetailsModel(RegistryDbContext db) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public List<ProjectSummary> Published { get; private set; } = [];
    public IReadOnlyList<Money> PublishedBudgets { get; private set; } = [];
    public List<ProjectSummary> Owned { get; private set; } = [];
    public List<PartnerRow> PartnerIn { get; private set; } = [];
    public List<FinancedRow> Financed { get; private set; } = [];
    public IReadOnlyList<Money> FinancedSums { get; private set; } = [];

    public sealed record PartnerRow(string Slug, string Title, ProjectStatus Status, Money? Share, string? Role);

    public sealed record FinancedRow(string Slug, string Title, ProjectStatus Status, Money? Amount, string? AccountingReference, string? Note);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking()
            .Include(o => o.Municipality)
            .Include(o => o.AreaMunicipalities.OrderBy(m => m.Name))
            .Include(o => o.GoalAreas.OrderBy(g => g.Position)).ThenInclude(g => g.DirectionGoals.OrderBy(d => d.Position))
            .AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Slug == slug, ct);
        if (organisation is null) return NotFound();
        Organisation = organisation;
        var id = organisation.Id;
        var projects = db.PublicProjects.AsNoTracking();

        Published = await ProjectSummary.ListAsync(db, projects.Where(p => p.PublisherId == id).OrderBy(p => p.Title), ct);
        PublishedBudgets = MoneySums.PerCurrency((await projects
                .Where(p => p.PublisherId == id && p.Budget != null)
                .GroupBy(p => p.Budget!.Currency)
                .Select(g => new { Currency = g.Key, Sum = g.Sum(p => p.Budget!.MinorUnits) })
                .ToListAsync(ct)).Select(x => (x.Currency, x.Sum)));
        Owned = await ProjectSummary.ListAsync(db, projects.Where(p => p.OwnerId == id).OrderBy(p => p.Title), ct);
        PartnerIn = (await db.ProjectPartners.AsNoTracking()
                .Where(x => x.OrganisationId == id)
                .Join(projects, x => x.ProjectId, p => p.Id, (x, p) => new { p.Slug, p.Title, p.Status, x.BudgetShare, x.Role })
                .OrderBy(x => x.Title)
                .ToListAsync(ct))
            .Select(x => new PartnerRow(x.Slug, x.Title, x.Status, x.BudgetShare, x.Role)).ToList();

        var financed = await db.ProjectFinanciers.AsNoTracking()
            .Where(f => f.OrganisationId == id)
            .Join(projects, f => f.ProjectId, p => p.Id, (f, p) => new { p.Slug, p.Title, p.Status, f.Amount, f.AccountingReference, f.Note })
            .OrderBy(x => x.Title)
            .ToListAsync(ct);
        Financed = financed.Select(x => new FinancedRow(x.Slug, x.Title, x.Status, x.Amount, x.AccountingReference, x.Note)).ToList();
        FinancedSums = MoneySums.PerCurrency(Financed.Where(f => f.Amount is not null)
            .GroupBy(f => f.Amount!.Currency).Select(g => (g.Key, g.Sum(f => f.Amount!.MinorUnits))));
        return Page();
    }
}
