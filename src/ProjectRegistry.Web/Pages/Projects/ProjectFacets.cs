using System.Text.Json;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Pages.Projects;

/// <summary>
/// The choices of the /projekt filter form, each with its count under the other filters, for every page
/// that shows the form (the list and the statistics). Values in the query that match nothing get a note.
/// </summary>
public sealed class ProjectFacets
{
    public List<FacetValue<ProjectStatus>> Statuses { get; private init; } = [];
    public List<FacetValue<string>> Municipalities { get; private init; } = [];
    public List<FacetValue<string>> Organisations { get; private init; } = [];
    public List<FacetValue<string>> Financiers { get; private init; } = [];
    public List<FacetValue<string>> GoalAreas { get; private init; } = [];

    /// <summary>
    /// The facets of <paramref name="filter"/>. Each facet's counts depend on every filter but its own (the
    /// municipality counts of "ongoing" are the same whichever municipality is chosen), so they are kept in
    /// <paramref name="counts"/>, the output cache's store, under that key and the cache's tag: a staff save
    /// evicts them with the pages, on every node.
    /// </summary>
    public static async Task<ProjectFacets> LoadAsync(RegistryDbContext db, ProjectFilter filter, List<string> notes, IOutputCacheStore counts, CancellationToken ct)
    {
        var byStatus = await CachedAsync(counts, filter, ProjectFacet.Status, () => filter.Apply(db, ProjectFacet.Status)
            .GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct), ct);

        // Each facet is one GROUP BY on an id over the projects it counts (never a count per choice, never a
        // grouping on names), so its cost follows the number of matching projects; names are joined after.
        var municipalityCounts = await CachedAsync(counts, filter, ProjectFacet.Municipality, () => filter.Apply(db, ProjectFacet.Municipality)
            .SelectMany(p => p.Municipalities.Select(m => m.Code))
            .GroupBy(code => code).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct), ct);
        var municipalityNames = await db.Municipalities.AsNoTracking()
            .Where(m => municipalityCounts.Keys.Contains(m.Code) || filter.Municipalities.Contains(m.Code))
            .Select(m => new { m.Code, m.Name }).ToListAsync(ct);
        var municipalities = municipalityNames.Select(m => new Choice(m.Code, m.Name, municipalityCounts.GetValueOrDefault(m.Code))).ToList();

        var publisherCounts = await CachedAsync(counts, filter, ProjectFacet.Organisation, () => filter.Apply(db, ProjectFacet.Organisation)
            .GroupBy(p => p.PublisherId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct), ct);
        var organisations = await NamedAsync(db, publisherCounts, filter.Organisation, ct);

        // A national registry has thousands of financiers: the list offers the most frequent, and the chosen one.
        var financierCounts = await CachedAsync(counts, filter, ProjectFacet.Financier, () => CountFinanciers(filter.Apply(db, ProjectFacet.Financier))
            .OrderByDescending(x => x.Count).Take(MaxFinanciers)
            .ToDictionaryAsync(x => x.OrganisationId, x => x.Count, ct), ct);
        var financiers = await NamedAsync(db, financierCounts, filter.Financier, ct);

        // Goal areas are per publisher; the same name under two publishers is one choice in the filter.
        var goalAreaCounts = await CachedAsync(counts, filter, ProjectFacet.GoalArea, () => filter.Apply(db, ProjectFacet.GoalArea)
            .SelectMany(p => p.GoalAreas.Select(g => g.Id))
            .GroupBy(id => id).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct), ct);
        var goalAreas = (await db.GoalAreas.AsNoTracking()
                .Where(g => goalAreaCounts.Keys.Contains(g.Id) || g.Slug == filter.GoalArea)
                .Select(g => new { g.Id, g.Slug, g.Name }).ToListAsync(ct))
            .GroupBy(g => g.Slug)
            .Select(g => new Choice(g.Key, g.First().Name, g.Sum(x => goalAreaCounts.GetValueOrDefault(x.Id))))
            .ToList();

        var facets = new ProjectFacets
        {
            Statuses = ProjectStatuses.All
                .Select(s => new FacetValue<ProjectStatus>(s.Status, s.Label, byStatus.GetValueOrDefault(s.Status), filter.Statuses.Contains(s.Status)))
                .Where(f => f.Count > 0 || f.Selected).ToList(),
            Municipalities = Sorted(municipalities, c => filter.Municipalities.Contains(c)),
            Organisations = Sorted(organisations, c => c == filter.Organisation),
            Financiers = Sorted(financiers, c => c == filter.Financier),
            GoalAreas = Sorted(goalAreas, c => c == filter.GoalArea),
        };

        if (filter.Organisation is not null && !facets.Organisations.Any(f => f.Selected))
            notes.Add($"Det finns ingen organisation med adressen ”{filter.Organisation}”.");
        if (filter.Financier is not null && !facets.Financiers.Any(f => f.Selected))
            notes.Add($"Det finns ingen finansiär med adressen ”{filter.Financier}”.");
        if (filter.GoalArea is not null && !facets.GoalAreas.Any(f => f.Selected))
            notes.Add($"Det finns inget målområde med adressen ”{filter.GoalArea}”.");
        foreach (var code in filter.Municipalities.Where(c => !facets.Municipalities.Any(f => f.Value == c)))
            notes.Add($"Det finns ingen kommun med kommunkod {code}.");
        return facets;
    }

    /// <summary>One facet's counts from the store, or counted and stored under the public cache's tag and lifetime.</summary>
    private static async Task<Dictionary<TKey, int>> CachedAsync<TKey>(
        IOutputCacheStore store, ProjectFilter filter, ProjectFacet facet, Func<Task<Dictionary<TKey, int>>> count, CancellationToken ct)
        where TKey : notnull
    {
        var key = $"facet-counts:{facet}:{filter.Without(facet).ToQueryString(withSortAndPage: false)}";
        if (await store.GetAsync(key, ct) is { } stored) return JsonSerializer.Deserialize<Dictionary<TKey, int>>(stored)!;
        var counted = await count();
        await store.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(counted), [PublicCache.Tag], PublicCache.Lifetime, ct);
        return counted;
    }

    /// <summary>How many financiers the filter's list offers (the most frequent first).</summary>
    public const int MaxFinanciers = 50;

    /// <summary>How many of <paramref name="projects"/> each organisation finances (a project naming one financier twice counts once).</summary>
    public static IQueryable<OrganisationCount> CountFinanciers(IQueryable<Project> projects) => projects.SelectMany(p => p.Financiers)
        .GroupBy(f => f.OrganisationId)
        .Select(g => new OrganisationCount { OrganisationId = g.Key, Count = g.Select(f => f.ProjectId).Distinct().Count() });

    /// <summary>Built with an initializer, not a constructor, so that EF can sort and page on its members.</summary>
    public sealed class OrganisationCount
    {
        public int OrganisationId { get; init; }
        public int Count { get; init; }
    }

    private sealed record Choice(string Value, string Name, int Count);

    private static List<FacetValue<string>> Sorted(List<Choice> choices, Func<string, bool> selected) =>
        choices.OrderBy(c => c.Name, StringComparer.CurrentCulture).ThenBy(c => c.Value, StringComparer.Ordinal)
            .Select(c => new FacetValue<string>(c.Value, c.Name, c.Count, selected(c.Value))).ToList();

    /// <summary>The counted organisations by slug and name; a chosen one stays in the list (with 0) so the reader can unselect it.</summary>
    private static async Task<List<Choice>> NamedAsync(RegistryDbContext db, Dictionary<int, int> counts, string? chosen, CancellationToken ct) =>
        (await db.Organisations.AsNoTracking().Where(o => counts.Keys.Contains(o.Id) || o.Slug == chosen)
            .Select(o => new { o.Id, o.Slug, o.Name }).ToListAsync(ct))
        .Select(o => new Choice(o.Slug, o.Name, counts.GetValueOrDefault(o.Id))).ToList();

    /// <summary>The name behind a value of the query string ("2418" → "Malå"), for the chips of active filters.</summary>
    public string Label(ProjectFacet facet, string value) => facet switch
    {
        ProjectFacet.Municipality => Municipalities.FirstOrDefault(f => f.Value == value)?.Label ?? value,
        ProjectFacet.Organisation => Organisations.FirstOrDefault(f => f.Value == value)?.Label ?? value,
        ProjectFacet.Financier => Financiers.FirstOrDefault(f => f.Value == value)?.Label ?? value,
        ProjectFacet.GoalArea => GoalAreas.FirstOrDefault(f => f.Value == value)?.Label ?? value,
        _ => value,
    };
}

public sealed record FacetValue<T>(T Value, string Label, int Count, bool Selected);

/// <summary>What the shared filter form needs: the current filter, its choices, and the page it submits to.</summary>
public sealed record FilterForm(ProjectFilter Filter, ProjectFacets Facets, string Action, bool WithSort, string Submit);
