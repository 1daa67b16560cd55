using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Pages.Shared;

namespace ProjectRegistry.Web.Pages.Organisations;

[OutputCache(PolicyName = PublicCache.OrganisationPolicy)]
public class DetailsModel(RegistryDbContext db) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    /// <summary>The query keys this page reads (the output cache varies on these only): which list is paged, and its page.</summary>
    public static readonly string[] QueryKeys = ["lista", Pager.QueryKey];

    /// <summary>The names of the lists in ?lista= and the ids of their sections.</summary>
    public static class Lists
    {
        public const string Published = "publicerar";
        public const string Owned = "ager";
        public const string Partner = "genomfor";
        public const string Financed = "finansierar";
    }

    public List<ProjectSummary> Published { get; private set; } = [];
    public int PublishedCount { get; private set; }
    public Pager PublishedPager { get; private set; } = null!;
    public int OwnedCount { get; private set; }
    public Pager OwnedPager { get; private set; } = null!;
    public int PartnerCount { get; private set; }
    public Pager PartnerPager { get; private set; } = null!;
    public int FinancedCount { get; private set; }
    public Pager FinancedPager { get; private set; } = null!;
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

        var published = projects.Where(p => p.PublisherId == id);
        var owned = projects.Where(p => p.OwnerId == id);
        var partnerIn = db.ProjectPartners.AsNoTracking().Where(x => x.OrganisationId == id)
            .Join(projects, x => x.ProjectId, p => p.Id, (x, p) => new { p.Id, p.Slug, p.Title, p.Status, x.BudgetShare, x.Role });
        var financed = db.ProjectFinanciers.AsNoTracking().Where(f => f.OrganisationId == id)
            .Join(projects, f => f.ProjectId, p => p.Id, (f, p) => new { p.Id, p.Slug, p.Title, p.Status, f.Amount, f.AccountingReference, f.Note });

        // Each list is paged on its own (?lista=ager&sida=2): a large financier has thousands of projects.
        PublishedCount = await published.CountAsync(ct);
        PublishedPager = PagerFor(Lists.Published, PublishedCount);
        Published = await ProjectSummary.ListAsync(db, published.OrderBy(p => p.Title).ThenBy(p => p.Id).Skip(Skip(PublishedPager)).Take(Pager.PageSize), ct);
        PublishedBudgets = MoneySums.PerCurrency((await published.Where(p => p.Budget != null)
                .GroupBy(p => p.Budget!.Currency)
                .Select(g => new { Currency = g.Key, Sum = g.Sum(p => p.Budget!.MinorUnits) })
                .ToListAsync(ct)).Select(x => (x.Currency, x.Sum)));

        OwnedCount = await owned.CountAsync(ct);
        OwnedPager = PagerFor(Lists.Owned, OwnedCount);
        Owned = await ProjectSummary.ListAsync(db, owned.OrderBy(p => p.Title).ThenBy(p => p.Id).Skip(Skip(OwnedPager)).Take(Pager.PageSize), ct);

        PartnerCount = await partnerIn.CountAsync(ct);
        PartnerPager = PagerFor(Lists.Partner, PartnerCount);
        PartnerIn = (await partnerIn.OrderBy(x => x.Title).ThenBy(x => x.Id).Skip(Skip(PartnerPager)).Take(Pager.PageSize).ToListAsync(ct))
            .Select(x => new PartnerRow(x.Slug, x.Title, x.Status, x.BudgetShare, x.Role)).ToList();

        FinancedCount = await financed.CountAsync(ct);
        FinancedPager = PagerFor(Lists.Financed, FinancedCount);
        Financed = (await financed.OrderBy(x => x.Title).ThenBy(x => x.Id).Skip(Skip(FinancedPager)).Take(Pager.PageSize).ToListAsync(ct))
            .Select(x => new FinancedRow(x.Slug, x.Title, x.Status, x.Amount, x.AccountingReference, x.Note)).ToList();
        FinancedSums = MoneySums.PerCurrency((await financed.Where(x => x.Amount != null)
                .GroupBy(x => x.Amount!.Currency)
                .Select(g => new { Currency = g.Key, Sum = g.Sum(x => x.Amount!.MinorUnits) })
                .ToListAsync(ct)).Select(x => (x.Currency, x.Sum)));
        return Page();
    }

    private Pager PagerFor(string list, int total)
    {
        var page = Request.Query["lista"] == list ? Pager.Parse(Request.Query[Pager.QueryKey], total) : 1;
        var slug = Organisation.Slug;
        return new Pager(page, Pager.CountPages(total),
            i => i == 1 ? $"/organisationer/{slug}#{list}" : $"/organisationer/{slug}?lista={list}&sida={i}#{list}",
            $"Sidor i listan ”{ListLabel(list)}”");
    }

    private static string ListLabel(string list) => list switch
    {
        Lists.Published => "Publicerar",
        Lists.Owned => "Projektägare för",
        Lists.Partner => "Genomför tillsammans med andra",
        _ => "Finansierar",
    };

    private static int Skip(Pager pager) => (pager.Page - 1) * Pager.PageSize;
}
