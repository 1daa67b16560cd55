using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Pages.Organisations;

[OutputCache(PolicyName = PublicCache.Policy)]
public class IndexModel(RegistryDbContext db) : PageModel
{
    public List<Row> Rows { get; private set; } = [];

    public sealed record Row(string Slug, string Name, OrganisationKind Kind, int Published, int Owned, int Financed);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // One GROUP BY per measure over the public projects, joined to the organisations in memory: a count
        // per organisation in SQL would run a subquery over every project for each of them (orgs × projects).
        var projects = db.PublicProjects.AsNoTracking();
        var published = await projects
            .GroupBy(p => p.PublisherId)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        var owned = await projects
            .Where(p => p.OwnerId != null)
            .GroupBy(p => p.OwnerId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        // Projects, not financier rows: an organisation listed twice on one project finances it once.
        var financed = await projects
            .SelectMany(p => p.Financiers)
            .GroupBy(f => f.OrganisationId)
            .Select(g => new { Id = g.Key, Count = g.Select(f => f.ProjectId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count, ct);

        var organisations = await db.Organisations.AsNoTracking()
            .OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Slug, o.Name, o.Kind })
            .ToListAsync(ct);
        Rows = organisations.Select(o => new Row(o.Slug, o.Name, o.Kind,
            published.GetValueOrDefault(o.Id), owned.GetValueOrDefault(o.Id), financed.GetValueOrDefault(o.Id))).ToList();
    }
}
