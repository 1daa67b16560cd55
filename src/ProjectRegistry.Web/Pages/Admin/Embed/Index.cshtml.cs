using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;
using ProjectRegistry.Web.Listing;

namespace ProjectRegistry.Web.Pages.Admin.Embed;

/// <summary>
/// /admin/inbadda ("Bädda in"): builds the iframe snippet of a list or map embed from a chosen filter. A GET form
/// whose fields are /projekt's own query keys, so ProjectFilter reads them as the embed will; the preview is an
/// iframe of the embed itself (a signed-in request may frame it from the registry's own origin, see EmbedFrame).
/// </summary>
public class IndexModel(RegistryDbContext db, StaffContext staff) : PageModel
{
    public const string ListView = "lista", MapView = "karta";

    public ProjectFilter Filter { get; private set; } = new();
    /// <summary>"lista" or "karta".</summary>
    public string View { get; private set; } = ListView;

    public List<Option> Publishers { get; private set; } = [];
    public List<Option> Municipalities { get; private set; } = [];
    public List<Option> Financiers { get; private set; } = [];
    /// <summary>The chosen publisher's goal areas (a goal area belongs to one strategy).</summary>
    public List<Option> GoalAreas { get; private set; } = [];

    /// <summary>The websites allowed to frame the chosen publisher's embeds, as its organisation page keeps them.</summary>
    public List<string> AllowedOrigins { get; private set; } = [];
    public int? PublisherId { get; private set; }

    public sealed record Option(string Value, string Label);

    /// <summary>The embed's address within the registry: /inbadda/projekt?... or /inbadda/karta?...</summary>
    public string EmbedPath => (View == MapView ? "/inbadda/karta" : "/inbadda/projekt") + Filter.ToQueryString(withSortAndPage: false);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The one page with script: its copy button (the snippet stays copyable by hand without it).
        SecurityHeaders.AllowOwnScript(Response);
        var filter = ProjectFilter.Parse(Request.Query) with { Page = 1, Sort = null, Query = null };
        View = Request.Query["visa"] == MapView ? MapView : ListView;
        Publishers = await db.Organisations.AsNoTracking().Where(o => o.ListTitle != null).OrderBy(o => o.Name)
            .Select(o => new Option(o.Slug, o.Name)).ToListAsync(ct);
        // A first visit starts from the editor's own list: the one an office embeds on its own site.
        if (!Request.Query.ContainsKey("organisation") && !staff.IsAdmin)
        {
            var own = await staff.EditableOrganisationIdsAsync();
            filter = filter with
            {
                Organisation = await db.Organisations.AsNoTracking().Where(o => own.Contains(o.Id) && o.ListTitle != null)
                    .OrderBy(o => o.Name).Select(o => o.Slug).FirstOrDefaultAsync(ct),
            };
        }
        Filter = filter;
        Municipalities = await db.Municipalities.AsNoTracking().OrderBy(m => m.Name).Select(m => new Option(m.Code, m.Name)).ToListAsync(ct);
        Financiers = await db.PublicProjects.AsNoTracking().SelectMany(p => p.Financiers).Select(f => new { f.Organisation.Slug, f.Organisation.Name })
            .Distinct().OrderBy(f => f.Name).Select(f => new Option(f.Slug, f.Name)).ToListAsync(ct);
        if (Filter.Organisation is not null)
        {
            var publisher = await db.Organisations.AsNoTracking().Where(o => o.Slug == Filter.Organisation && o.ListTitle != null)
                .Select(o => new { o.Id, o.EmbedOrigins }).FirstOrDefaultAsync(ct);
            PublisherId = publisher?.Id;
            AllowedOrigins = publisher?.EmbedOrigins ?? [];
            GoalAreas = await db.GoalAreas.AsNoTracking().Where(g => g.Organisation.Slug == Filter.Organisation).OrderBy(g => g.Position)
                .Select(g => new Option(g.Slug, g.Name)).ToListAsync(ct);
        }
    }
}
