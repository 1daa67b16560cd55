using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
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
    public List<Pages.Shared.ProjectSummary> Similar { get; private set; } = [];

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
        return Page();
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

    private async Task<List<Pages.Shared.ProjectSummary>> SimilarAsync(Project p, CancellationToken ct)
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
        var summaries = await Pages.Shared.ProjectSummary.ListAsync(db, db.PublicProjects.Where(x => ranked.Contains(x.Slug)), ct);
        return summaries.OrderBy(s => ranked.IndexOf(s.Slug)).ToList();
    }
}
