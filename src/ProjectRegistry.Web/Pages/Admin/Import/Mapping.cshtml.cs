using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin.Import;

/// <summary>
/// Import step 2: which field each of the sheet's columns fills. Guessed from the headers (the registry's own
/// export maps itself) or taken from the organisation's last import; saved for the next one.
/// </summary>
public class MappingModel(RegistryDbContext db, StaffContext staff, TimeProvider clock, ImportUploads uploads) : PageModel
{
    public string Id { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string OrganisationName { get; private set; } = "";
    public IReadOnlyList<string> Headers { get; private set; } = [];

    /// <summary>The first row's value of each column, to recognise it by.</summary>
    public IReadOnlyList<string?> Examples { get; private set; } = [];
    public int RowCount { get; private set; }
    /// <summary>Whether a column's field came from the organisation's earlier imports rather than a guess.</summary>
    public bool Remembered { get; private set; }

    /// <summary>The chosen field key per column ("" = not imported).</summary>
    [BindProperty]
    public List<string?> Fields { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var (upload, sheet) = await LoadAsync(id);
        if (upload is null || sheet is null) return Gone();
        if (upload.Mapping is { } chosen) Fields = chosen;
        else
        {
            var remembered = await RememberedAsync(upload.OrganisationId);
            Remembered = remembered is not null && Headers.Any(h => remembered.ContainsKey(ImportFields.Normalise(h)));
            Fields = ImportFields.Guess(Headers, remembered);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id)
    {
        var (upload, sheet) = await LoadAsync(id);
        if (upload is null || sheet is null) return Gone();
        ModelState.Clear();
        while (Fields.Count < Headers.Count) Fields.Add(null);
        Fields = Fields.Take(Headers.Count).Select(f => ImportFields.Find(f) is null ? null : f).ToList();
        for (var i = 0; i < Fields.Count; i++)
            if (Fields[i] is { } key && Fields.IndexOf(key) is var first && first < i)
                ModelState.AddModelError($"Fields[{i}]", $"Kolumnerna ”{Headers[first]}” och ”{Headers[i]}” är båda kopplade till {ImportFields.Find(key)!.Label}. Koppla fältet till en av dem.");
        if (!Fields.Contains(ImportFields.Title) && !Fields.Contains(ImportFields.Slug) && !Fields.Contains(ImportFields.JournalNumber))
            ModelState.AddModelError("Fields[0]", "Koppla en kolumn till Titel (för nya projekt), eller till Adress eller Jordbruksverkets ärendenummer (för att ändra projekt som redan finns).");
        if (ModelState.ErrorCount > 0) return Page();

        await RememberAsync(upload.OrganisationId, Fields);
        await uploads.WriteAsync(upload with { Mapping = Fields });
        return RedirectToPage("/Admin/Import/Preview", new { id });
    }

    private async Task<(ImportUploads.Upload?, SheetData?)> LoadAsync(string id)
    {
        var upload = await uploads.FindAsync(id, staff.UserId, clock.GetUtcNow().UtcDateTime);
        if (upload is null || !await staff.CanEditPublisherAsync(upload.OrganisationId)) return (null, null);
        var sheet = await uploads.SheetAsync(upload);
        (Id, FileName, Headers, RowCount) = (upload.Id, upload.FileName, sheet.Headers, sheet.Rows.Count);
        Examples = sheet.Headers.Select((_, i) => sheet.Rows.Select(r => r[i]).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))).ToList();
        OrganisationName = await db.Organisations.Where(o => o.Id == upload.OrganisationId).Select(o => o.Name).SingleAsync();
        return (upload, sheet);
    }

    private async Task<Dictionary<string, string>?> RememberedAsync(int organisationId)
    {
        var json = await db.ImportMappings.AsNoTracking().Where(m => m.OrganisationId == organisationId).Select(m => m.ColumnsJson).SingleOrDefaultAsync();
        return json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);
    }

    /// <summary>
    /// Added to what the organisation's earlier sheets taught: a column another sheet of theirs had keeps its
    /// field; a header seen again takes the new choice.
    /// </summary>
    private async Task RememberAsync(int organisationId, List<string?> fields)
    {
        var mapping = await db.ImportMappings.SingleOrDefaultAsync(m => m.OrganisationId == organisationId);
        var columns = mapping is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(mapping.ColumnsJson) ?? [];
        for (var i = 0; i < Headers.Count; i++)
        {
            var header = ImportFields.Normalise(Headers[i]);
            // A header a field was taken from must not keep that field for another header too.
            foreach (var other in columns.Where(c => c.Value.Length > 0 && c.Value == fields[i] && c.Key != header).Select(c => c.Key).ToList())
                columns.Remove(other);
            columns[header] = fields[i] ?? "";
        }
        var json = JsonSerializer.Serialize(columns);
        if (mapping is null) db.ImportMappings.Add(new ImportMapping { OrganisationId = organisationId, ColumnsJson = json, UpdatedAt = clock.GetUtcNow().UtcDateTime });
        else (mapping.ColumnsJson, mapping.UpdatedAt) = (json, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
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
