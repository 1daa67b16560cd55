using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Infrastructure.Security;
using ProjectRegistry.Web.Uploads;

namespace ProjectRegistry.Web.Pages.Admin.Projects;

/// <summary>
/// A project's documents and pictures: upload, edit the texts, choose the main picture, remove. Each change is a
/// revision of the project; a removed file is only marked, so restoring a revision that had it brings it back.
/// The page takes a 20 MB file plus the form (<see cref="RequestBodyLimit"/> counts it); every other page keeps
/// the server's limits.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public class FilesModel(RegistryDbContext db, StaffContext staff, TimeProvider clock, IConfiguration configuration, ILogger<FilesModel> logger) : PageModel
{
    /// <summary>The line the admin layout shows after the redirect (post/redirect/get).</summary>
    [TempData]
    public string? Status { get; set; }

    /// <summary>The file and the form's few texts and token.</summary>
    public const int MaxRequestBytes = FileStore.MaxFileBytes + 64 * 1024;

    [BindProperty]
    public ProjectFileInput Upload { get; set; } = new();

    /// <summary>The texts of the file being edited (<see cref="EditedFileId"/>).</summary>
    [BindProperty]
    public ProjectFileInput Edit { get; set; } = new();

    public int ProjectId { get; private set; }
    public string ProjectTitle { get; private set; } = "";
    public List<Row> Files { get; private set; } = [];

    /// <summary>Set when an edit was refused, so that its row shows what was typed and why.</summary>
    public int? EditedFileId { get; private set; }

    public sealed record Row(ProjectFile File, string Description, string? PreviewUrl);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var (project, denied) = await LoadAsync(id);
        return denied ?? Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file)
    {
        var (project, denied) = await LoadAsync(id);
        if (denied is not null) return denied;
        ModelState.Clear();
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Välj en fil att ladda upp.");
            return Page();
        }
        if (file.Length > FileStore.MaxFileBytes)
        {
            ModelState.AddModelError("file", $"Filen är {FileStore.MegaBytes(file.Length)}. Den får vara högst 20 MB.");
            return Page();
        }
        if (await FileQuota.ProblemAsync(db, configuration, project!.Id, project.PublisherId, file.Length, HttpContext.RequestAborted) is { } full)
        {
            ModelState.AddModelError("file", full);
            return Page();
        }
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes);
        var now = clock.GetUtcNow().UtcDateTime;
        var (created, problem) = FileStore.Create(bytes, file.FileName, now);
        var textsOk = Upload.Validate(ModelState, nameof(Upload), created?.IsImage ?? FileTypes.Detect(bytes)?.IsImage() ?? false);
        if (created is null) ModelState.AddModelError("file", problem!);
        if (created is null || !textsOk)
        {
            // The browser cannot fill in the file again, but every text typed is kept.
            if (created is not null) ModelState.AddModelError("file", "Välj filen igen när du har rättat felen.");
            return Page();
        }
        Upload.ApplyTo(created);
        // The first picture becomes the main picture; another can be chosen later.
        created.IsMain = created.IsImage && !project!.Files.Any(f => f.RemovedAt is null && f.IsMain);
        var before = ProjectHistory.Take(project!);
        project!.Files.Add(created);
        await SaveAsync(project, before, now);
        logger.LogInformation("Fil {FileId} ({Format}, {Size} byte) uppladdad till projekt {ProjectId} av användare {UserId}", created.Id, created.Format, created.Size, project.Id, staff.UserId);
        Status = $"”{created.Title}” är uppladdad" + (project.IsPublished ? " och syns på projektets sida." : ".");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEditAsync(int id, int fileId)
    {
        var (project, denied) = await LoadAsync(id);
        if (denied is not null) return denied;
        if (project!.Files.FirstOrDefault(f => f.Id == fileId && f.RemovedAt is null) is not { } file) return NotFound();
        ModelState.Clear();
        if (!Edit.Validate(ModelState, nameof(Edit), file.IsImage))
        {
            EditedFileId = fileId;
            return Page();
        }
        var changes = ProjectFileInput.Compare(file, Edit).ToList();
        if (changes.Count > 0)
        {
            var before = ProjectHistory.Take(project);
            Edit.ApplyTo(file);
            await SaveAsync(project, before, clock.GetUtcNow().UtcDateTime, changes);
        }
        Status = changes.Count > 0 ? $"Ändringarna av ”{file.Title}” är sparade." : "Inget var ändrat.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostMainAsync(int id, int fileId)
    {
        var (project, denied) = await LoadAsync(id);
        if (denied is not null) return denied;
        if (project!.Files.FirstOrDefault(f => f.Id == fileId && f.RemovedAt is null && f.IsImage) is not { } file) return NotFound();
        var before = ProjectHistory.Take(project);
        foreach (var f in project.Files) f.IsMain = f == file;
        await SaveAsync(project, before, clock.GetUtcNow().UtcDateTime);
        Status = $"”{file.Title}” är nu projektets huvudbild.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int fileId)
    {
        var (project, denied) = await LoadAsync(id);
        if (denied is not null) return denied;
        if (project!.Files.FirstOrDefault(f => f.Id == fileId && f.RemovedAt is null) is not { } file) return NotFound();
        var before = ProjectHistory.Take(project);
        var now = clock.GetUtcNow().UtcDateTime;
        file.RemovedAt = now;
        file.IsMain = false;
        await SaveAsync(project, before, now);
        Status = $"”{file.Title}” är borttagen. Den kan tas tillbaka genom att återställa en tidigare version i ändringshistoriken.";
        return RedirectToPage(new { id });
    }

    /// <summary>A picture's original as uploaded, for staff only: it may carry the camera's EXIF and GPS data.</summary>
    public async Task<IActionResult> OnGetOriginalAsync(int id, int fileId)
    {
        var (project, denied) = await LoadAsync(id);
        if (denied is not null) return denied;
        // An address without a file of this project (stale, or typed) leads back to the project's files.
        if (project!.Files.FirstOrDefault(f => f.Id == fileId) is not { } file) return RedirectToPage(new { id });
        var bytes = await db.ProjectFileContents.AsNoTracking()
            .Where(c => c.FileId == file.Id && c.Variant == ProjectFileContent.Original).Select(c => c.Bytes).FirstAsync();
        Response.Headers.ContentSecurityPolicy = "sandbox";
        return File(bytes, FileFormats.Of(file.Format).ContentType, file.FileName);
    }

    /// <summary>A web size for the thumbnails here, which a draft's files need (the public address answers 404 for them).</summary>
    public async Task<IActionResult> OnGetSizeAsync(int id, long contentId)
    {
        var (project, denied) = await LoadAsync(id);
        if (denied is not null) return denied;
        var ids = project!.Files.Select(f => f.Id).ToList();
        var size = await db.ProjectFileContents.AsNoTracking()
            .Where(c => c.Id == contentId && ids.Contains(c.FileId) && c.Variant != ProjectFileContent.Original)
            .Select(c => new { c.Bytes, c.ContentType }).FirstOrDefaultAsync();
        return size is null ? RedirectToPage(new { id }) : File(size.Bytes, size.ContentType);
    }

    private async Task SaveAsync(Project project, ProjectSnapshot before, DateTime now, IEnumerable<FieldChange>? changes = null)
    {
        var lookups = await ProjectLookups.LoadAsync(db, staff, project.Id);
        lookups.Publishers.TryAdd(project.PublisherId, project.Publisher.Name);
        await ProjectHistory.SaveWithRevisionAsync(db, project, before, RevisionKind.FilesChanged, lookups, staff, now, changes);
    }

    /// <summary>The project with its files' metadata, or the answer: 404 if it does not exist, 403 if it is not this account's.</summary>
    private async Task<(Project? Project, IActionResult? Denied)> LoadAsync(int id)
    {
        var project = await ProjectHistory.WithEverything(db.Projects).FirstOrDefaultAsync(p => p.Id == id);
        if (project is null) return (null, NotFound());
        if (!await staff.CanEditPublisherAsync(project.PublisherId)) return (null, Forbid());
        ProjectId = project.Id;
        ProjectTitle = project.Title;
        var shown = project.Files.Where(f => f.RemovedAt is null).OrderByDescending(f => f.IsMain).ThenBy(f => f.Id).ToList();
        var ids = shown.Where(f => f.IsImage).Select(f => f.Id).ToList();
        // The smallest web size of each picture as its thumbnail; the bytes stay in the database.
        var previews = (await db.ProjectFileContents.AsNoTracking()
                .Where(c => ids.Contains(c.FileId) && c.Variant != ProjectFileContent.Original)
                .Select(c => new { c.Id, c.FileId, c.Variant, c.Hash, c.ContentType }).ToListAsync())
            .GroupBy(c => c.FileId).ToDictionary(g => g.Key, g => g.MinBy(c => c.Variant)!);
        Files = shown.Select(f => new Row(f, FileStore.Describe(f.Format, f.Size),
            previews.GetValueOrDefault(f.Id) is { } p ? $"/admin/projekt/{project.Id}/filer?handler=Size&contentId={p.Id}" : null)).ToList();
        return (project, null);
    }

    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
