using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Infrastructure.Caching;
using ProjectRegistry.Web.Infrastructure.Http;
using ProjectRegistry.Web.Pages.Projects;
using ProjectRegistry.Web.Pages.Statistics;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Web.Pages.Embeds;

/// <summary>
/// /inbadda/karta: the map of /statistik for any /projekt filter (the same ProjectMap and _ProjectMap), made to sit in
/// an iframe. Municipalities and places are links that open the registry in the top window.
/// </summary>
[OutputCache(PolicyName = PublicCache.ProjectListPolicy)]
[ExpensiveAnswer]
public class MapModel(RegistryDbContext db, SwedenMap map, ProjectSearch search, DisplayNames displayNames, IOptions<SiteOptions> site) : PageModel
{
    public ProjectFilter Filter { get; private set; } = new();
    public EmbedFrame Frame { get; private set; } = null!;
    public ProjectMap Map { get; private set; } = null!;
    public int Total { get; private set; }
    public string Heading { get; private set; } = "Projekt på kartan";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filter = ProjectFilter.Parse(Request.Query) with { Page = 1, Sort = null };
        Frame = await EmbedFrame.ForAsync(db, site.Value, Filter.Organisation, ct);
        Frame.Apply(HttpContext);
        var result = await search.RunAsync(Filter, new SearchRequest { Counts = Counts.Municipalities | Counts.Places }, ct);
        Total = result.Total;
        var perMunicipality = result.Municipalities(result.Tally);
        Map = await ProjectMap.LoadAsync(db, map, search, displayNames, Filter, perMunicipality, result.Tally.Places, ct);
        if (await ProjectRegistry.Web.Pages.Projects.IndexModel.PublisherListAsync(db, Filter.Organisation, ct) is { } list) Heading = list.Heading;
    }
}
