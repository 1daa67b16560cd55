using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Data.Engines;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Infrastructure.Caching;
using ProjectRegistry.Web.Pages.Projects;
using ProjectRegistry.Web.Pages.Shared;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Web.Pages.Organisations;

/// <summary>
/// /organisationer: the publishers and the largest financiers first, then every organisation by initial
/// letter, name or kind (?bokstav=, ?namn=, ?typ=), 50 a page. A national registry has over ten thousand
/// organisations, so the whole list on one page would weigh megabytes.
/// </summary>
[OutputCache(PolicyName = PublicCache.OrganisationListPolicy)]
public class IndexModel(RegistryDbContext db, IDatabaseEngine engine, ProjectSearch search) : PageModel
{
    public const int PageSize = 50;
    public const int TopFinancierCount = 20;
    public const int MaxNameLength = 100;

    /// <summary>The query keys this page reads (the output cache varies on these only).</summary>
    public static readonly string[] QueryKeys = ["namn", "typ", "bokstav", Pager.QueryKey];

    /// <summary>The initials of the letter index; <see cref="OtherInitial"/> gathers names that start otherwise ("3D-…", "Éco…").</summary>
    public static readonly IReadOnlyList<string> Initials = [.. "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ".Select(c => c.ToString())];
    public const string OtherInitial = "övriga";
    private static readonly string[] AllInitials = [.. Initials, .. Initials.Select(i => i.ToLower(System.Globalization.CultureInfo.GetCultureInfo("sv-SE")))];

    public string? Name { get; private set; }
    public OrganisationKinds.Info? Kind { get; private set; }
    public string? Initial { get; private set; }
    public bool IsFiltered => Name is not null || Kind is not null || Initial is not null;

    public int OrganisationCount { get; private set; }
    public List<Row> Publishers { get; private set; } = [];
    public List<Row> TopFinanciers { get; private set; } = [];
    public List<Row> Results { get; private set; } = [];
    public int Total { get; private set; }
    public Pager Pager { get; private set; } = null!;

    public sealed record Row(string Slug, string Name, OrganisationKind Kind, int Published, int Owned, int Financed);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Name = Request.Query["namn"].ToString().Trim() is { Length: > 0 } n ? n[..Math.Min(n.Length, MaxNameLength)] : null;
        Kind = OrganisationKinds.All.FirstOrDefault(k => k.Code == Request.Query["typ"].ToString());
        Initial = Request.Query["bokstav"].ToString() is var b && (Initials.Contains(b) || b == OtherInitial) ? b : null;
        OrganisationCount = await db.Organisations.CountAsync(ct);
        // One pass over every public project counts what each organisation publishes, owns and finances.
        var result = await search.RunAsync(new ProjectFilter(), new SearchRequest { Counts = Counts.Publishers | Counts.Owners | Counts.Financiers }, ct);
        _counts = (result.Publishers(result.Tally), result.Owners(result.Tally), result.Financiers(result.Tally));

        if (!IsFiltered)
        {
            Publishers = await RowsAsync(db.Organisations.Where(o => o.ListTitle != null).OrderBy(o => o.Name), ct);
            // Projects, not financier rows: the index counts an organisation listed twice on one project once.
            var top = _counts.Financed.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal)
                .Take(TopFinancierCount).Select(x => x.Key).ToList();
            TopFinanciers = (await RowsAsync(db.Organisations.Where(o => top.Contains(o.Slug)), ct))
                .OrderByDescending(r => r.Financed).ThenBy(r => r.Name, StringComparer.CurrentCulture).ToList();
            return;
        }

        var found = db.Organisations.AsNoTracking();
        if (Kind is not null) found = found.Where(o => o.Kind == Kind.Kind);
        if (Name is not null)
        {
            // Case-insensitive, by the engine's own means; the user's own % and _ are matched as themselves.
            var pattern = "%" + Name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            found = engine.WhereNameLike(found, pattern);
        }
        // By the first character as stored, in either case: every organisation is under exactly one initial.
        if (Initial == OtherInitial)
            found = found.Where(o => !AllInitials.Contains(o.Name.Substring(0, 1)));
        else if (Initial is not null)
        {
            string[] either = [Initial, Initial.ToLower(System.Globalization.CultureInfo.CurrentCulture)];
            found = found.Where(o => either.Contains(o.Name.Substring(0, 1)));
        }
        Total = await found.CountAsync(ct);
        var page = Pager.Parse(Request.Query[Pager.QueryKey], Total, PageSize);
        Pager = new Pager(page, Pager.CountPages(Total, PageSize), i => Link(Initial, i), "Sidor med organisationer");
        Results = await RowsAsync(found.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip((page - 1) * PageSize).Take(PageSize), ct);
    }

    /// <summary>This list with another initial (or the same) and page, keeping the name and kind chosen.</summary>
    public string Link(string? initial, int page = 1)
    {
        var query = new List<string>();
        if (initial is not null) query.Add("bokstav=" + Uri.EscapeDataString(initial));
        if (Name is not null) query.Add("namn=" + Uri.EscapeDataString(Name));
        if (Kind is not null) query.Add("typ=" + Kind.Code);
        if (page > 1) query.Add($"sida={page}");
        return "/organisationer" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

    private (Dictionary<string, int> Published, Dictionary<string, int> Owned, Dictionary<string, int> Financed) _counts;

    /// <summary>The rows of <paramref name="organisations"/> in its order, with their counts from the index.</summary>
    private async Task<List<Row>> RowsAsync(IQueryable<Organisation> organisations, CancellationToken ct) =>
        (await organisations.AsNoTracking().Select(o => new { o.Slug, o.Name, o.Kind }).ToListAsync(ct))
            .Select(o => new Row(o.Slug, o.Name, o.Kind,
                _counts.Published.GetValueOrDefault(o.Slug), _counts.Owned.GetValueOrDefault(o.Slug), _counts.Financed.GetValueOrDefault(o.Slug)))
            .ToList();
}
