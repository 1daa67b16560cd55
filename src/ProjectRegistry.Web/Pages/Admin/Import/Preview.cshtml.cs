using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin.Import;

/// <summary>
/// Import step 3: what the sheet would create and change, and every problem by row and column. "Importera"
/// builds the same plan again from the kept file (nothing the browser sends decides what is written) and writes
/// it in one transaction, only when no row has a problem.
/// </summary>
public class PreviewModel(RegistryDbContext db, StaffContext staff, TimeProvider clock, ImportUploads uploads, ILogger<PreviewModel> logger) : PageModel
{
    /// <summary>The line the admin layout shows after the redirect (post/redirect/get).</summary>
    [TempData]
    public string? Status { get; set; }

    public string Id { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string OrganisationName { get; private set; } = "";
    public ImportPlan Plan { get; private set; } = new();

    /// <summary>Set when an apply was refused because a project changed after the preview.</summary>
    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var (upload, lookups) = await BuildAsync(id, track: false);
        return upload is null ? Gone() : upload.Mapping is null ? RedirectToPage("/Admin/Import/Mapping", new { id }) : Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(string id, [FromForm(Name = "plan")] string? shown)
    {
        var (upload, lookups) = await BuildAsync(id, track: true);
        if (upload is null) return Gone();
        if (upload.Mapping is null || lookups is null) return RedirectToPage("/Admin/Import/Mapping", new { id });
        if (Plan.Problems.Count > 0) return Page();
        if (shown != Plan.Fingerprint())
        {
            Conflict = "Något har ändrats i registret sedan du förhandsgranskade, så importen skulle inte bli den du såg. Inget är sparat. Här är förhandsgranskningen som den ser ut nu: kontrollera den och importera igen.";
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await Plan.ApplyAsync(db, lookups, staff, upload.FileName, now, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Conflict = "Ett av projekten ändrades av någon annan medan du förhandsgranskade. Inget är sparat. Förhandsgranska igen och importera sedan.";
            (_, _) = await BuildAsync(id, track: false);
            return Page();
        }
        uploads.Delete(upload.Id);
        var (created, updated) = (Plan.Count(ProjectChange.Outcome.Create), Plan.Count(ProjectChange.Outcome.Update));
        logger.LogInformation("Import {ImportId} från {FileName}: {Created} nya och {Updated} ändrade projekt i organisation {OrganisationId}, av användare {UserId}",
            upload.Id, upload.FileName, created, updated, upload.OrganisationId, staff.UserId);
        Status = $"Importen från {upload.FileName} är klar: {Projects(created)} skapade och {Projects(updated)} ändrade."
            + (created > 0 ? " Nya projekt är utkast tills de publiceras." : "");
        return RedirectToPage("/Admin/Import/Index");
    }

    private static string Projects(int n) => n == 1 ? "1 projekt" : $"{n} projekt";

    private async Task<(ImportUploads.Upload?, ProjectLookups?)> BuildAsync(string id, bool track)
    {
        var upload = await uploads.FindAsync(id, staff.UserId, clock.GetUtcNow().UtcDateTime);
        if (upload is null || !await staff.CanEditPublisherAsync(upload.OrganisationId)) return (null, null);
        (Id, FileName) = (upload.Id, upload.FileName);
        OrganisationName = await db.Organisations.Where(o => o.Id == upload.OrganisationId).Select(o => o.Name).SingleAsync();
        if (upload.Mapping is null) return (upload, null);
        var lookups = await ProjectLookups.LoadAsync(db, staff, null);
        var sheet = await uploads.SheetAsync(upload);
        var now = clock.GetUtcNow().UtcDateTime;
        Plan = await ImportPlan.BuildAsync(db, lookups, upload.OrganisationId, sheet, upload.Mapping, track, now, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        return (upload, lookups);
    }

    /// <summary>
    /// An upload that is gone (applied, older than an hour) or was never this account's: back to the upload, with
    /// the same answer either way, so an id says nothing about other people's files.
    /// </summary>
    private RedirectToPageResult Gone()
    {
        TempData[IndexModel.GoneKey] = "Filen finns inte längre kvar på servern (en uppladdad fil sparas i en timme, och tas bort när den är importerad). Ladda upp den igen.";
        return RedirectToPage("/Admin/Import/Index");
    }
}
