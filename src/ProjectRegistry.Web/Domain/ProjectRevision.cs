namespace ProjectRegistry.Web.Domain;

/// <summary>
/// One save of a project: who, when, what changed field by field, and the whole state after the save,
/// so that any revision can be restored.
/// </summary>
public class ProjectRevision
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    public int Number { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public RevisionKind Kind { get; set; }

    /// <summary>Where a change came from when the kind alone does not say, e.g. "Import från projekt.xlsx".</summary>
    public string? Note { get; set; }

    /// <summary>JSON list of <see cref="FieldChange"/>.</summary>
    public required string ChangesJson { get; set; }

    /// <summary>JSON of the project's editable state after this revision.</summary>
    public required string SnapshotJson { get; set; }
}

public sealed record FieldChange(string Field, string? Before, string? After);

public enum RevisionKind
{
    Created = 0,
    Edited = 1,
    Published = 2,
    Unpublished = 3,
    Deleted = 4,
    Undeleted = 5,
    Restored = 6,
    Imported = 7,
    FilesChanged = 8,
    SheetImported = 9,
}

public static class RevisionKinds
{
    public static string Label(this RevisionKind kind) => kind switch
    {
        RevisionKind.Created => "Skapat",
        RevisionKind.Edited => "Ändrat",
        RevisionKind.Published => "Publicerat",
        RevisionKind.Unpublished => "Avpublicerat",
        RevisionKind.Deleted => "Borttaget",
        RevisionKind.Undeleted => "Borttagning ångrad",
        RevisionKind.Restored => "Återställt från en tidigare version",
        RevisionKind.Imported => "Inläst från källfilerna",
        RevisionKind.FilesChanged => "Filer och bilder ändrade",
        RevisionKind.SheetImported => "Import från kalkylark",
        _ => kind.ToString(),
    };
}
