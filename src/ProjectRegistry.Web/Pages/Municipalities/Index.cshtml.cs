using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Infrastructure.Caching;
using ProjectRegistry.Web.Pages.Projects;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Web.Pages.Municipalities;

[OutputCache(PolicyName = PublicCache.Policy)]
public class IndexModel(RegistryDbContext db, ProjectSearch search) : PageModel
{
    public List<Row> Rows { get; private set; } = [];

    public sealed record Row(string Code, string Name, string CountyName, int Projects);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The counts per municipality from the index, joined to the 290 municipalities' names in memory.
        var result = await search.RunAsync(new ProjectFilter(), new SearchRequest { Counts = Counts.Municipalities }, ct);
        var projects = result.Municipalities(result.Tally);
        var municipalities = await db.Municipalities.AsNoTracking()
            .OrderBy(m => m.CountyName).ThenBy(m => m.Name)
            .Select(m => new { m.Code, m.Name, m.CountyName })
            .ToListAsync(ct);
        Rows = municipalities.Select(m => new Row(m.Code, m.Name, m.CountyName, projects.GetValueOrDefault(m.Code))).ToList();
    }
}
