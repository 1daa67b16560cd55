using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Pages.Shared;

namespace ProjectRegistry.Web.Pages;

[OutputCache(PolicyName = PublicCache.Policy)]
public class IndexModel(RegistryDbContext db) : PageModel
{
    public int Total { get; private set; }
    public List<(ProjectStatus Status, int Count)> StatusCounts { get; private set; } = [];
    public List<ProjectSummary> Recent { get; private set; } = [];
    public List<Publisher> Publishers { get; private set; } = [];

    public sealed record Publisher(string Slug, string Name, string ListTitle, int Count);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var projects = db.PublicProjects.AsNoTracking();
        var counts = await projects.GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        StatusCounts = ProjectStatuses.All
            .Select(s => (s.Status, counts.FirstOrDefault(c => c.Key == s.Status)?.Count ?? 0))
            .Where(x => x.Item2 > 0).ToList();
        Total = counts.Sum(c => c.Count);
        Recent = await ProjectSummary.ListAsync(db, projects.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Title).Take(5), ct);
        Publishers = (await db.Organisations.AsNoTracking().Where(o => o.ListTitle != null)
                .Select(o => new { o.Slug, o.Name, o.ListTitle, Count = db.PublicProjects.Count(p => p.PublisherId == o.Id) })
                .OrderBy(o => o.Name).ToListAsync(ct))
            .Select(o => new Publisher(o.Slug, o.Name, o.ListTitle!, o.Count)).ToList();
    }
}
