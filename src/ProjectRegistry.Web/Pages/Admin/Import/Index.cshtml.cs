using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin.Import;

/// <summary>
/// Import from Excel or CSV, step 1: choose the organisation whose list the sheet fills (an editor only their
/// own) and upload the file. The file is checked to be a readable sheet and kept on the server
/// (<see cref="ImportUploads"/>); the mapping and the preview follow.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public class IndexModel(RegistryDbContext db, StaffContext staff, TimeProvider clock, ImportUploads uploads, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>The file and the form's organisation and token.</summary>
    public const int MaxRequestBytes = (int)SheetReader.MaxBytes + 64 * 1024;

    public const string GoneKey = "ImportGone";

    [BindProperty]
    public int OrganisationId { get; set; }

    /// <summary>Why the reader was sent back here from a mapping or preview whose file is gone.</summary>
    [TempData(Key = GoneKey)]
    public string? Gone { get; set; }

    public Dictionary<int, string> Publishers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Publishers = (await ProjectLookups.LoadAsync(db, staff, null)).Publishers;
        if (Publishers.Count == 0) return Forbid();
        if (!Publishers.ContainsKey(OrganisationId)) OrganisationId = Publishers.Keys.First();
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        Publishers = (await ProjectLookups.LoadAsync(db, staff, null)).Publishers;
        // An editor imports only into their own organisations' lists: the server decides, not the menu.
        if (!Publishers.ContainsKey(OrganisationId) || staff.UserId is not { } userId) return Forbid();
        ModelState.Clear();
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Välj en Excel-fil (.xlsx) eller en CSV-fil att läsa in.");
            return Page();
        }
        if (file.Length > SheetReader.MaxBytes)
        {
            ModelState.AddModelError("file", $"Filen är {file.Length / (1024 * 1024.0):0.#} MB. Den får vara högst {SheetReader.MaxBytes / (1024 * 1024)} MB; dela upp den i flera filer.");
            return Page();
        }
        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension is not (".xlsx" or ".csv" or ".txt"))
        {
            ModelState.AddModelError("file", extension == ".xls"
                ? "Det äldre Excel-formatet .xls går inte att läsa. Spara filen som Excel-arbetsbok (.xlsx) eller CSV och försök igen."
                : "Filen ska vara en Excel-arbetsbok (.xlsx) eller en CSV-fil (.csv).");
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var content = file.OpenReadStream();
        ImportUploads.Upload upload;
        try
        {
            (upload, var sheet) = await uploads.SaveAsync(content, userId, OrganisationId, file.FileName, now);
            if (sheet.Rows.Count == 0)
            {
                uploads.Delete(upload.Id);
                throw new SheetException("Filen har bara en rubrikrad. Lägg till en rad per projekt under rubrikerna.");
            }
        }
        catch (SheetException e)
        {
            ModelState.AddModelError("file", e.Message);
            return Page();
        }
        logger.LogInformation("Import {ImportId}: {FileName} ({Bytes} byte) uppladdad till organisation {OrganisationId} av användare {UserId}",
            upload.Id, upload.FileName, file.Length, OrganisationId, userId);
        return RedirectToPage("/Admin/Import/Mapping", new { id = upload.Id });
    }

    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
