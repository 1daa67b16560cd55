using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Pages.Admin.Organisations;

public class IndexModel(RegistryDbContext db) : PageModel
{
    public List<Row> Rows { get; private set; } = [];

    /// <summary>"ny": only those an editor added that no admin has reviewed yet (the start page links here).</summary>
    [BindProperty(SupportsGet = true, Name = "granskning")]
    public string? ReviewFilter { get; set; }

    public bool OnlyNew => ReviewFilter == "ny";

    public sealed record Row(
        int Id, string Name, OrganisationKind Kind, string? MunicipalityCode, string? ListTitle,
        int Publishes, int Owns, int PartnerIn, int Finances, bool IsNew);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var organisations = db.Organisations.AsNoTracking();
        if (OnlyNew) organisations = organisations.Where(o => o.Review == OrganisationReview.New);
        // Counted from Projects as staff see it: drafts and hidden statuses included, the bin not.
        var rows = await organisations
            .OrderBy(o => o.Name)
            .Select(o => new
            {
                o.Id, o.Name, o.Kind, o.MunicipalityCode, o.ListTitle, o.Review,
                Publishes = db.Projects.Count(p => p.PublisherId == o.Id),
                Owns = db.Projects.Count(p => p.OwnerId == o.Id),
                PartnerIn = db.Projects.Count(p => p.Partners.Any(x => x.OrganisationId == o.Id)),
                Finances = db.Projects.Count(p => p.Financiers.Any(f => f.OrganisationId == o.Id)),
            })
            .ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Id, r.Name, r.Kind, r.MunicipalityCode, r.ListTitle, r.Publishes, r.Owns, r.PartnerIn, r.Finances, r.Review == OrganisationReview.New)).ToList();
    }
}
