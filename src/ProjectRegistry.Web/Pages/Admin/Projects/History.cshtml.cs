using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin.Projects;

/// <summary>Every save of a project, field by field, its status dates, and restoring any save after a confirmation step.</summary>
public class HistoryModel(RegistryDbContext db, StaffContext staff, TimeProvider clock) : PageModel
{
    /// <summary>The line the admin layout shows after the redirect (post/redirect/get).</summary>
    [TempData]
    public string? Status { get; set; }

    public int ProjectId { get; private set; }
    public string Title { get; private set; } = "";
    public List<Entry> Revisions { get; private set; } = [];

    /// <summary>The statuses the project has had, oldest first, with the day each took effect.</summary>
    public List<ProjectStatusChange> StatusDates { get; private set; } = [];

    /// <summary>The revision "Återställ" was pressed for (?aterstall=number): the page asks first, and says what would change.</summary>
    public Entry? ToRestore { get; private set; }
    public IReadOnlyList<FieldChange> RestoreChanges { get; private set; } = [];

    public sealed record Entry(long Id, int Number, DateTime CreatedAt, string UserName, RevisionKind Kind, string? Note, IReadOnlyList<FieldChange> Changes, bool IsCurrent);

    public async Task<IActionResult> OnGetAsync(int id, int? aterstall)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.StatusHistory).FirstOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        if (!await staff.CanEditPublisherAsync(project.PublisherId)) return Forbid();
        ProjectId = project.Id;
        Title = project.Title;
        var revisions = await db.ProjectRevisions.AsNoTracking().Where(r => r.ProjectId == id).OrderByDescending(r => r.Number).ToListAsync();
        Revisions = revisions.Select((r, i) => new Entry(r.Id, r.Number, r.CreatedAt, r.UserName, r.Kind, r.Note, ProjectHistory.Changes(r), i == 0)).ToList();
        StatusDates = project.StatusHistory.OrderBy(s => s.EffectiveOn ?? DateOnly.MinValue).ThenBy(s => s.Id).ToList();
        if (aterstall is { } number && Revisions.Find(r => r.Number == number && !r.IsCurrent) is { } entry
            && ProjectHistory.Read(revisions.First(r => r.Number == number)) is { } snapshot)
        {
            ToRestore = entry;
            var lookups = await ProjectLookups.LoadAsync(db, staff, project.Id);
            var current = await ProjectHistory.WithEverything(db.Projects.AsNoTracking()).FirstAsync(p => p.Id == id);
            RestoreChanges = ProjectInput.Compare(ProjectInput.FromProject(current), snapshot.ToInput(), lookups);
        }
        return Page();
    }

    /// <summary>Puts the project back as it was after a revision; that is itself a new revision, so it can be undone.</summary>
    public async Task<IActionResult> OnPostRestoreAsync(int id, long revisionId)
    {
        var project = await ProjectHistory.WithEverything(db.Projects).FirstOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        if (!await staff.CanEditPublisherAsync(project.PublisherId)) return Forbid();
        var revision = await db.ProjectRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == revisionId && r.ProjectId == id);
        if (revision is null || ProjectHistory.Read(revision) is not { } snapshot) return NotFound();

        var lookups = await ProjectLookups.LoadAsync(db, staff, project.Id);
        lookups.Publishers.TryAdd(project.PublisherId, project.Publisher.Name);
        var form = snapshot.ToInput();
        form.Version = project.Version;
        var parsed = form.Validate(ModelState, lookups);
        if (parsed is null)
        {
            // The world moved on since (an organisation or address no longer exists): say what, change nothing.
            Status = "Versionen kunde inte återställas: " + string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToPage(new { id });
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var before = ProjectHistory.Take(project);
        form.ApplyTo(project, parsed, lookups, now, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        ProjectHistory.RestoreFiles(project, snapshot, now);
        await ProjectHistory.SaveWithRevisionAsync(db, project, before, RevisionKind.Restored, lookups, staff, now);
        Status = $"Projektet är återställt till version {revision.Number}. Återställningen är själv en ny version i historiken.";
        return RedirectToPage(new { id });
    }
}
