using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Editing;

/// <summary>Writing and reading project revisions: who changed what, field by field, with a snapshot to restore.</summary>
public static class ProjectHistory
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The editable state of a tracked or loaded project (collections included).</summary>
    public static ProjectSnapshot Take(Project p)
    {
        var shown = p.Files.Where(f => f.RemovedAt is null).OrderBy(f => f.Id).ToList();
        return ProjectSnapshot.Of(ProjectInput.FromProject(p), p.IsPublished, p.DeletedAt is not null,
            shown.Select(f => f.Id).ToList(), shown.FirstOrDefault(f => f.IsMain)?.Id);
    }

    /// <summary>
    /// Sets the project's files to those of a restored snapshot: a file it listed is shown again, any other is
    /// marked removed (never deleted, so a later restore can bring it back).
    /// </summary>
    public static void RestoreFiles(Project p, ProjectSnapshot snapshot, DateTime now)
    {
        var keep = snapshot.FileIds ?? [];
        foreach (var f in p.Files)
        {
            if (keep.Contains(f.Id)) f.RemovedAt = null;
            else f.RemovedAt ??= now;
            f.IsMain = f.Id == snapshot.MainFileId && f.IsImage;
        }
    }

    public static ProjectSnapshot? Read(ProjectRevision revision) => ProjectSnapshot.Read(revision.SnapshotJson);

    public static IReadOnlyList<FieldChange> Changes(ProjectRevision revision) =>
        JsonSerializer.Deserialize<List<FieldChange>>(revision.ChangesJson, Json) ?? [];

    /// <summary>
    /// Adds the revision for a save (call before SaveChanges, in the same unit of work). A project that has
    /// no revisions yet (imported from seed-data) first gets one for the state it had, so that state can be
    /// restored too.
    /// </summary>
    public static async Task RecordAsync(
        RegistryDbContext db, int projectId, ProjectSnapshot? before, ProjectSnapshot after, RevisionKind kind,
        ProjectLookups lookups, string? userId, string userName, DateTime now, IEnumerable<FieldChange>? fileChanges = null,
        DateTime? importedAt = null, string? note = null)
    {
        var last = await db.ProjectRevisions.Where(r => r.ProjectId == projectId).MaxAsync(r => (int?)r.Number) ?? 0;
        if (last == 0 && before is not null)
        {
            // Dated when it was read in (the project's creation by the import), not when it was first saved.
            db.ProjectRevisions.Add(New(projectId, ++last, RevisionKind.Imported, [], before, null, "seed-data", importedAt ?? now));
        }
        var changes = ProjectInput.Compare(before?.ToInput(), after.ToInput(), lookups);
        if (before is not null && before.IsPublished != after.IsPublished)
            changes.Insert(0, new FieldChange("Publicerat", YesNo(before.IsPublished), YesNo(after.IsPublished)));
        if (before is not null && before.IsDeleted != after.IsDeleted)
            changes.Insert(0, new FieldChange("Borttaget", YesNo(before.IsDeleted), YesNo(after.IsDeleted)));
        changes.AddRange(await FileChangesAsync(db, before, after));
        if (fileChanges is not null) changes.AddRange(fileChanges);
        var revision = New(projectId, last + 1, kind, changes, after, userId, userName, now);
        revision.Note = note;
        db.ProjectRevisions.Add(revision);
    }

    /// <summary>Files shown and the main picture, by title: the snapshot only holds their ids.</summary>
    private static async Task<List<FieldChange>> FileChangesAsync(RegistryDbContext db, ProjectSnapshot? before, ProjectSnapshot after)
    {
        var was = before?.FileIds ?? [];
        var now = after.FileIds ?? [];
        var changes = new List<FieldChange>();
        if (was.SequenceEqual(now) && before?.MainFileId == after.MainFileId) return changes;
        var ids = was.Concat(now).Append(before?.MainFileId ?? 0).Append(after.MainFileId ?? 0).Distinct().ToList();
        var titles = await db.ProjectFiles.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Title);
        string? List(List<int> list) => list.Count == 0 ? null : string.Join("\n", list.Select(id => titles.GetValueOrDefault(id, $"fil {id}")));
        if (!was.SequenceEqual(now)) changes.Add(new FieldChange("Filer och bilder", List(was), List(now)));
        if (before?.MainFileId != after.MainFileId)
            changes.Add(new FieldChange("Huvudbild", before?.MainFileId is { } b ? titles.GetValueOrDefault(b) : null, after.MainFileId is { } a ? titles.GetValueOrDefault(a) : null));
        return changes;
    }

    /// <summary>
    /// Saves the tracked project and its revision in one transaction: a change is never stored without the
    /// record of who made it.
    /// </summary>
    public static async Task SaveWithRevisionAsync(
        RegistryDbContext db, Project project, ProjectSnapshot? before, RevisionKind kind, ProjectLookups lookups,
        Infrastructure.Security.StaffContext staff, DateTime now, IEnumerable<FieldChange>? fileChanges = null)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        await RecordAsync(db, project.Id, before, Take(project), kind, lookups, staff.UserId, staff.Name, now, fileChanges, project.CreatedAt);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    private static ProjectRevision New(int projectId, int number, RevisionKind kind, List<FieldChange> changes, ProjectSnapshot snapshot, string? userId, string userName, DateTime now) => new()
    {
        ProjectId = projectId,
        Number = number,
        Kind = kind,
        CreatedAt = now,
        UserId = userId,
        UserName = userName,
        ChangesJson = JsonSerializer.Serialize(changes, Json),
        SnapshotJson = snapshot.ToJson(),
    };

    private static string YesNo(bool value) => value ? "Ja" : "Nej";

    /// <summary>A project with everything the form edits, tracked for saving.</summary>
    public static IQueryable<Project> WithEverything(IQueryable<Project> projects) => projects
        .Include(p => p.Partners).Include(p => p.Financiers).Include(p => p.Contacts).Include(p => p.Links)
        .Include(p => p.Identifiers).Include(p => p.Places).Include(p => p.StatusHistory).Include(p => p.Municipalities)
        .Include(p => p.GoalAreas).Include(p => p.DirectionGoals).Include(p => p.IndicatorValues).Include(p => p.Publisher)
        .Include(p => p.Files) // their metadata: the bytes are in another table
        .AsSplitQuery();
}
