using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Editing;

/// <summary>
/// One write of a checked project form (<see cref="ProjectInput"/>), the same for the admin form, the Excel/CSV import
/// and a seed-data file: planned first (a new project, a change with the list of what changed, or no change at all),
/// then applied to the tracked project, and saved with its revision in one transaction.
/// <para>
/// Whether anything changed is decided on every field of <see cref="ProjectFields"/>, read from the project as it is
/// and from the form applied to a scratch copy, so that "450000" and "450 000" are the same budget and a field is
/// never left out of the comparison (a save of only that field would be answered "Inga ändringar" and lost).
/// </para>
/// </summary>
public sealed class ProjectChange
{
    public enum Outcome { Create, Update, Unchanged }

    private ProjectChange(Outcome kind, ProjectInput input, ProjectInput.Parsed parsed, Project? current, IReadOnlyList<FieldChange> changes)
    {
        Kind = kind;
        Input = input;
        Parsed = parsed;
        Current = current;
        Changes = changes;
    }

    public Outcome Kind { get; }

    public ProjectInput Input { get; }

    public ProjectInput.Parsed Parsed { get; }

    /// <summary>The project as it is (tracked, with <see cref="ProjectHistory.WithEverything"/>); null for a new one.</summary>
    public Project? Current { get; }

    /// <summary>What changes, field by field, as the history will show it.</summary>
    public IReadOnlyList<FieldChange> Changes { get; }

    /// <summary>The project after <see cref="Apply"/>.</summary>
    public Project? Project { get; private set; }

    /// <summary>What the project was before <see cref="Apply"/>; null for a new one.</summary>
    public ProjectSnapshot? Before { get; private set; }

    /// <summary>
    /// What writing the checked form onto <paramref name="current"/> would change. <paramref name="published"/>, when
    /// given, is whether the project is to be shown: a change of that alone is a change too.
    /// </summary>
    public static ProjectChange Plan(ProjectInput input, ProjectInput.Parsed parsed, Project? current, ProjectLookups lookups,
        DateTime now, DateOnly today, bool? published = null)
    {
        var after = ProjectInput.FromProject(New(input, parsed, lookups, now, today));
        if (current is null) return new(Outcome.Create, input, parsed, null, ProjectInput.Compare(null, after, lookups));
        var before = ProjectInput.FromProject(current);
        var same = ProjectFields.All.All(f => f.Read(before) == f.Read(after)) && (published is null || published == current.IsPublished);
        return new(same ? Outcome.Unchanged : Outcome.Update, input, parsed, current, ProjectInput.Compare(before, after, lookups));
    }

    /// <summary>Writes the form onto the project (a new one is made, not yet added to the context). Unchanged writes nothing.</summary>
    public Project Apply(ProjectLookups lookups, DateTime now, DateOnly today)
    {
        if (Project is not null) throw new InvalidOperationException("The change is already applied.");
        if (Current is null)
        {
            Project = New(Input, Parsed, lookups, now, today);
            return Project;
        }
        Project = Current;
        if (Kind == Outcome.Unchanged) return Project;
        Before = ProjectHistory.Take(Current);
        Input.ApplyTo(Current, Parsed, lookups, now, today);
        return Project;
    }

    /// <summary>
    /// Saves the applied changes and a revision for each (<paramref name="kindOf"/> says which kind) in one
    /// transaction: a change is never stored without the record of who made it. New projects are added here.
    /// </summary>
    public static async Task SaveAsync(RegistryDbContext db, IReadOnlyList<ProjectChange> changes, Func<ProjectChange, RevisionKind> kindOf,
        ProjectLookups lookups, StaffContext staff, DateTime now, string? note = null, CancellationToken ct = default)
    {
        var written = changes.Where(c => c.Kind != Outcome.Unchanged).ToList();
        if (written.Any(c => c.Project is null)) throw new InvalidOperationException("A change is saved after it is applied.");
        foreach (var change in written.Where(c => c.Kind == Outcome.Create)) db.Projects.Add(change.Project!);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var change in written)
            await ProjectHistory.RecordAsync(db, change.Project!.Id, change.Before, ProjectHistory.Take(change.Project), kindOf(change), lookups,
                staff.UserId, staff.Name, now, importedAt: change.Project.CreatedAt, note: note);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static Project New(ProjectInput input, ProjectInput.Parsed parsed, ProjectLookups lookups, DateTime now, DateOnly today)
    {
        var project = new Project { Slug = parsed.Slug, Title = input.Title, CreatedAt = now };
        input.ApplyTo(project, parsed, lookups, now, today);
        return project;
    }
}
