using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Caching;
using ProjectRegistry.Web.Infrastructure.Security;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Infrastructure.Text;
using ProjectRegistry.Web.OpenData;

namespace ProjectRegistry.Web.Pages.Projects;

[OutputCache(PolicyName = PublicCache.Policy)]
public class DetailsModel(RegistryDbContext db, MarkdownRenderer markdown, TimeProvider clock) : PageModel
{
    /// <summary>The publisher's retention time for contact people has run out (GDPR): only roles and role mailboxes show.</summary>
    public bool ContactsWithdrawn { get; private set; }

    public Project Project { get; private set; } = null!;
    public string DescriptionHtml { get; private set; } = "";

    /// <summary>The results text, rendered and sanitised as the description is.</summary>
    public string ResultsHtml { get; private set; } = "";
    public bool HasEuFunding { get; private set; }

    /// <summary>The financing as a Leader office states it, one per currency (never SEK added to EUR).</summary>
    public List<FinancingByKind> Financing { get; private set; } = [];

    /// <summary>A few public projects sharing goal areas, municipalities or financiers, the closest first.</summary>
    public List<ProjectSummary> Similar { get; private set; } = [];

    /// <summary>The main picture in its web sizes, if the project has one.</summary>
    public Picture? MainPicture { get; private set; }

    /// <summary>Uploaded documents, in the order they were uploaded.</summary>
    public List<Document> Documents { get; private set; } = [];

    /// <summary>The main picture's address for og:image: the size nearest 1,200 pixels wide that social sites ask for.</summary>
    public string? ShareImageUrl { get; private set; }

    public sealed record Picture(string Src, string SrcSet, int Width, int Height, string Alt, string? Credit, string? Licence);
    public sealed record Document(string Url, string Title, string Description);

    /// <summary>schema.org JSON-LD for search engines: name, description, dates, funders and amounts, places.</summary>
    public string JsonLd { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var project = await db.PublicProjects.AsNoTracking().AsSplitQuery()
            .Include(p => p.Publisher)
            .Include(p => p.Owner)
            .Include(p => p.Partners.OrderBy(x => x.Position)).ThenInclude(x => x.Organisation)
            .Include(p => p.Financiers.OrderBy(x => x.Position)).ThenInclude(x => x.Organisation)
            .Include(p => p.Contacts.OrderBy(x => x.Position))
            .Include(p => p.Links.OrderBy(x => x.Position))
            .Include(p => p.Identifiers)
            .Include(p => p.Places)
            .Include(p => p.StatusHistory.OrderBy(x => x.Id))
            .Include(p => p.Municipalities.OrderBy(m => m.Name))
            .Include(p => p.GoalAreas.OrderBy(g => g.Position))
            .Include(p => p.DirectionGoals).ThenInclude(g => g.GoalArea)
            .Include(p => p.IndicatorValues.OrderBy(x => x.Position)).ThenInclude(x => x.Indicator)
            .FirstOrDefaultAsync(p => p.Slug == slug, ct);
        if (project is null) return NotFound();
        await ShowAsync(project, ct);
        return Page();
    }

    /// <summary>Set when the page shows a project form's unsaved content to staff who may edit it, not a saved public project.</summary>
    public bool IsPreview { get; private set; }

    /// <summary>Why the form's content cannot be shown yet (the form's own messages), for a preview.</summary>
    public IReadOnlyList<string>? PreviewProblems { get; private set; }

    /// <summary>
    /// "Förhandsvisa" in the project form (posted to /admin/projekt/{id}/forhandsvisning or /admin/projekt/ny/forhandsvisning):
    /// this page as the public would see it with the form's current content, unsaved, for a draft, an unpublished or a
    /// hidden-status project too. The project is built in memory by the form's own rules (ProjectInput.Validate and
    /// ApplyTo on an untracked copy) and nothing is saved. Only for staff who may edit the project and its publisher;
    /// never cached, never indexed. The public address of a draft stays 404.
    /// </summary>
    public async Task<IActionResult> OnPostPreviewAsync(int? id, [Bind(Prefix = "Input")] ProjectInput input, [FromServices] StaffContext staff, CancellationToken ct)
    {
        HttpContext.Response.Headers.CacheControl = "no-store";
        HttpContext.Response.Headers["X-Robots-Tag"] = "noindex";
        if (HttpContext.Features.Get<IOutputCacheFeature>() is { } cache) (cache.Context.AllowCacheLookup, cache.Context.AllowCacheStorage) = (false, false);
        // Not signed in (or no longer allowed to be): as if there were nothing here, like the draft's public address.
        if (await staff.GetUserAsync() is not { IsDisabled: false }) return NotFound();

        var now = clock.GetUtcNow().UtcDateTime;
        var project = new Project { Slug = "", Title = "", CreatedAt = now };
        if (id is { } projectId)
        {
            // Untracked: the form's content is applied to a copy that this request never saves.
            var saved = await ProjectHistory.WithEverything(db.Projects).AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct);
            if (saved is null) return NotFound();
            if (!await staff.CanEditPublisherAsync(saved.PublisherId)) return Forbid();
            project = saved;
        }
        if (!await staff.CanEditPublisherAsync(input.PublisherId)) return Forbid();

        var lookups = await ProjectLookups.LoadAsync(db, staff, id, ct);
        ModelState.Clear();
        input.RemoveBlankRows();
        IsPreview = true;
        if (input.Validate(ModelState, lookups) is not { } parsed)
        {
            PreviewProblems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            return Page();
        }
        input.ApplyTo(project, parsed, lookups, now, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));

        // What the page reads of the organisations, indicators and goal areas the form names by id.
        var organisationIds = project.Partners.Select(x => x.OrganisationId).Concat(project.Financiers.Select(x => x.OrganisationId))
            .Append(project.PublisherId).Concat(project.OwnerId is { } owner ? [owner] : []).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        project.Publisher = organisations[project.PublisherId];
        project.Owner = project.OwnerId is { } ownerId ? organisations[ownerId] : null;
        foreach (var x in project.Partners) x.Organisation = organisations[x.OrganisationId];
        foreach (var x in project.Financiers) x.Organisation = organisations[x.OrganisationId];
        var indicators = lookups.Indicators.ToDictionary(i => i.Id);
        foreach (var x in project.IndicatorValues) x.Indicator = indicators[x.IndicatorId];
        var goalIds = project.DirectionGoals.Select(g => g.Id).ToHashSet();
        project.DirectionGoals = lookups.GoalAreas.SelectMany(g => g.DirectionGoals).Where(g => goalIds.Contains(g.Id)).ToList();
        project.GoalAreas = project.GoalAreas.OrderBy(g => g.Position).ToList();
        project.Municipalities = project.Municipalities.OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
        // The saved history in its order, then the status change this form would record.
        project.StatusHistory = project.StatusHistory.OrderBy(x => x.Id == 0).ThenBy(x => x.Id).ToList();
        await ShowAsync(project, ct);
        return Page();
    }

    private async Task ShowAsync(Project project, CancellationToken ct)
    {
        // Direction goals read in the strategy's order: by goal area, then within it.
        project.DirectionGoals = project.DirectionGoals.OrderBy(g => g.GoalArea.Position).ThenBy(g => g.Position).ToList();
        Project = project;
        ContactsWithdrawn = project.ContactDetailsWithdrawn(
            project.Publisher.ContactRetentionMonths, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        DescriptionHtml = markdown.ToHtml(project.Description, topHeadingLevel: 3);
        ResultsHtml = markdown.ToHtml(project.Results, topHeadingLevel: 3);
        HasEuFunding = project.Financiers.Any(f => f.Organisation.Kind.IsEu());
        Financing = FinancingByKind.Of(project.Financiers);
        Similar = await SimilarAsync(project, ct);
        await LoadFilesAsync(project.Id, ct);
        JsonLd = StructuredData.For(project, SiteOptions.BaseUrl(Request));
    }

    private async Task LoadFilesAsync(int projectId, CancellationToken ct)
    {
        // Metadata and the web sizes' addresses only: the bytes stay in the database until a browser asks for them.
        var files = await db.ProjectFiles.AsNoTracking()
            .Where(f => f.ProjectId == projectId && f.RemovedAt == null)
            .OrderBy(f => f.Id)
            .Select(f => new
            {
                f.Title, f.Format, f.Size, f.FileName, f.AltText, f.Credit, f.Licence, f.IsMain,
                Contents = f.Contents.Select(c => new { c.Id, c.Variant, c.Hash, c.ContentType, c.Width, c.Height }).ToList(),
            })
            .ToListAsync(ct);
        foreach (var f in files.Where(f => !f.Format.IsImage()))
        {
            var original = f.Contents.First(c => c.Variant == ProjectFileContent.Original);
            Documents.Add(new(Uploads.FileEndpoints.Url(original.Id, original.Hash, f.FileName), f.Title, Uploads.FileStore.Describe(f.Format, f.Size)));
        }
        if (files.FirstOrDefault(f => f.IsMain && f.Format.IsImage()) is { } main)
        {
            var sizes = main.Contents.Where(c => c.Variant != ProjectFileContent.Original).OrderBy(c => c.Variant)
                .Select(c => (Url: Uploads.FileEndpoints.Url(c.Id, c.Hash, Uploads.FileEndpoints.SizeName(main.FileName, c.Variant, c.ContentType)), c.Variant, c.Width, c.Height))
                .ToList();
            if (sizes.Count == 0) return;
            // The src is the middle size (960 when there is one), for a browser that ignores srcset.
            var fallback = sizes.FirstOrDefault(s => s.Variant >= 960) is { Url: not null } mid ? mid : sizes[^1];
            MainPicture = new Picture(fallback.Url,
                string.Join(", ", sizes.Select(s => $"{s.Url} {s.Variant}w")),
                fallback.Width ?? 0, fallback.Height ?? 0, main.AltText ?? "", main.Credit, main.Licence);
            ShareImageUrl = SiteOptions.BaseUrl(Request) + (sizes.FirstOrDefault(s => s.Variant >= 1200) is { Url: not null } big ? big : sizes[^1]).Url;
        }
    }

    private async Task<List<ProjectSummary>> SimilarAsync(Project p, CancellationToken ct)
    {
        var areas = p.GoalAreas.Select(g => g.Id).ToList();
        var codes = p.Municipalities.Select(m => m.Code).ToList();
        var financiers = p.Financiers.Select(f => f.OrganisationId).Distinct().ToList();
        // A shared goal area says most about the content, a shared municipality next, a shared financier least.
        // Counted in the link tables from this project's own goal areas, municipalities and financiers, so the
        // database touches only the projects that share something (scoring every project took 0.74 s at 100k).
        var byArea = db.Set<Dictionary<string, object>>("ProjectGoalArea")
            .Where(j => areas.Contains(EF.Property<int>(j, "GoalAreasId")))
            .Select(j => new { Id = EF.Property<int>(j, "ProjectsId"), Points = 3 });
        var byPlace = db.Set<Dictionary<string, object>>("ProjectMunicipality")
            .Where(j => codes.Contains(EF.Property<string>(j, "MunicipalitiesCode")))
            .Select(j => new { Id = EF.Property<int>(j, "ProjectsId"), Points = 2 });
        // A financier counts once per project, however many grants it gave.
        var byFinancier = db.ProjectFinanciers
            .Where(f => financiers.Contains(f.OrganisationId))
            .Select(f => new { f.ProjectId, f.OrganisationId }).Distinct()
            .Select(f => new { Id = f.ProjectId, Points = 1 });
        var scores = byArea.Concat(byPlace).Concat(byFinancier)
            .GroupBy(x => x.Id)
            .Select(g => new { Id = g.Key, Score = g.Sum(x => x.Points) });
        var ranked = await scores
            .Join(db.PublicProjects.Where(x => x.Id != p.Id), s => s.Id, x => x.Id, (s, x) => new { x.Slug, s.Score, x.UpdatedAt })
            // The address last, so that projects saved at the same moment (an import) come in the same order on every engine.
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.UpdatedAt).ThenBy(x => x.Slug)
            .Take(3)
            .Select(x => x.Slug)
            .ToListAsync(ct);
        var summaries = await ProjectSummary.ListAsync(db, db.PublicProjects.Where(x => ranked.Contains(x.Slug)), ct);
        return summaries.OrderBy(s => ranked.IndexOf(s.Slug)).ToList();
    }
}
