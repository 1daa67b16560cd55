using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

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

    public static async Task<ProjectFacets> LoadAsync(RegistryDbContext db, ProjectFilter filter, List<string> notes, CancellationToken ct)
    {
        var byStatus = await filter.Apply(db, ProjectFacet.Status)
            .GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        // Each facet is one GROUP BY over the projects it counts (never a count per choice), so the cost
        // follows the number of matching projects, not the number of municipalities or organisations.
        var municipalities = await filter.Apply(db, ProjectFacet.Municipality).SelectMany(p => p.Municipalities)
            .GroupBy(m => new { m.Code, m.Name })
            .Select(g => new Choice(g.Key.Code, g.Key.Name, g.Count()))
            .ToListAsync(ct);
        var chosenMunicipalities = filter.Municipalities.Where(c => municipalities.All(m => m.Value != c)).ToList();
        if (chosenMunicipalities.Count > 0)
            municipalities.AddRange(await db.Municipalities.AsNoTracking().Where(m => chosenMunicipalities.Contains(m.Code))
                .Select(m => new Choice(m.Code, m.Name, 0)).ToListAsync(ct));

        var organisations = await filter.Apply(db, ProjectFacet.Organisation)
            .GroupBy(p => new { p.Publisher.Slug, p.Publisher.Name })
            .Select(g => new Choice(g.Key.Slug, g.Key.Name, g.Count()))
            .ToListAsync(ct);
        await AddChosenOrganisationAsync(db, organisations, filter.Organisation, ct);

        var financiers = await CountFinanciers(filter.Apply(db, ProjectFacet.Financier)).ToListAsync(ct);
        await AddChosenOrganisationAsync(db, financiers, filter.Financier, ct);

        // Goal areas are per publisher; the same name under two publishers is one choice in the filter.
        var goalAreas = await filter.Apply(db, ProjectFacet.GoalArea).SelectMany(p => p.GoalAreas)
            .GroupBy(g => new { g.Slug, g.Name })
            .Select(g => new Choice(g.Key.Slug, g.Key.Name, g.Count()))
            .ToListAsync(ct);
        if (filter.GoalArea is { } area && goalAreas.All(g => g.Value != area))
            goalAreas.AddRange(await db.GoalAreas.AsNoTracking().Where(g => g.Slug == area)
                .Select(g => new Choice(g.Slug, g.Name, 0)).Take(1).ToListAsync(ct));

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

    /// <summary>How many of <paramref name="projects"/> each organisation finances (a project naming one financier twice counts once).</summary>
    public static IQueryable<Choice> CountFinanciers(IQueryable<Project> projects) => projects.SelectMany(p => p.Financiers)
        .GroupBy(f => new { f.Organisation.Slug, f.Organisation.Name })
        .Select(g => new Choice(g.Key.Slug, g.Key.Name, g.Select(f => f.ProjectId).Distinct().Count()));

    public sealed record Choice(string Value, string Name, int Count);

    private static List<FacetValue<string>> Sorted(List<Choice> choices, Func<string, bool> selected) =>
        choices.OrderBy(c => c.Name, StringComparer.CurrentCulture).ThenBy(c => c.Value, StringComparer.Ordinal)
            .Select(c => new FacetValue<string>(c.Value, c.Name, c.Count, selected(c.Value))).ToList();

    /// <summary>A chosen organisation stays in its list with 0 when nothing matches, so the reader can unselect it.</summary>
    private static async Task AddChosenOrganisationAsync(RegistryDbContext db, List<Choice> choices, string? slug, CancellationToken ct)
    {
        if (slug is null || choices.Any(c => c.Value == slug)) return;
        choices.AddRange(await db.Organisations.AsNoTracking().Where(o => o.Slug == slug)
            .Select(o => new Choice(o.Slug, o.Name, 0)).ToListAsync(ct));
    }

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
