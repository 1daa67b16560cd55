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
        var published = db.PublicProjects.AsNoTracking();

        var byStatus = await filter.Apply(published, ProjectFacet.Status)
            .GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        var forMunicipality = filter.Apply(published, ProjectFacet.Municipality);
        var municipalities = await db.Municipalities.AsNoTracking()
            .Select(m => new { m.Code, m.Name, Count = forMunicipality.Count(p => p.Municipalities.Any(x => x.Code == m.Code)) })
            .Where(x => x.Count > 0 || filter.Municipalities.Contains(x.Code))
            .OrderBy(x => x.Name).ToListAsync(ct);

        var forOrganisation = filter.Apply(published, ProjectFacet.Organisation);
        var organisations = await db.Organisations.AsNoTracking()
            .Select(o => new { o.Slug, o.Name, Count = forOrganisation.Count(p => p.PublisherId == o.Id) })
            .Where(x => x.Count > 0 || x.Slug == filter.Organisation)
            .OrderBy(x => x.Name).ToListAsync(ct);

        var forFinancier = filter.Apply(published, ProjectFacet.Financier);
        var financiers = await db.Organisations.AsNoTracking()
            .Select(o => new { o.Slug, o.Name, Count = forFinancier.Count(p => p.Financiers.Any(f => f.OrganisationId == o.Id)) })
            .Where(x => x.Count > 0 || x.Slug == filter.Financier)
            .OrderBy(x => x.Name).ToListAsync(ct);

        // Goal areas are per publisher; the same name under two publishers is one choice in the filter.
        var forGoalArea = filter.Apply(published, ProjectFacet.GoalArea);
        var goalAreas = await db.GoalAreas.AsNoTracking()
            .GroupBy(g => new { g.Slug, g.Name })
            .Select(g => new { g.Key.Slug, g.Key.Name, Count = forGoalArea.Count(p => p.GoalAreas.Any(x => x.Slug == g.Key.Slug)) })
            .Where(x => x.Count > 0 || x.Slug == filter.GoalArea)
            .OrderBy(x => x.Name).ToListAsync(ct);

        var facets = new ProjectFacets
        {
            Statuses = ProjectStatuses.All
                .Select(s => new FacetValue<ProjectStatus>(s.Status, s.Label, byStatus.GetValueOrDefault(s.Status), filter.Statuses.Contains(s.Status)))
                .Where(f => f.Count > 0 || f.Selected).ToList(),
            Municipalities = municipalities.Select(x => new FacetValue<string>(x.Code, x.Name, x.Count, filter.Municipalities.Contains(x.Code))).ToList(),
            Organisations = organisations.Select(x => new FacetValue<string>(x.Slug, x.Name, x.Count, x.Slug == filter.Organisation)).ToList(),
            Financiers = financiers.Select(x => new FacetValue<string>(x.Slug, x.Name, x.Count, x.Slug == filter.Financier)).ToList(),
            GoalAreas = goalAreas.Select(x => new FacetValue<string>(x.Slug, x.Name, x.Count, x.Slug == filter.GoalArea)).ToList(),
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
