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
        var rows = await db.Organisations.AsNoTracking()
            .Select(o => new
            {
                o.Slug, o.Name, o.Kind,
                Published = db.PublicProjects.Count(p => p.PublisherId == o.Id),
                Owned = db.PublicProjects.Count(p => p.OwnerId == o.Id),
                Financed = db.PublicProjects.Count(p => p.Financiers.Any(f => f.OrganisationId == o.Id)),
            })
            .OrderBy(o => o.Name)
            .ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Slug, r.Name, r.Kind, r.Published, r.Owned, r.Financed)).ToList();
    }
}
