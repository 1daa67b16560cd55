using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Web.Pages.Admin.Municipalities;

/// <summary>
/// How the registry uses each of the 290 municipalities: projects, the organisation that is the
/// municipality, and the publishers whose area includes it. The list itself is reference data, read only.
/// </summary>
public class IndexModel(RegistryDbContext db) : PageModel
{
    /// <summary>Län code ("25"); empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "lan")]
    public string? County { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public int Total { get; private set; }
    public List<Row> Rows { get; private set; } = [];
    public List<CountyOption> Counties { get; private set; } = [];
    public string? Note { get; private set; }

    public sealed record CountyOption(string Code, string Name, int Municipalities);
    public sealed record OrganisationLink(int Id, string Name);
    public sealed record Row(
        string Code, string Name, string CountyName, int AllProjects, int PublicProjects,
        List<OrganisationLink> Organisations, List<OrganisationLink> Publishers);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var municipalities = await db.Municipalities.AsNoTracking()
            .OrderBy(m => m.CountyName).ThenBy(m => m.Name)
            .Select(m => new { m.Code, m.Name, m.CountyCode, m.CountyName })
            .ToListAsync(ct);
        Total = municipalities.Count;
        Counties = municipalities.GroupBy(m => (m.CountyCode, m.CountyName))
            .Select(g => new CountyOption(g.Key.CountyCode, g.Key.CountyName, g.Count()))
            .ToList();

        County = string.IsNullOrWhiteSpace(County) ? null : County.Trim();
        if (County is not null && Counties.All(c => c.Code != County))
        {
            Note = "Det länet finns inte i listan; kommunerna i alla län visas.";
            County = null;
        }
        Query = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim();
        var terms = SearchText.Normalize(Query);
        // 290 rows: filtering in memory lets "gallivare" find Gällivare without an accent-folding column.
        var shown = municipalities
            .Where(m => County is null || m.CountyCode == County)
            .Where(m => terms.Length == 0 || SearchText.Normalize(m.Name).Contains(terms, StringComparison.Ordinal) || m.Code == Query)
            .ToList();

        var allCounts = await CountPerMunicipalityAsync(db.Projects, ct);
        var publicCounts = await CountPerMunicipalityAsync(db.PublicProjects, ct);
        var organisations = (await db.Organisations.AsNoTracking()
                .Where(o => o.MunicipalityCode != null)
                .OrderBy(o => o.Name)
                .Select(o => new { Code = o.MunicipalityCode!, o.Id, o.Name })
                .ToListAsync(ct))
            .ToLookup(o => o.Code, o => new OrganisationLink(o.Id, o.Name));
        var publishers = (await db.Organisations.AsNoTracking()
                .Where(o => o.ListTitle != null)
                .OrderBy(o => o.Name)
                // The result-selector form joins; a nested Select needs APPLY, which SQLite lacks.
                .SelectMany(o => o.AreaMunicipalities, (o, m) => new { m.Code, o.Id, o.Name })
                .ToListAsync(ct))
            .ToLookup(o => o.Code, o => new OrganisationLink(o.Id, o.Name));

        Rows = shown.Select(m => new Row(
                m.Code, m.Name, m.CountyName,
                allCounts.GetValueOrDefault(m.Code), publicCounts.GetValueOrDefault(m.Code),
                organisations[m.Code].ToList(), publishers[m.Code].ToList()))
            .ToList();
    }

    private static async Task<Dictionary<string, int>> CountPerMunicipalityAsync(IQueryable<Domain.Project> projects, CancellationToken ct) =>
        await projects.AsNoTracking()
            .SelectMany(p => p.Municipalities.Select(m => m.Code))
            .GroupBy(code => code)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Code, x => x.Count, ct);
}
