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

namespace ProjectRegistry.Web.Pages.Organisations;

[OutputCache(PolicyName = PublicCache.OrganisationPolicy)]
public class DetailsModel(RegistryDbContext db, ProjectSearch search) : PageModel
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
    /// <summary>The published projects' financing by kind of contribution, per currency.</summary>
    public IReadOnlyList<FinancingByKind> PublishedFinancing { get; private set; } = [];
    public List<ProjectSummary> Owned { get; private set; } = [];
    public List<PartnerRow> PartnerIn { get; private set; } = [];
    public List<FinancedRow> Financed { get; private set; } = [];
    public IReadOnlyList<Money> FinancedSums { get; private set; } = [];

    /// <summary>A publisher's projects against its strategy's budgets and indicator targets; null for other organisations.</summary>
    public StrategyFollowUp? FollowUp { get; private set; }

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

        // Each list is paged on its own (?lista=ager&sida=2): a large financier has thousands of projects. Which
        // projects are in a list, how many, in what order and their sums come from the index; the rows from the database.
        (var published, PublishedPager, var publishedPage) = await ListAsync(Lists.Published, new ProjectFilter { Organisation = slug }, new SearchRequest { Counts = Counts.Budgets | Counts.Contributions, Summaries = true }, ct);
        PublishedCount = published.Total;
        Published = [.. publishedPage.Projects];
        PublishedBudgets = published.BudgetSums(published.Tally);
        PublishedFinancing = published.FinancingByKind(published.Tally);

        (var owned, OwnedPager, var ownedPage) = await ListAsync(Lists.Owned, new ProjectFilter(), new SearchRequest { Owner = slug, Summaries = true }, ct);
        OwnedCount = owned.Total;
        Owned = [.. ownedPage.Projects];

        (var partnerIn, PartnerPager, var partnerPage) = await ListAsync(Lists.Partner, new ProjectFilter(), new SearchRequest { Partner = slug }, ct);
        PartnerCount = partnerIn.Total;
        var partnerIds = partnerPage.Ids.ToList();
        var partnerRows = await db.ProjectPartners.AsNoTracking().Where(x => x.OrganisationId == id && partnerIds.Contains(x.ProjectId))
            .Join(db.PublicProjects, x => x.ProjectId, p => p.Id, (x, p) => new { p.Id, p.Slug, p.Title, p.Status, x.BudgetShare, x.Role, x.Position })
            .ToListAsync(ct);
        PartnerIn = partnerRows.OrderBy(x => partnerIds.IndexOf(x.Id)).ThenBy(x => x.Position)
            .Select(x => new PartnerRow(x.Slug, x.Title, x.Status, x.BudgetShare, x.Role)).ToList();

        (var financed, FinancedPager, var financedPage) = await ListAsync(Lists.Financed, new ProjectFilter { Financier = slug }, new SearchRequest { Counts = Counts.FinancierAmounts }, ct);
        FinancedCount = financed.Total;
        var financedIds = financedPage.Ids.ToList();
        var financedRows = await db.ProjectFinanciers.AsNoTracking().Where(f => f.OrganisationId == id && financedIds.Contains(f.ProjectId))
            .Join(db.PublicProjects, f => f.ProjectId, p => p.Id, (f, p) => new { p.Id, p.Slug, p.Title, p.Status, f.Amount, f.AccountingReference, f.Note, f.Position })
            .ToListAsync(ct);
        Financed = financedRows.OrderBy(x => financedIds.IndexOf(x.Id)).ThenBy(x => x.Position)
            .Select(x => new FinancedRow(x.Slug, x.Title, x.Status, x.Amount, x.AccountingReference, x.Note)).ToList();
        FinancedSums = financed.FinancierAmounts(financed.Tally, slug);

        if (organisation.IsPublisher) FollowUp = await StrategyFollowUp.LoadAsync(db, search, organisation, new ProjectFilter(), ct);
        return Page();
    }

    /// <summary>
    /// One list's count and sums, and its page by title. Only the list named in ?lista= can be past its first page,
    /// and only its page waits for the total: every other list's first page comes with its count.
    /// </summary>
    private async Task<(SearchResult Result, Pager Pager, SearchResult Page)> ListAsync(string list, ProjectFilter filter, SearchRequest request, CancellationToken ct)
    {
        var result = await search.RunAsync(filter, request with { Take = Pager.PageSize, Sort = ProjectSort.Title }, ct);
        var pager = PagerFor(list, result.Total);
        if (pager.Page == 1) return (result, pager, result);
        var page = await search.RunAsync(filter, request with { Skip = Skip(pager.Page), Take = Pager.PageSize, Sort = ProjectSort.Title, Counts = Counts.None }, ct);
        return (result, pager, page);
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

    private static int Skip(int page) => (page - 1) * Pager.PageSize;
}
