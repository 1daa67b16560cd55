using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Infrastructure.Caching;
using ProjectRegistry.Web.Pages.Projects;
using ProjectRegistry.Web.Pages.Shared;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Web.Pages.Embeds;

/// <summary>
/// /inbadda/projekt: the list of /projekt, under any of its filters (ProjectFilter, the same search index), made to
/// sit in an iframe on a publisher's own site. Paged as /projekt is; its links open the registry in the top window.
/// </summary>
[OutputCache(PolicyName = PublicCache.ProjectListPolicy)]
public class ListModel(RegistryDbContext db, ProjectSearch search, IOptions<SiteOptions> site) : PageModel
{
    public ProjectFilter Filter { get; private set; } = new();
    public EmbedFrame Frame { get; private set; } = null!;
    public List<ProjectSummary> Projects { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Pager.CountPages(Total, ProjectFilter.PageSize);
    public string Heading { get; private set; } = "Projekt";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filter = ProjectFilter.Parse(Request.Query);
        Frame = await EmbedFrame.ForAsync(db, site.Value, Filter.Organisation, ct);
        Frame.Apply(HttpContext);
        var request = new SearchRequest { Skip = (Filter.Page - 1) * ProjectFilter.PageSize, Take = ProjectFilter.PageSize, Summaries = true, Snippets = true };
        var result = await search.RunAsync(Filter, request, ct);
        Total = result.Total;
        // Past the last page: the first, as /projekt answers (there with a note; an embed keeps to the list).
        if (Filter.Page > PageCount)
        {
            Filter = Filter with { Page = 1 };
            result = await search.RunAsync(Filter, request with { Skip = 0 }, ct);
        }
        Projects = [.. result.Projects];
        if (await ProjectRegistry.Web.Pages.Projects.IndexModel.PublisherListAsync(db, Filter.Organisation, ct) is { } list) Heading = list.Heading;
    }

    public string LinkWith(ProjectFilter filter) => "/inbadda/projekt" + filter.ToQueryString();
}
