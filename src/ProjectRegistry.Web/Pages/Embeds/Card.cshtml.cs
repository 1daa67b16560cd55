using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Caching;

namespace ProjectRegistry.Web.Pages.Embeds;

/// <summary>
/// /inbadda/projekt/{slug}: a project's small card for the project owner's own website (title, status, period,
/// the EU emblem where an EU fund or programme finances it, a link back), framable by its publisher's origins.
/// </summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class CardModel(RegistryDbContext db, IOptions<SiteOptions> site) : PageModel
{
    public EmbedFrame Frame { get; private set; } = null!;
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public ProjectStatus Status { get; private set; }
    public Period Period { get; private set; } = new(null, null);
    public string PublisherName { get; private set; } = "";

    /// <summary>An EU fund or programme among the financiers: the rule of the project page's emblem (OrganisationKinds.IsEu).</summary>
    public bool HasEuFunding { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var project = await db.PublicProjects.AsNoTracking()
            .Where(p => p.Slug == slug)
            .Select(p => new
            {
                p.Slug, p.Title, p.Status, p.Start, p.End, Publisher = p.Publisher.Name, PublisherSlug = p.Publisher.Slug,
                FinancierKinds = p.Financiers.Select(f => f.Organisation.Kind).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (project is null) return NotFound();
        Frame = await EmbedFrame.ForAsync(db, site.Value, project.PublisherSlug, ct);
        Frame.Apply(HttpContext);
        (Slug, Title, Status, Period, PublisherName) = (project.Slug, project.Title, project.Status, new Period(project.Start, project.End), project.Publisher);
        HasEuFunding = project.FinancierKinds.Any(k => k.IsEu());
        return Page();
    }
}
