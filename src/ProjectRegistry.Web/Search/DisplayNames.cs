using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;

namespace ProjectRegistry.Web.Search;

/// <summary>
/// The names behind the slugs and codes the index counts (organisations, municipalities, goal areas), kept on this
/// node so that a list or a statistics page does not ask the database for hundreds of names on every read.
/// </summary>
/// <remarks>
/// A name is kept only for a slug the index holds a project for: renaming such an organisation, goal area or
/// municipality changes its projects' public records, so the save writes their change rows (RegistryDbContext), the
/// node applies them before its next public read, and the commit raises <see cref="SearchIndex.Generation"/>, which
/// starts a new, empty set of names. Anything else (a slug typed into the address that names no project) is asked
/// of the database each time.
/// </remarks>
public sealed class DisplayNames(SearchIndex index)
{
    private sealed class Kept
    {
        public required long Generation { get; init; }
        public ConcurrentDictionary<string, string> Organisations { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<string, string> Municipalities { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<string, string> GoalAreas { get; } = new(StringComparer.Ordinal);
        public volatile bool AllMunicipalities;
    }

    private Kept _kept = new() { Generation = -1 };

    private Kept Current()
    {
        var generation = index.Generation;
        var kept = Volatile.Read(ref _kept);
        if (kept.Generation == generation) return kept;
        var fresh = new Kept { Generation = generation };
        Interlocked.CompareExchange(ref _kept, fresh, kept);
        return Volatile.Read(ref _kept);
    }

    /// <summary>Organisation names by slug, for the slugs that name one; <paramref name="counted"/>: slugs the index counted.</summary>
    public Task<IReadOnlyDictionary<string, string>> OrganisationsAsync(RegistryDbContext db, IEnumerable<string> counted, CancellationToken ct, params string?[] chosen) =>
        NamesAsync(Current().Organisations, counted, chosen, missing =>
            db.Organisations.AsNoTracking().Where(o => EF.Parameter(missing).Contains(o.Slug)).Select(o => new KeyValuePair<string, string>(o.Slug, o.Name)), ct);

    /// <summary>Municipality names by kommunkod.</summary>
    public Task<IReadOnlyDictionary<string, string>> MunicipalitiesAsync(RegistryDbContext db, IEnumerable<string> counted, CancellationToken ct, params string?[] chosen) =>
        NamesAsync(Current().Municipalities, counted, chosen, missing =>
            db.Municipalities.AsNoTracking().Where(m => EF.Parameter(missing).Contains(m.Code)).Select(m => new KeyValuePair<string, string>(m.Code, m.Name)), ct);

    /// <summary>Every municipality's name by kommunkod (the map names all 290).</summary>
    public async Task<IReadOnlyDictionary<string, string>> AllMunicipalitiesAsync(RegistryDbContext db, CancellationToken ct)
    {
        var kept = Current();
        if (!kept.AllMunicipalities)
        {
            foreach (var (code, name) in await db.Municipalities.AsNoTracking().Select(m => new { m.Code, m.Name }).ToDictionaryAsync(m => m.Code, m => m.Name, ct))
                kept.Municipalities[code] = name;
            kept.AllMunicipalities = true;
        }
        return kept.Municipalities;
    }

    /// <summary>Goal-area names by slug: goal areas belong to a publisher, and where two share a slug, the first (by id) names it.</summary>
    public Task<IReadOnlyDictionary<string, string>> GoalAreasAsync(RegistryDbContext db, IEnumerable<string> counted, CancellationToken ct, params string?[] chosen) =>
        NamesAsync(Current().GoalAreas, counted, chosen, missing =>
            db.GoalAreas.AsNoTracking().Where(g => EF.Parameter(missing).Contains(g.Slug)).OrderBy(g => g.Id)
                .Select(g => new KeyValuePair<string, string>(g.Slug, g.Name)), ct);

    /// <summary>
    /// A key that orders names as Swedish does (å, ä, ö last) when compared ordinally: sorting thousands of financiers
    /// by name compared each pair through ICU; a key is made once per name and kept.
    /// </summary>
    public static string SortKey(string name)
    {
        if (SortKeys.TryGetValue(name, out var key)) return key;
        key = System.Text.Encoding.Latin1.GetString(Swedish.GetSortKey(name).KeyData);
        if (SortKeys.Count < 200_000) SortKeys[name] = key;
        return key;
    }

    private static readonly System.Globalization.CompareInfo Swedish = System.Globalization.CultureInfo.GetCultureInfo("sv-SE").CompareInfo;
    private static readonly ConcurrentDictionary<string, string> SortKeys = new(StringComparer.Ordinal);

    private static async Task<IReadOnlyDictionary<string, string>> NamesAsync(ConcurrentDictionary<string, string> kept, IEnumerable<string> counted,
        string?[] chosen, Func<List<string>, IQueryable<KeyValuePair<string, string>>> query, CancellationToken ct)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var slug in counted)
        {
            if (kept.TryGetValue(slug, out var name)) found[slug] = name;
            else missing.Add(slug);
        }
        // One JSON parameter per query, not one per slug: the SQL is the same whatever the slugs, so EF builds it once.
        foreach (var chunk in missing.Chunk(1000))
        {
            foreach (var (slug, name) in await query([.. chunk]).ToListAsync(ct))
            {
                if (found.TryAdd(slug, name)) kept[slug] = name;
            }
        }
        var unknown = chosen.OfType<string>().Where(c => !found.ContainsKey(c)).Distinct().ToList();
        if (unknown.Count > 0)
            foreach (var (slug, name) in await query(unknown).ToListAsync(ct)) found.TryAdd(slug, name);
        return found;
    }
}
