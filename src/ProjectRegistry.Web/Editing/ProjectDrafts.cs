using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Editing;

/// <summary>
/// A staff member's unsaved project form, kept on every post-back and autosave so that nothing typed is lost: one
/// draft per person and project (or new project), replaced each time, removed when the form is saved or discarded.
/// </summary>
public static class ProjectDrafts
{
    /// <summary>
    /// How a draft's form is written: <see cref="ProjectInput"/>'s own names, so a draft reads back whatever the form
    /// binds, and Swedish letters as they are, so that a draft reads in the database as it was typed.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static Task<ProjectDraft?> FindAsync(RegistryDbContext db, string? userId, int? projectId) =>
        db.ProjectDrafts.AsNoTracking().Where(d => d.StaffUserId == userId && d.ProjectId == projectId)
            .OrderByDescending(d => d.SavedAt).FirstOrDefaultAsync();

    /// <summary>The form a draft kept, or null when it cannot be read.</summary>
    public static ProjectInput? Read(ProjectDraft draft) => JsonSerializer.Deserialize<ProjectInput>(draft.InputJson, Json);

    /// <summary>Whether two forms say the same (a draft that only repeats the saved project is not offered).</summary>
    public static bool Same(ProjectInput a, ProjectInput b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json);

    /// <summary>Keeps the form as this staff member's draft of this project.</summary>
    public static async Task KeepAsync(RegistryDbContext db, string? userId, int? projectId, ProjectInput input, DateTime now)
    {
        if (userId is null) return;
        var draft = await db.ProjectDrafts.Where(d => d.StaffUserId == userId && d.ProjectId == projectId)
            .OrderByDescending(d => d.SavedAt).FirstOrDefaultAsync();
        var json = JsonSerializer.Serialize(input, Json);
        if (draft is null) db.ProjectDrafts.Add(new ProjectDraft { StaffUserId = userId, ProjectId = projectId, InputJson = json, SavedAt = now });
        else (draft.InputJson, draft.SavedAt) = (json, now);
        await db.SaveChangesAsync();
    }

    /// <summary>Removes this staff member's drafts of the project, and with <paramref name="alsoNew"/> of a new one.</summary>
    public static async Task DeleteAsync(RegistryDbContext db, string? userId, int? projectId, bool alsoNew = false)
    {
        if (userId is null) return;
        await db.ProjectDrafts.Where(d => d.StaffUserId == userId && (d.ProjectId == projectId || (alsoNew && d.ProjectId == null))).ExecuteDeleteAsync();
    }
}
