using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Infrastructure.Caching;
using ProjectRegistry.Web.Search;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Pages.Shared;

namespace ProjectRegistry.Web.Pages.Projects;

[OutputCache(PolicyName = PublicCache.ProjectListPolicy)]
public class IndexModel(RegistryDbContext db, ProjectSearch search, DisplayNames names, Infrastructure.Mail.Mailer mailer) : PageModel
{
    /// <summary>"Bevaka den här sökningen" needs mail: without SMTP the form is not offered.</summary>
    public bool OffersAlerts => mailer.IsConfigured;

    public ProjectFilter Filter { get; private set; } = new();
    public List<ProjectSummary> Projects { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Pager.CountPages(Total, ProjectFilter.PageSize);
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
        var request = new SearchRequest
        {
            Skip = (Filter.Page - 1) * ProjectFilter.PageSize, Take = ProjectFilter.PageSize,
            Counts = Counts.Budgets | Counts.Financiers, Facets = true, Snippets = true, Summaries = true,
        };
        var result = await search.RunAsync(Filter, request, ct);
        Total = result.Total;
        if (Filter.Page > PageCount)
        {
            Notes.Add($"Sidan {Filter.Page} finns inte, listan har {PageCount} {(PageCount == 1 ? "sida" : "sidor")}. Första sidan visas.");
            Filter = Filter with { Page = 1 };
            result = await search.RunAsync(Filter, request with { Skip = 0 }, ct);
        }
        if (result.SearchedQuery is not null)
            Notes.Add($"Inga träffar för ”{result.TypedQuery}”. Visar träffar för ”{result.SearchedQuery}”.");
        Projects = [.. result.Projects];
        BudgetSums = result.BudgetSums(result.Tally);
        Facets = await ProjectFacets.LoadAsync(db, names, Filter, result, Notes, ct);
        // The financiers of exactly the matching projects: the main tally counted them.
        var top = result.Financiers(result.Tally).OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Take(10).ToList();
        var financierNames = await names.OrganisationsAsync(db, top.Select(t => t.Key), ct);
        TopFinanciers = top.Where(t => financierNames.ContainsKey(t.Key)).Select(t => (t.Key, financierNames[t.Key], t.Value))
            .OrderByDescending(t => t.Value).ThenBy(t => t.Item2, StringComparer.CurrentCulture).Take(3).ToList();
        await DescribeViewAsync(ct);
    }

    private async Task DescribeViewAsync(CancellationToken ct)
    {
        if (await PublisherListAsync(db, Filter.Organisation, ct) is not { } list) return;
        (Heading, Intro) = list;
    }

    /// <summary>The heading and intro of a publisher's own list ("Beviljade projekt – Leader Polaris"), here and in its embed.</summary>
    public static async Task<(string Heading, string? Intro)?> PublisherListAsync(RegistryDbContext db, string? organisation, CancellationToken ct)
    {
        if (organisation is null) return null;
        var publisher = await db.Organisations.AsNoTracking()
            .Where(o => o.Slug == organisation && o.ListTitle != null)
            .Select(o => new { o.Name, o.ListTitle, o.ListIntro })
            .FirstOrDefaultAsync(ct);
        return publisher is null ? null : ($"{publisher.ListTitle} – {publisher.Name}", publisher.ListIntro);
    }

    public string LinkWith(ProjectFilter filter) => "/projekt" + filter.ToQueryString();
}
