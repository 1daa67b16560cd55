using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Pages.Admin.Organisations;

public class IndexModel(RegistryDbContext db) : PageModel
{
    public List<Row> Rows { get; private set; } = [];

    public sealed record Row(
        int Id, string Name, OrganisationKind Kind, string? MunicipalityCode, string? ListTitle,
        int Publishes, int Owns, int PartnerIn, int Finances);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Counted from Projects as staff see it: drafts and hidden statuses included, the bin not.
        var rows = await db.Organisations.AsNoTracking()
            .OrderBy(o => o.Name)
            .Select(o => new
            {
                o.Id, o.Name, o.Kind, o.MunicipalityCode, o.ListTitle,
                Publishes = db.Projects.Count(p => p.PublisherId == o.Id),
                Owns = db.Projects.Count(p => p.OwnerId == o.Id),
                PartnerIn = db.Projects.Count(p => p.Partners.Any(x => x.OrganisationId == o.Id)),
                Finances = db.Projects.Count(p => p.Financiers.Any(f => f.OrganisationId == o.Id)),
            })
            .ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Id, r.Name, r.Kind, r.MunicipalityCode, r.ListTitle, r.Publishes, r.Owns, r.PartnerIn, r.Finances)).ToList();
    }
}
