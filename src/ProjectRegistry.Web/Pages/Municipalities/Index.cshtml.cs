using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Pages.Municipalities;

[OutputCache(PolicyName = PublicCache.Policy)]
public class IndexModel(RegistryDbContext db) : PageModel
{
    public List<Row> Rows { get; private set; } = [];

    public sealed record Row(string Code, string Name, string CountyName, int Projects);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // One GROUP BY over the project–municipality links, joined to the 290 municipalities in memory, rather
        // than a count over every project for each municipality.
        var projects = await db.PublicProjects.AsNoTracking()
            .SelectMany(p => p.Municipalities.Select(m => m.Code))
            .GroupBy(code => code)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Code, x => x.Count, ct);
        var municipalities = await db.Municipalities.AsNoTracking()
            .OrderBy(m => m.CountyName).ThenBy(m => m.Name)
            .Select(m => new { m.Code, m.Name, m.CountyName })
            .ToListAsync(ct);
        Rows = municipalities.Select(m => new Row(m.Code, m.Name, m.CountyName, projects.GetValueOrDefault(m.Code))).ToList();
    }
}
