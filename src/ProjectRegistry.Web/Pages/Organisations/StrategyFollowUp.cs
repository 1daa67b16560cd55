using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Pages.Shared;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Web.Pages.Organisations;

/// <summary>
/// "How far have we come?": one publisher's projects measured against its local development strategy. Per
/// målområde, the money granted (the financier rows of kind <see cref="Contribution.Grant"/>: the Leader support that
/// the LAG decides, whether a row names the LAG itself, as the seed pages do, or the EU fund; and the publisher's own
/// rows of any kind, which is how a municipality's development department grants) against the strategy's planned budget; per indicator, the sums of the
/// projects' planned and achieved values against the strategy's target. It covers the public projects of the
/// publisher that match a filter: the publisher's page passes its whole list, /statistik its filter.
/// </summary>
public sealed record StrategyFollowUp(
    string PublisherSlug, string PublisherName, int Projects, IReadOnlyList<Money> Granted,
    IReadOnlyList<StrategyFollowUp.AreaRow> Areas, IReadOnlyList<StrategyFollowUp.IndicatorRow> Indicators)
{
    /// <summary>A målområde: its projects among those followed up, what the publisher granted them per currency, and the budget.</summary>
    public sealed record AreaRow(string Name, string Slug, int Projects, Money? Budget, IReadOnlyList<Money> Granted)
    {
        /// <summary>Granted in the budget's currency (other currencies are never added to it).</summary>
        public long GrantedInBudgetCurrency => Budget is null ? 0 : Granted.Where(m => m.Currency == Budget.Currency).Sum(m => m.MinorUnits);
    }

    /// <summary>An indicator with the sums of the projects' values (hundredths) and how many projects report it.</summary>
    public sealed record IndicatorRow(string Name, string? EuCode, string? Unit, string? AreaName, long? Target, long Planned, long Achieved, int Projects);

    /// <summary>Nothing to follow up: the strategy has neither målområden nor indicators.</summary>
    public bool IsEmpty => Areas.Count == 0 && Indicators.Count == 0;

    /// <summary>Every planned budget, per currency, for the strategy as a whole.</summary>
    public IReadOnlyList<Money> PlannedBudget => MoneySums.PerCurrency(
        Areas.Where(a => a.Budget is not null).GroupBy(a => a.Budget!.Currency).Select(g => (g.Key, g.Sum(a => a.Budget!.MinorUnits))));

    /// <summary>
    /// The follow-up of <paramref name="publisher"/>'s projects that match <paramref name="filter"/> (its Organisation is
    /// set to the publisher here). The index gives the ids; then one grouped query over ProjectIndicatorValues and two
    /// over the financier rows, each bounded by the publisher and those ids.
    /// </summary>
    public static async Task<StrategyFollowUp> LoadAsync(
        RegistryDbContext db, ProjectSearch search, Organisation publisher, ProjectFilter filter, CancellationToken ct)
    {
        var result = await search.RunAsync(filter with { Organisation = publisher.Slug, Page = 1 }, new SearchRequest { All = true }, ct);
        var ids = result.Ids.ToArray();
        var pid = publisher.Id;

        var areas = await db.GoalAreas.AsNoTracking().Where(g => g.OrganisationId == pid).OrderBy(g => g.Position).ThenBy(g => g.Id)
            .Select(g => new { g.Id, g.Name, g.Slug, g.PlannedBudget }).ToListAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.OrganisationId == pid).OrderBy(i => i.Position).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Name, i.EuCode, i.Unit, Area = i.GoalArea == null ? null : i.GoalArea.Name, i.Target }).ToListAsync(ct);
        if (areas.Count == 0 && indicators.Count == 0) return new(publisher.Slug, publisher.Name, ids.Length, [], [], []);

        var indicatorIds = indicators.Select(i => i.Id).ToArray();
        // SUM over integer hundredths: exact on both engines, and computed in SQL.
        var sums = ids.Length == 0 || indicatorIds.Length == 0 ? [] : await db.ProjectIndicatorValues.AsNoTracking()
            .Where(v => indicatorIds.Contains(v.IndicatorId) && EF.Parameter(ids).Contains(v.ProjectId))
            .GroupBy(v => v.IndicatorId)
            .Select(g => new { Id = g.Key, Planned = g.Sum(v => v.Planned) ?? 0, Achieved = g.Sum(v => v.Achieved) ?? 0, Projects = g.Count() })
            .ToListAsync(ct);

        var grants = db.ProjectFinanciers.AsNoTracking()
            .Where(f => (f.Contribution == Contribution.Grant || f.OrganisationId == pid) && f.Amount != null && EF.Parameter(ids).Contains(f.ProjectId));
        var total = ids.Length == 0 ? [] : await grants
            .GroupBy(f => f.Amount!.Currency)
            .Select(g => new { Currency = g.Key, Sum = g.Sum(f => f.Amount!.MinorUnits) })
            .ToListAsync(ct);
        var links = db.Set<Dictionary<string, object>>("ProjectGoalArea")
            .Where(j => EF.Parameter(ids).Contains(EF.Property<int>(j, "ProjectsId")))
            .Select(j => new { Project = EF.Property<int>(j, "ProjectsId"), Area = EF.Property<int>(j, "GoalAreasId") });
        var areaIds = areas.Select(a => a.Id).ToArray();
        var areaProjects = ids.Length == 0 ? [] : await links.Where(l => areaIds.Contains(l.Area))
            .GroupBy(l => l.Area).Select(g => new { Area = g.Key, Count = g.Count() }).ToListAsync(ct);
        var areaGrants = ids.Length == 0 ? [] : await grants
            .Join(links, f => f.ProjectId, l => l.Project, (f, l) => new { l.Area, f.Amount!.Currency, f.Amount.MinorUnits })
            .Where(x => areaIds.Contains(x.Area))
            .GroupBy(x => new { x.Area, x.Currency })
            .Select(g => new { g.Key.Area, g.Key.Currency, Sum = g.Sum(x => x.MinorUnits) })
            .ToListAsync(ct);

        return new StrategyFollowUp(
            publisher.Slug, publisher.Name, ids.Length,
            MoneySums.PerCurrency(total.Select(t => (t.Currency, t.Sum))),
            areas.Select(a => new AreaRow(a.Name, a.Slug,
                areaProjects.FirstOrDefault(x => x.Area == a.Id)?.Count ?? 0,
                a.PlannedBudget,
                MoneySums.PerCurrency(areaGrants.Where(x => x.Area == a.Id).Select(x => (x.Currency, x.Sum))))).ToList(),
            indicators.Select(i =>
            {
                var s = sums.FirstOrDefault(x => x.Id == i.Id);
                return new IndicatorRow(i.Name, i.EuCode, i.Unit, i.Area, i.Target, s?.Planned ?? 0, s?.Achieved ?? 0, s?.Projects ?? 0);
            }).ToList());
    }

    /// <summary>"27 %" of a target, or null without one.</summary>
    public static string? Share(long value, long? target) =>
        target is > 0 ? ((double)value / target.Value).ToString("0 %", CultureInfo.GetCultureInfo("sv-SE")) : null;
}

/// <summary>
/// Bars measured against a target, one row each (an indicator, a målområde's money): each row has its own scale, since
/// units differ, with the target drawn as a line. The sentence a screen reader hears lists every row's text.
/// </summary>
public sealed record TargetChart(string Id, string Title, IReadOnlyList<TargetChart.Row> Rows, IReadOnlyList<string> Series)
{
    /// <param name="Values">One per series, in the order of <see cref="Series"/>.</param>
    public sealed record Row(string Label, IReadOnlyList<double> Values, double? Target, string Text);
}
