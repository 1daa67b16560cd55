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
        var rows = await db.Municipalities.AsNoTracking()
            .Select(m => new { m.Code, m.Name, m.CountyName, Projects = db.PublicProjects.Count(p => p.Municipalities.Any(x => x.Code == m.Code)) })
            .OrderBy(m => m.CountyName).ThenBy(m => m.Name)
            .ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Code, r.Name, r.CountyName, r.Projects)).ToList();
    }
}
