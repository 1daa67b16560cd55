using Microsoft.AspNetCore.Mvc.RazorPages;
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

namespace ProjectRegistry.Web.Pages;

[OutputCache(PolicyName = PublicCache.Policy)]
public class IndexModel(RegistryDbContext db, ProjectSearch search) : PageModel
{
    public int Total { get; private set; }
    public List<(ProjectStatus Status, int Count)> StatusCounts { get; private set; } = [];
    public List<ProjectSummary> Recent { get; private set; } = [];
    public List<Publisher> Publishers { get; private set; } = [];

    public sealed record Publisher(string Slug, string Name, string ListTitle, int Count);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // One pass over the index: the counts, and the five most recently updated.
        var result = await search.RunAsync(new ProjectFilter(), new SearchRequest
        {
            Take = 5, Sort = ProjectSort.Updated, Counts = Counts.Statuses | Counts.Publishers, Summaries = true,
        }, ct);
        var counts = result.Statuses(result.Tally);
        StatusCounts = ProjectStatuses.All.Where(s => counts.ContainsKey(s.Status)).Select(s => (s.Status, counts[s.Status])).ToList();
        Total = result.Total;
        Recent = [.. result.Projects];
        var published = result.Publishers(result.Tally);
        Publishers = (await db.Organisations.AsNoTracking().Where(o => o.ListTitle != null)
                .Select(o => new { o.Slug, o.Name, o.ListTitle })
                .OrderBy(o => o.Name).ToListAsync(ct))
            .Select(o => new Publisher(o.Slug, o.Name, o.ListTitle!, published.GetValueOrDefault(o.Slug))).ToList();
    }
}
