using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Pages.Shared;

namespace ProjectRegistry.Web.Pages.Projects;

[OutputCache(PolicyName = PublicCache.ProjectListPolicy)]
public class IndexModel(RegistryDbContext db, IOutputCacheStore cache) : PageModel
{
    public ProjectFilter Filter { get; private set; } = new();
    public List<ProjectSummary> Projects { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + ProjectFilter.PageSize - 1) / ProjectFilter.PageSize);
    public List<string> Notes { get; } = [];

    public ProjectFacets Facets { get; private set; } = new();

    /// <summary>The total budgets of the matching projects, per currency (never SEK and EUR added together).</summary>
    public IReadOnlyList<Money> BudgetSums { get; private set; } = [];

    /// <summary>The organisations that finance most of the matching projects.</summary>
    public List<(string Slug, string Name, int Count)> TopFinanciers { get; private set; } = [];

    /// <summary>A heading for the view when it is one publisher's own list ("Beviljade projekt – Leader Polaris").</summary>
    public string Heading { get; private set; } = "Projekt";
    public string? Intro { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filter = ProjectFilter.Parse(Request.Query);
        Notes.AddRange(Filter.Notes);
        var filtered = Filter.Apply(db);
        Total = await filtered.CountAsync(ct);
        if (Filter.Page > PageCount)
        {
            Notes.Add($"Sidan {Filter.Page} finns inte, listan har {PageCount} {(PageCount == 1 ? "sida" : "sidor")}. Första sidan visas.");
            Filter = Filter with { Page = 1 };
        }
        Projects = await ProjectSummary.ListAsync(db, 
            Filter.Order(db, filtered).Skip((Filter.Page - 1) * ProjectFilter.PageSize).Take(ProjectFilter.PageSize), ct);

        BudgetSums = MoneySums.PerCurrency((await filtered.Where(p => p.Budget != null)
                .GroupBy(p => p.Budget!.Currency)
                .Select(g => new { Currency = g.Key, Sum = g.Sum(p => p.Budget!.MinorUnits) })
                .ToListAsync(ct)).Select(x => (x.Currency, x.Sum)));
        Facets = await ProjectFacets.LoadAsync(db, Filter, Notes, cache, ct);
        // Without a financier chosen, the financier facet has counted exactly the matching projects already.
        TopFinanciers = Filter.Financier is null
            ? Facets.Financiers.Where(f => f.Count > 0).OrderByDescending(f => f.Count).ThenBy(f => f.Label, StringComparer.CurrentCulture).Take(3)
                .Select(f => (f.Value, f.Label, f.Count)).ToList()
            : await TopFinanciersAsync(filtered, ct);
        await DescribeViewAsync(ct);
    }

    private async Task<List<(string Slug, string Name, int Count)>> TopFinanciersAsync(IQueryable<Project> filtered, CancellationToken ct)
    {
        var top = await ProjectFacets.CountFinanciers(filtered).OrderByDescending(x => x.Count).Take(3).ToListAsync(ct);
        var ids = top.Select(t => t.OrganisationId).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => (o.Slug, o.Name), ct);
        return top.Select(t => (names[t.OrganisationId].Slug, names[t.OrganisationId].Name, t.Count))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Name, StringComparer.CurrentCulture).ToList();
    }

    private async Task DescribeViewAsync(CancellationToken ct)
    {
        if (Filter.Organisation is null) return;
        var publisher = await db.Organisations.AsNoTracking()
            .Where(o => o.Slug == Filter.Organisation && o.ListTitle != null)
            .Select(o => new { o.Name, o.ListTitle, o.ListIntro })
            .FirstOrDefaultAsync(ct);
        if (publisher is null) return;
        Heading = $"{publisher.ListTitle} – {publisher.Name}";
        Intro = publisher.ListIntro;
    }

    public string LinkWith(ProjectFilter filter) => "/projekt" + filter.ToQueryString();
}
