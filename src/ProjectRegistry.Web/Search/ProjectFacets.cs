using System.Globalization;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Listing;

namespace ProjectRegistry.Web.Search;

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

    /// <summary>?ar=: the years projects are active in, with their counts.</summary>
    public List<FacetValue<int>> Years { get; private init; } = [];
    /// <summary>?finansiar-typ=: the kinds of financier.</summary>
    public List<FacetValue<FinancierKind>> FinancierKinds { get; private init; } = [];
    /// <summary>?valuta=: the currencies budgets are given in, with the number of projects.</summary>
    public List<FacetValue<string>> Currencies { get; private init; } = [];

    /// <summary>
    /// The facets of <paramref name="filter"/> from a search that counted them (<see cref="SearchRequest.Facets"/>).
    /// Each facet's counts depend on every filter but its own (the municipality counts of "ongoing" are the same
    /// whichever municipality is chosen): the search counted those under that facet's own query.
    /// </summary>
    public static async Task<ProjectFacets> LoadAsync(RegistryDbContext db, DisplayNames names, ProjectFilter filter, SearchResult result, List<string> notes, CancellationToken ct)
    {
        var byStatus = result.Statuses(result.For(ProjectFacet.Status));
        var municipalityCounts = result.Municipalities(result.For(ProjectFacet.Municipality));
        var municipalities = Named(municipalityCounts, await names.MunicipalitiesAsync(db, municipalityCounts.Keys, ct, [.. filter.Municipalities]));

        var publisherCounts = result.Publishers(result.For(ProjectFacet.Organisation));
        var organisations = Named(publisherCounts, await names.OrganisationsAsync(db, publisherCounts.Keys, ct, filter.Organisation));
        // A national registry has thousands of financiers: the list offers the most frequent, and the chosen one.
        var financierCounts = result.Financiers(result.For(ProjectFacet.Financier))
            .OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Take(MaxFinanciers)
            .ToDictionary(x => x.Key, x => x.Value);
        var financiers = Named(financierCounts, await names.OrganisationsAsync(db, financierCounts.Keys, ct, filter.Financier));

        // Goal areas are per publisher; the same slug under two publishers is one choice in the filter.
        var goalAreaCounts = result.GoalAreas(result.For(ProjectFacet.GoalArea));
        var goalAreas = Named(goalAreaCounts, await names.GoalAreasAsync(db, goalAreaCounts.Keys, ct, filter.GoalArea));

        var years = result.For(ProjectFacet.Year).Years;
        var kinds = result.FinancierKinds(result.For(ProjectFacet.FinancierKind));
        var currencies = result.BudgetCounts(result.For(ProjectFacet.Budget));
        var facets = new ProjectFacets
        {
            Statuses = ProjectStatuses.All
                .Select(s => new FacetValue<ProjectStatus>(s.Status, s.Label, byStatus.GetValueOrDefault(s.Status), filter.Statuses.Contains(s.Status)))
                .Where(f => f.Count > 0 || f.Selected).ToList(),
            Municipalities = Sorted(municipalities, c => filter.Municipalities.Contains(c)),
            Organisations = Sorted(organisations, c => c == filter.Organisation),
            Financiers = Sorted(financiers, c => c == filter.Financier),
            GoalAreas = Sorted(goalAreas, c => c == filter.GoalArea),
            Years = years.Keys.Append(filter.Year ?? years.Keys.FirstOrDefault()).Where(y => y > 0).Distinct().OrderByDescending(y => y)
                .Select(y => new FacetValue<int>(y, y.ToString(CultureInfo.InvariantCulture), years.GetValueOrDefault(y), y == filter.Year)).ToList(),
            FinancierKinds = Domain.FinancierKinds.All
                .Select(k => new FacetValue<FinancierKind>(k.Kind, k.Label, kinds.GetValueOrDefault(k.Kind), k.Kind == filter.FinancierKind))
                .Where(f => f.Count > 0 || f.Selected).ToList(),
            Currencies = Money.SupportedCurrencies
                .Select(c => new FacetValue<string>(c, c, currencies.GetValueOrDefault(c), c == filter.Currency))
                .Where(f => f.Count > 0 || f.Selected).ToList(),
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

    /// <summary>How many financiers the filter's list offers (the most frequent first).</summary>
    public const int MaxFinanciers = 50;

    private sealed record Choice(string Value, string Name, int Count);

    private static List<FacetValue<string>> Sorted(List<Choice> choices, Func<string, bool> selected) =>
        choices.OrderBy(c => c.Name, StringComparer.CurrentCulture).ThenBy(c => c.Value, StringComparer.Ordinal)
            .Select(c => new FacetValue<string>(c.Value, c.Name, c.Count, selected(c.Value))).ToList();

    /// <summary>The counted values that have a name, with their counts; a chosen one stays in the list (with 0) so the reader can unselect it.</summary>
    private static List<Choice> Named(Dictionary<string, int> counts, IReadOnlyDictionary<string, string> names) =>
        names.Select(n => new Choice(n.Key, n.Value, counts.GetValueOrDefault(n.Key))).ToList();

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
