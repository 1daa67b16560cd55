using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin.Organisations;

/// <summary>
/// An organisation an editor added from the project form ("ny, ej granskad"): the admin confirms it, merges it into
/// one the registry already has (every reference moved, in one transaction, in the audit log), or corrects it on the
/// organisation's own page (a save there confirms it too). Only a new one is confirmed or merged here, and one with
/// staff accounts is not merged: an account's organisations change on its own page, never as a side effect.
/// </summary>
public class ReviewModel(RegistryDbContext db, AuditLog audit) : PageModel
{
    /// <summary>The line the admin layout shows after the redirect (post/redirect/get).</summary>
    [TempData]
    public string? Status { get; set; }

    public Organisation Organisation { get; private set; } = null!;
    public int ProjectCount { get; private set; }

    /// <summary>Staff accounts that work for it: a merge never moves them (issue 24, L6), so it waits until they are moved by hand.</summary>
    public int StaffCount { get; private set; }

    /// <summary>Names that nearly match, offered first in the merge list.</summary>
    public List<(int Id, string Name)> NearMatches { get; private set; } = [];
    public List<(int Id, string Name)> Others { get; private set; } = [];

    [BindProperty]
    public int? MergeInto { get; set; }

    public string? MergeProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Organisation.Review != OrganisationReview.New) return RedirectToPage("/Admin/Organisations/Index");
        await db.Organisations.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Review, OrganisationReview.Reviewed), ct);
        await audit.WriteAsync(AuditKind.OrganisationConfirmed, Organisation.Name, $"id {id}, tillagd av {Organisation.AddedBy ?? "okänd"}", ct);
        Status = $"{Organisation.Name} är granskad och godkänd.";
        return RedirectToPage("/Admin/Organisations/Index");
    }

    public async Task<IActionResult> OnPostMergeAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // Only an organisation an editor added and nobody has reviewed: an established publisher is never merged away here.
        if (Organisation.Review != OrganisationReview.New)
        {
            MergeProblem = $"{Organisation.Name} är redan granskad. Bara en ny, ogranskad organisation slås ihop här.";
            return Page();
        }
        if (StaffCount > 0)
        {
            MergeProblem = $"{Organisation.Name} har {StaffCount} {(StaffCount == 1 ? "personalkonto" : "personalkonton")}. En sammanslagning flyttar inga konton: ändra deras organisationer under Konton först.";
            return Page();
        }
        if (MergeInto is not { } into || into == id || (NearMatches.All(n => n.Id != into) && Others.All(n => n.Id != into)))
        {
            MergeProblem = "Välj den organisation som den nya ska slås ihop med.";
            return Page();
        }
        var name = NearMatches.Concat(Others).First(n => n.Id == into).Name;
        db.ChangeTracker.Clear();
        var moved = await OrganisationRules.MergeAsync(db, id, into,
            detail => audit.WriteAsync(AuditKind.OrganisationMerged, name, detail, ct), ct);
        Status = $"{Organisation.Name} är sammanslagen med {name}. {moved} projekt hänvisar nu till {name}.";
        return RedirectToPage("/Admin/Organisations/Index");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) is not { } organisation) return false;
        Organisation = organisation;
        StaffCount = await db.Users.CountAsync(u => u.Organisations.Any(o => o.Id == id), ct);
        ProjectCount = await db.Projects.IgnoreQueryFilters().CountAsync(p => p.PublisherId == id || p.OwnerId == id
            || p.Partners.Any(x => x.OrganisationId == id) || p.Financiers.Any(x => x.OrganisationId == id), ct);
        var all = await db.Organisations.AsNoTracking().Where(o => o.Id != id).OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        NearMatches = OrganisationRules.NearMatches(organisation.Name, all.Select(o => KeyValuePair.Create(o.Id, o.Name)), max: 5);
        Others = all.Where(o => NearMatches.All(n => n.Id != o.Id)).Select(o => (o.Id, o.Name)).ToList();
        return true;
    }
}
