using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin.Projects;

/// <summary>
/// Create and edit a project with every field. Rows are added and removed by posting the whole form back,
/// so nothing typed is lost and no JavaScript is needed; a save based on an older version is refused and
/// both versions are shown.
/// </summary>
public class EditModel(RegistryDbContext db, StaffContext staff, MarkdownRenderer markdown, TimeProvider clock, ILogger<EditModel> logger) : PageModel
{
    [BindProperty]
    public ProjectInput Input { get; set; } = new();

    public int? ProjectId { get; private set; }
    public string? CurrentSlug { get; private set; }
    public bool IsPublished { get; private set; }
    public bool HiddenByPublisher { get; private set; }
    public ProjectLookups Lookups { get; private set; } = null!;
    public string? PreviewHtml { get; private set; }

    /// <summary>Set when someone else saved first: what they saved, and how it differs from this form.</summary>
    public Conflict? SaveConflict { get; private set; }

    public sealed record Conflict(string SavedBy, DateTime SavedAt, IReadOnlyList<FieldChange> Differences);

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is null)
        {
            Lookups = await ProjectLookups.LoadAsync(db, staff, null);
            if (Lookups.Publishers.Count == 0) return Forbid();
            Input = new ProjectInput { PublisherId = Lookups.Publishers.Keys.First() };
            return Page();
        }
        var (project, denied) = await LoadAsync(id.Value);
        if (denied is not null) return denied;
        Input = ProjectInput.FromProject(project!);
        return Page();
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
        if (!Lookups.Publishers.ContainsKey(Input.PublisherId))
        {
            // An editor may only publish in their own organisations' lists: the server decides, not the menu.
            if (project is null || project.PublisherId != Input.PublisherId || !await staff.CanEditPublisherAsync(Input.PublisherId)) return Forbid();
        }
        ModelState.Clear();
        var parsed = Input.Validate(ModelState, Lookups);
        if (parsed is null) return Page();

        if (project is not null && project.Version != Input.Version)
            return await ShowConflictAsync(project);

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var before = project is null ? null : ProjectHistory.Take(project);
        var isNew = project is null;
        project ??= new Project { Slug = parsed.Slug, Title = Input.Title, CreatedAt = now };
        Input.ApplyTo(project, parsed, Lookups, now, today);
        if (publicera == "ja") project.IsPublished = true;
        if (publicera == "nej") project.IsPublished = false;
        if (isNew) db.Projects.Add(project);
        else db.Entry(project).Property(p => p.Version).OriginalValue = Input.Version;

        var kind = isNew ? RevisionKind.Created
            : before!.IsPublished != project.IsPublished ? (project.IsPublished ? RevisionKind.Published : RevisionKind.Unpublished)
            : RevisionKind.Edited;
        try
        {
            await ProjectHistory.SaveWithRevisionAsync(db, project, before, kind, Lookups, staff, now);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our version check and our UPDATE: the same answer as a stale form.
            db.ChangeTracker.Clear();
            var (current, _) = await LoadAsync(project.Id);
            return current is null ? NotFound() : await ShowConflictAsync(current);
        }
        logger.LogInformation("Projekt {ProjectId} {Action} av användare {UserId}", project.Id, isNew ? "skapat" : "sparat", staff.UserId);

        TempData["Status"] = (isNew ? "Projektet är skapat" : "Ändringarna är sparade")
            + (project.IsPublished ? " och syns för allmänheten." : ". Det är ett utkast och syns inte för allmänheten än.");
        return RedirectToPage("/Admin/Projects/Edit", new { id = project.Id });
    }

    /// <summary>Renders the description as the public page would, without saving and without JavaScript.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int? id)
    {
        var denied = await PrepareRedisplayAsync(id);
        if (denied is not null) return denied;
        PreviewHtml = markdown.ToHtml(Input.Description);
        if (PreviewHtml.Length == 0) PreviewHtml = "<p>Beskrivningen är tom.</p>";
        return Page();
    }

    public async Task<IActionResult> OnPostAddRowAsync(int? id, string? kind)
    {
        var denied = await PrepareRedisplayAsync(id);
        if (denied is not null) return denied;
        switch (kind)
        {
            case "finansiar": Input.Financiers.Add(new ProjectInput.FinancierRow()); break;
            case "partner": Input.Partners.Add(new ProjectInput.PartnerRow()); break;
            case "kontakt": Input.Contacts.Add(new ProjectInput.ContactRow()); break;
            case "lank": Input.Links.Add(new ProjectInput.LinkRow()); break;
            case "identifierare": Input.Identifiers.Add(new ProjectInput.IdentifierRow()); break;
            case "resultat": Input.Results.Add(new ProjectInput.ResultRow()); break;
        }
        FocusRow = kind;
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveRowAsync(int? id, string? kind, int index)
    {
        var denied = await PrepareRedisplayAsync(id);
        if (denied is not null) return denied;
        static void RemoveAt<T>(List<T> list, int i) { if (i >= 0 && i < list.Count) list.RemoveAt(i); }
        switch (kind)
        {
            case "finansiar": RemoveAt(Input.Financiers, index); break;
            case "partner": RemoveAt(Input.Partners, index); break;
            case "kontakt": RemoveAt(Input.Contacts, index); break;
            case "lank": RemoveAt(Input.Links, index); break;
            case "identifierare": RemoveAt(Input.Identifiers, index); break;
            case "resultat": RemoveAt(Input.Results, index); break;
        }
        FocusRow = kind;
        return Page();
    }

    /// <summary>The group whose rows just changed, so the page opens at it.</summary>
    public string? FocusRow { get; private set; }

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

    private async Task<IActionResult> ShowConflictAsync(Project current)
    {
        var theirs = ProjectInput.FromProject(current);
        var last = await db.ProjectRevisions.AsNoTracking().Where(r => r.ProjectId == current.Id)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync();
        SaveConflict = new Conflict(last?.UserName ?? "någon annan", last?.CreatedAt ?? current.UpdatedAt, ProjectInput.Compare(theirs, Input, Lookups));
        // The next save is a deliberate choice to replace their version with this one.
        Input.Version = current.Version;
        ModelState.Clear();
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

}
