namespace ProjectRegistry.Web.Domain;

/// <summary>
/// What one member of staff last had in the project form and has not saved: kept on every post-back of the form
/// and, where JavaScript runs, every 30 seconds, so that a reload, a closed tab or a click elsewhere loses nothing.
/// Theirs alone: never public, never a revision; deleted when they save the project.
/// </summary>
public class ProjectDraft
{
    public long Id { get; set; }
    public required string StaffUserId { get; set; }

    /// <summary>The project the form edits; null for the form of a new project.</summary>
    public int? ProjectId { get; set; }

    /// <summary>The posted form as JSON of <see cref="Editing.ProjectInput"/>.</summary>
    public required string InputJson { get; set; }
    public DateTime SavedAt { get; set; }
}
