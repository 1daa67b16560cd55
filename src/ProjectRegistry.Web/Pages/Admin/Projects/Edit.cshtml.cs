using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Security;
using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Web.Pages.Admin.Projects;

/// <summary>
/// Create and edit a project with every field. Rows are added and removed by posting the whole form back,
/// so nothing typed is lost and no JavaScript is needed (wwwroot/js/project-form.js does the same without a
/// reload where script runs); every post-back also keeps the form as the staff member's own draft. A save
/// based on an older version is refused and both versions are shown.
/// </summary>
public partial class EditModel(RegistryDbContext db, StaffContext staff, MarkdownRenderer markdown, TimeProvider clock, ILogger<EditModel> logger) : PageModel
{
    /// <summary>The line the admin layout shows after the redirect (post/redirect/get).</summary>
    [TempData]
    public string? Status { get; set; }

    [BindProperty]
    public ProjectInput Input { get; set; } = new();

    public int? ProjectId { get; private set; }
    public string? CurrentSlug { get; private set; }
    public bool IsPublished { get; private set; }
    public bool HiddenByPublisher { get; private set; }
    public ProjectLookups Lookups { get; private set; } = null!;
    public string? PreviewHtml { get; private set; }

    /// <summary>
    /// Set when someone else saved first: who and when, the fields both changed (each to choose), and the fields
    /// taken from their save because only they changed them.
    /// </summary>
    public Conflict? SaveConflict { get; private set; }

    public sealed record Conflict(string SavedBy, DateTime SavedAt, IReadOnlyList<Choice> Choices, IReadOnlyList<string> TakenFromTheirs);

    /// <summary>A field both saves changed: the saved value, this form's value, and the choice made so far (sparad, min or none).</summary>
    public sealed record Choice(string Key, string Label, string? Theirs, string? Mine, string? Chosen);

    /// <summary>The choice for each field both changed, posted as val[Title]=sparad or min.</summary>
    [BindProperty(Name = "val")]
    public Dictionary<string, string> Choices { get; set; } = [];

    /// <summary>The fields that wait for a choice (hidden fields of the merge view), so that a missing choice is noticed.</summary>
    [BindProperty(Name = "valfalt")]
    public List<string> ChoiceFields { get; set; } = [];

    /// <summary>This staff member's unsaved form of this project, offered on opening it: when it was kept.</summary>
    public DateTime? DraftSavedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is null)
        {
            Lookups = await ProjectLookups.LoadAsync(db, staff, null);
            if (Lookups.Publishers.Count == 0) return Forbid();
            Input = new ProjectInput { PublisherId = Lookups.Publishers.Keys.First() };
        }
        else
        {
            var (project, denied) = await LoadAsync(id.Value);
            if (denied is not null) return denied;
            Input = ProjectInput.FromProject(project!);
            Input.BaseRevision = await LastRevisionAsync(project!.Id);
        }
        // A draft that says nothing the saved project does not (a post-back without a change, an autosave that
        // arrived after the save) is not offered.
        if (await FindDraftAsync() is { } draft && ProjectDrafts.Read(draft) is { } kept)
        {
            (kept.Version, kept.BaseRevision) = (Input.Version, Input.BaseRevision);
            if (!ProjectDrafts.Same(kept, Input)) DraftSavedAt = draft.SavedAt;
        }
        return Page();
    }

    // The project form runs its own script (wwwroot/js/project-form.js); every other page runs none.
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context) =>
        SecurityHeaders.AllowOwnScript(Response);

    /// <summary>"Fortsätt där du slutade": the form as this staff member left it.</summary>
    public async Task<IActionResult> OnPostRestoreDraftAsync(int? id)
    {
        var denied = await PrepareRedisplayAsync(id);
        if (denied is not null) return denied;
        if (await FindDraftAsync() is not { } draft) return RedirectToPage("/Admin/Projects/Edit", new { id });
        // The draft keeps the version it was based on: if someone has saved since, the save shows both versions.
        Input = ProjectDrafts.Read(draft) ?? Input;
        return Page();
    }

    /// <summary>"Släng utkastet": the draft goes, the saved project stays as it is.</summary>
    public async Task<IActionResult> OnPostDiscardDraftAsync(int? id)
    {
        var denied = await PrepareRedisplayAsync(id);
        if (denied is not null) return denied;
        await DeleteDraftsAsync();
        Status = "Utkastet är slängt.";
        return RedirectToPage("/Admin/Projects/Edit", new { id });
    }

    /// <summary>
    /// The script's autosave, every 30 seconds while the form has changes: keeps the form as this staff member's
    /// draft and answers 204. Antiforgery and the same access check as every other handler of the form.
    /// </summary>
    public async Task<IActionResult> OnPostAutosaveAsync(int? id)
    {
        var denied = await PrepareRedisplayAsync(id);
        if (denied is not null) return denied;
        await KeepDraftAsync();
        return new NoContentResult();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id, string? publicera)
    {
        Project? project = null;
        if (id is not null)
        {
            var (loaded, denied) = await LoadAsync(id.Value);
            if (denied is not null) return denied;
            project = loaded;
        }
        else
        {
            Lookups = await ProjectLookups.LoadAsync(db, staff, null);
        }
        Input.RemoveBlankRows();
        if (project is not null && ChoiceFields.Count > 0 && project.Version == Input.Version && ApplyChoices(project) is { } unchosen)
        {
            await KeepDraftAsync();
            return await ShowConflictAsync(project, unchosen, []);
        }
        if (!Lookups.Publishers.ContainsKey(Input.PublisherId))
        {
            // An editor may only publish in their own organisations' lists: the server decides, not the menu.
            if (project is null || project.PublisherId != Input.PublisherId || !await staff.CanEditPublisherAsync(Input.PublisherId)) return Forbid();
        }
        ModelState.Clear();
        var parsed = Input.Validate(ModelState, Lookups);
        if (parsed is null)
        {
            await KeepDraftAsync();
            return Page();
        }

        IReadOnlyList<string> taken = [];
        if (project is not null && project.Version != Input.Version)
        {
            var merge = await MergeAsync(project);
            if (merge.Conflicts.Count > 0)
            {
                await KeepDraftAsync();
                return await ShowConflictAsync(project, merge.Conflicts.Select(f => f.Key).ToList(), merge.Taken);
            }
            // Nothing both changed: their changes and mine together, checked again as one form.
            ModelState.Clear();
            parsed = Input.Validate(ModelState, Lookups);
            if (parsed is null)
            {
                await KeepDraftAsync();
                return Page();
            }
            taken = merge.Taken;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        bool? published = publicera switch { "ja" => true, "nej" => false, _ => null };
        var change = ProjectChange.Plan(Input, parsed, project, Lookups, now, today, published);
        if (change.Kind == ProjectChange.Outcome.Unchanged)
        {
            // Nothing changed: no revision, no new version, no search change; the draft has done its work.
            await DeleteDraftsAsync();
            Status = "Inga ändringar att spara.";
            return RedirectToPage("/Admin/Projects/Edit", new { id = project!.Id });
        }
        var isNew = change.Kind == ProjectChange.Outcome.Create;
        project = change.Apply(Lookups, now, today);
        if (published is { } show) project.IsPublished = show;
        if (!isNew) db.Entry(project).Property(p => p.Version).OriginalValue = Input.Version;

        var kind = isNew ? RevisionKind.Created
            : change.Before!.IsPublished != project.IsPublished ? (project.IsPublished ? RevisionKind.Published : RevisionKind.Unpublished)
            : RevisionKind.Edited;
        try
        {
            await ProjectChange.SaveAsync(db, [change], _ => kind, Lookups, staff, now);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our version check and our UPDATE: the same answer as a stale form.
            db.ChangeTracker.Clear();
            var (current, _) = await LoadAsync(project.Id);
            if (current is null) return NotFound();
            var merge = await MergeAsync(current);
            await KeepDraftAsync();
            return await ShowConflictAsync(current, merge.Conflicts.Select(f => f.Key).ToList(), merge.Taken);
        }
        // Saved: the draft this form was kept as has done its work (a new project's too, kept without an id).
        ProjectId = project.Id;
        await DeleteDraftsAsync(alsoNew: isNew);
        logger.LogInformation("Projekt {ProjectId} {Action} av användare {UserId}", project.Id, isNew ? "skapat" : "sparat", staff.UserId);

        Status = (isNew ? "Projektet är skapat" : "Ändringarna är sparade")
            + (project.IsPublished ? " och syns för allmänheten." : ". Det är ett utkast och syns inte för allmänheten än.")
            + (taken.Count > 0 ? $" Någon annan hade sparat under tiden; deras ändringar av {string.Join(", ", taken)} är kvar." : "");
        return RedirectToPage("/Admin/Projects/Edit", new { id = project.Id });
    }

    /// <summary>Renders the description as the public page would, without saving and without JavaScript.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int? id)
    {
        var denied = await PrepareRedisplayAsync(id);
        if (denied is not null) return denied;
        PreviewHtml = markdown.ToHtml(Input.Description);
        if (PreviewHtml.Length == 0) PreviewHtml = "<p>Beskrivningen är tom.</p>";
        await KeepDraftAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAddRowAsync(int? id, string? kind)
    {
        var denied = await PrepareRedisplayAsync(id);
        if (denied is not null) return denied;
        if (kind is null || !ProjectRowKinds.All.TryGetValue(kind, out var rows)) return BadRequest();
        rows.Add(Input);
        FocusRow = kind;
        FocusField = rows.FirstField(rows.Count(Input) - 1);
        await KeepDraftAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveRowAsync(int? id, string? kind, int index)
    {
        var denied = await PrepareRedisplayAsync(id);
        if (denied is not null) return denied;
        if (kind is null || !ProjectRowKinds.All.TryGetValue(kind, out var rows)) return BadRequest();
        rows.RemoveAt(Input, index);
        FocusRow = kind;
        // The row that took the removed one's place, or the group's add button when none did.
        FocusField = index < rows.Count(Input) ? rows.FirstField(index) : $"add-{kind}";
        await KeepDraftAsync();
        return Page();
    }

    /// <summary>The group whose rows just changed, so the page opens at it.</summary>
    public string? FocusRow { get; private set; }

    /// <summary>The id of the control the post-back puts the focus on (autofocus): a new row's first field, an add button.</summary>
    public string? FocusField { get; private set; }

    /// <summary>
    /// The form's errors for the summary, in the order the fields stand on the page (not the order they were checked
    /// in), each row's named as the reader sees it: "Finansiär 2: Beloppet kan inte vara negativt."
    /// </summary>
    public IReadOnlyList<(string FieldId, string Message)> Errors()
    {
        var list = new List<(int Field, int Row, int Part, string Id, string Message)>();
        foreach (var (key, entry) in ModelState)
        {
            if (entry.Errors.Count == 0 || !key.StartsWith("Input.", StringComparison.Ordinal)) continue;
            var name = key["Input.".Length..];
            var (field, row, part, prefix) = (name, -1, 0, "");
            if (name.IndexOf('[', StringComparison.Ordinal) is var open and > 0 && name.IndexOf(']', StringComparison.Ordinal) is var close and > 0
                && int.TryParse(name[(open + 1)..close], System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                field = name[..open];
                row = index;
                var rowField = name[(close + 1)..].TrimStart('.');
                part = Array.IndexOf(RowFieldOrder, rowField) is var at and >= 0 ? at : RowFieldOrder.Length;
                if (ProjectRowKinds.Of(field) is { } kind)
                    prefix = $"{kind.Label} {index + 1}: ";
            }
            var position = ProjectFields.FormPosition(field);
            var id = Microsoft.AspNetCore.Mvc.Rendering.TagBuilder.CreateSanitizedId(key, "_");
            foreach (var e in entry.Errors) list.Add((position, row, part, id, prefix + e.ErrorMessage));
        }
        return list.OrderBy(e => e.Field).ThenBy(e => e.Row).ThenBy(e => e.Part).Select(e => (e.Id, e.Message)).ToList();
    }

    /// <summary>A row's fields in the order every kind of row shows those it has.</summary>
    private static readonly string[] RowFieldOrder =
    [
        "OrganisationId", "IndicatorId", "Kind", "Registry", "Name", "Contribution", "Amount", "Currency", "Hours", "Rate",
        "Planned", "Achieved", "Role", "Organisation", "Phone", "Email", "Text", "Url", "Value", "AccountingReference", "Note",
    ];

    private Task<ProjectDraft?> FindDraftAsync() => ProjectDrafts.FindAsync(db, staff.UserId, ProjectId);

    /// <summary>Keeps the posted form as this staff member's draft of this project (one draft each, replaced each time).</summary>
    private Task KeepDraftAsync() => ProjectDrafts.KeepAsync(db, staff.UserId, ProjectId, Input, clock.GetUtcNow().UtcDateTime);

    private Task DeleteDraftsAsync(bool alsoNew = false) => ProjectDrafts.DeleteAsync(db, staff.UserId, ProjectId, alsoNew);

    /// <summary>For the handlers that show the form again with what was typed: access check, then the lookups.</summary>
    private async Task<IActionResult?> PrepareRedisplayAsync(int? id)
    {
        if (id is not null)
        {
            var (_, denied) = await LoadAsync(id.Value);
            if (denied is not null) return denied;
        }
        else
        {
            Lookups = await ProjectLookups.LoadAsync(db, staff, null);
            if (Lookups.Publishers.Count == 0) return Forbid();
        }
        ModelState.Clear();
        return null;
    }

    private async Task<int> LastRevisionAsync(int projectId) =>
        await db.ProjectRevisions.Where(r => r.ProjectId == projectId).MaxAsync(r => (int?)r.Number) ?? 0;

    /// <summary>
    /// Merges this form with what was saved since it was opened (<see cref="ProjectMerge"/>): the form becomes the merged
    /// one, based on the saved version. Returns the fields both changed and the labels of those taken from the save.
    /// </summary>
    private async Task<(IReadOnlyList<ProjectField> Conflicts, IReadOnlyList<string> Taken)> MergeAsync(Project current)
    {
        // A seeded project opened before its first save started from the state that save wrote as revision 1.
        var number = Math.Max(Input.BaseRevision, 1);
        var json = await db.ProjectRevisions.AsNoTracking().Where(r => r.ProjectId == current.Id && r.Number == number)
            .Select(r => r.SnapshotJson).FirstOrDefaultAsync();
        var theirs = ProjectInput.FromProject(current);
        var result = ProjectMerge.Merge(json is null ? null : ProjectSnapshot.Read(json)?.ToInput(), theirs, Input);
        var taken = ProjectFields.All.Where(f => f.Read(result.Merged) != f.Read(Input)).Select(f => f.Label).ToList();
        Input = result.Merged;
        Input.Version = current.Version;
        Input.BaseRevision = await LastRevisionAsync(current.Id);
        return (result.Conflicts, taken);
    }

    /// <summary>
    /// Applies the merge view's choices: "Behåll den sparade" takes the field from the saved project, "Använd min" keeps
    /// the form's. Returns the fields still without a choice (each marked as an error), or null when all have one.
    /// </summary>
    private List<string>? ApplyChoices(Project current)
    {
        var theirs = ProjectInput.FromProject(current);
        var unchosen = new List<string>();
        foreach (var key in ChoiceFields.Distinct())
        {
            if (ProjectFields.Find(key) is not { } field) continue;
            switch (Choices.GetValueOrDefault(key))
            {
                case "sparad": field.Copy(Input, theirs); break;
                case "min": break;
                default:
                    unchosen.Add(key);
                    break;
            }
        }
        if (unchosen.Count == 0) return null;
        ModelState.Clear();
        foreach (var key in unchosen)
            ModelState.AddModelError($"Input.Merge.{key}", $"{ProjectFields.Find(key)!.Label}: välj om den sparade versionen ska behållas eller din användas.");
        return ChoiceFields.Distinct().Where(k => ProjectFields.Find(k) is not null).ToList();
    }

    /// <summary>The merge view: the fields both changed side by side, each with its own choice; the form below holds mine there.</summary>
    private async Task<IActionResult> ShowConflictAsync(Project current, IReadOnlyList<string> keys, IReadOnlyList<string> taken)
    {
        var theirs = ProjectInput.FromProject(current);
        var shownTheirs = theirs.Describe(Lookups).ToDictionary(x => x.Field, x => x.Value);
        var shownMine = Input.Describe(Lookups).ToDictionary(x => x.Field, x => x.Value);
        var choices = keys.Select(k => ProjectFields.Find(k)!).Select(f => new Choice(f.Key, f.Label,
            shownTheirs.TryGetValue(f.Label, out var t) ? t : f.Read(theirs),
            shownMine.TryGetValue(f.Label, out var m) ? m : f.Read(Input),
            Choices.GetValueOrDefault(f.Key))).ToList();
        var last = await db.ProjectRevisions.AsNoTracking().Where(r => r.ProjectId == current.Id)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync();
        SaveConflict = new Conflict(last?.UserName ?? "någon annan", last?.CreatedAt ?? current.UpdatedAt, choices, taken);
        if (ModelState.ErrorCount == 0)
            ModelState.AddModelError(string.Empty, "Någon annan har sparat projektet medan du redigerade. Dina ändringar är inte sparade ännu.");
        return Page();
    }

    /// <summary>Loads a project for editing, or the answer to give: 404 if it does not exist, 403 if it is not this account's.</summary>
    private async Task<(Project? Project, IActionResult? Denied)> LoadAsync(int id)
    {
        var project = await ProjectHistory.WithEverything(db.Projects).FirstOrDefaultAsync(p => p.Id == id);
        if (project is null) return (null, NotFound());
        if (!await staff.CanEditPublisherAsync(project.PublisherId)) return (null, Forbid());
        ProjectId = project.Id;
        CurrentSlug = project.Slug;
        IsPublished = project.IsPublished;
        HiddenByPublisher = project.Publisher.HiddenStatuses.Contains(project.Status);
        Lookups = await ProjectLookups.LoadAsync(db, staff, project.Id);
        if (!Lookups.Publishers.ContainsKey(project.PublisherId))
            Lookups.Publishers[project.PublisherId] = project.Publisher.Name;
        return (project, null);
    }

    /// <summary>The field's error message, for the markup that marks the field as wrong.</summary>
    public string? ErrorFor(string field) =>
        ModelState.TryGetValue($"Input.{field}", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>The class that marks a field's group as wrong, when it is.</summary>
    public string? Invalid(string field) => ErrorFor(field) is null ? null : "form-group--error";

    /// <summary>The page's own address: /admin/projekt/{id}, or /admin/projekt/ny for a new project.</summary>
    public string ProjectPath => $"/admin/projekt/{(ProjectId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "ny")}";

    /// <summary>The address a button posts the form to, for a handler of this page.</summary>
    public string Action(string handler) => $"{ProjectPath}?handler={handler}";

    // A row button's post-back opens with the focus on the new row (autofocus), which also scrolls it into view, without
    // script. No fragment in the address: a browser skips autofocus when the address names a target element (HTML's
    // "flush autofocus candidates"; seen in Chromium: the focus stayed on the body).
    public string AddRow(string kind) => $"{Action("AddRow")}&kind={kind}";

    public string RemoveRow(string kind, int index) => $"{Action("RemoveRow")}&kind={kind}&index={index}";

    /// <summary>"autofocus" on the element a row button's post-back should open at.</summary>
    public string? Focus(string id) => FocusField == id ? "autofocus" : null;

    public string? FocusOnRow(string kind, int index) => Focus(ProjectRowKinds.All[kind].FirstField(index));

}
