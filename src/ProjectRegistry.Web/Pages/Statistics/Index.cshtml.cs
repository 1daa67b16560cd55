using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Infrastructure.Caching;
using ProjectRegistry.Web.Infrastructure.Http;
using ProjectRegistry.Web.Search;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Pages.Shared;

namespace ProjectRegistry.Web.Pages.Statistics;

/// <summary>
/// /statistik: the projects of the current /projekt filter counted by status, municipality, goal area and
/// start year, and their money per financier and per municipality, one sum per currency. Every chart is an
/// SVG drawn here with a text alternative and the table of its numbers; the map shades municipalities by
/// their number of projects and marks the places that have coordinates.
/// </summary>
[OutputCache(PolicyName = PublicCache.StatisticsPolicy)]
[ExpensiveAnswer]
public class IndexModel(RegistryDbContext db, SwedenMap map, ProjectSearch search, DisplayNames displayNames) : PageModel
{
    /// <summary>The charts and the tables of the overview show this many rows; the full tables are views of their own.</summary>
    public const int Top = 15;

    /// <summary>The full financier table is paged: a national registry has thousands of financiers.</summary>
    public const int FullTableRows = 100;

    /// <summary>?visa=kommuner: every municipality with its projects and budgets; ?visa=finansiarer: every financier.</summary>
    public const string MunicipalitiesView = "kommuner";
    public const string FinanciersView = "finansiarer";
    public const string GoalAreasView = "malomraden";

    /// <summary>The query keys this page reads: the filters, and the view with its own paging (?sida= is a filter key).</summary>
    public static readonly string[] QueryKeys = [.. ProjectFilter.QueryKeys, "visa"];

    /// <summary>The heading and title of a full table.</summary>
    public static string ViewTitle(string view) => view switch
    {
        MunicipalitiesView => "Projekt och budget per kommun",
        GoalAreasView => "Projekt per målområde",
        _ => "Finansiärer",
    };

    /// <summary>The full table asked for, or null for the overview.</summary>
    public string? View { get; private set; }
    public Pager? FinancierPager { get; private set; }

    public ProjectFilter Filter { get; private set; } = new();
    public ProjectFacets Facets { get; private set; } = new();
    public List<string> Notes { get; } = [];

    public int Total { get; private set; }
    /// <summary>The matches' financing by kind of contribution, per currency.</summary>
    public IReadOnlyList<FinancingByKind> Financing { get; private set; } = [];
    public IReadOnlyList<Money> BudgetSums { get; private set; } = [];
    public int WithoutBudget { get; private set; }

    public List<CountRow> ByStatus { get; private set; } = [];
    public List<CountRow> ByGoalArea { get; private set; } = [];
    public List<CountRow> ByStartYear { get; private set; } = [];
    public int WithoutStart { get; private set; }

    /// <summary>Every municipality with at least one of the projects, with their budgets per currency.</summary>
    public List<MunicipalityRow> ByMunicipality { get; private set; } = [];

    /// <summary>
    /// The financiers of the projects, most projects first: every one in the full table (?visa=finansiarer), the
    /// <see cref="Top"/> of them in the overview.
    /// </summary>
    public List<FinancierRow> ByFinancier { get; private set; } = [];

    /// <summary>How many organisations finance the projects.</summary>
    public int FinancierCount { get; private set; }

    /// <summary>The overview's charts: per currency, the <see cref="Top"/> financiers by the amount they give in it.</summary>
    public Dictionary<string, List<FinancierRow>> TopByAmount { get; private set; } = [];

    /// <summary>The currencies that occur among the amounts, SEK first: one chart each.</summary>
    public IReadOnlyList<string> Currencies { get; private set; } = [];

    /// <summary>The map of the projects, drawn by _ProjectMap as the embedded map draws it.</summary>
    public ProjectMap Map { get; private set; } = null!;

    public sealed record CountRow(string Label, int Count, string? Href);
    public sealed record MunicipalityRow(string Code, string Name, int Count, IReadOnlyList<Money> Budgets);
    public sealed record FinancierRow(string Slug, string Name, int Projects, IReadOnlyList<Money> Amounts, int WithoutAmount);
    /// <summary>A horizontal bar chart: its heading, the sentence a screen reader hears, and its bars.</summary>
    public sealed record BarChart(string Id, string Title, IReadOnlyList<Bar> Bars, string Unit);
    public sealed record Bar(string Label, double Value, string ValueText);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filter = ProjectFilter.Parse(Request.Query) with { Page = 1 };
        Notes.AddRange(Filter.Notes);
        View = Request.Query["visa"].ToString() switch
        {
            MunicipalitiesView => MunicipalitiesView,
            FinanciersView => FinanciersView,
            GoalAreasView => GoalAreasView,
            _ => null,
        };
        var result = await search.RunAsync(Filter, new SearchRequest
        {
            Counts = Counts.Budgets | Counts.Statuses | Counts.Municipalities | Counts.MunicipalityBudgets | Counts.FinancierAmounts | Counts.Contributions
                | Counts.GoalAreas | Counts.StartYears | Counts.Places,
            Facets = View is null,
        }, ct);
        var tally = result.Tally;
        if (result.SearchedQuery is not null)
            Notes.Add($"Inga träffar för ”{result.TypedQuery}”. Visar träffar för ”{result.SearchedQuery}”.");

        Total = result.Total;
        BudgetSums = result.BudgetSums(tally);
        Financing = result.FinancingByKind(tally);
        WithoutBudget = Total - tally.BudgetCounts.Sum();

        if (View is null or MunicipalitiesView) await LoadMunicipalitiesAsync(result, ct);
        if (View is null or FinanciersView) await LoadFinanciersAsync(result, everyOne: View == FinanciersView, ct);
        Currencies = Money.SupportedCurrencies
            .Where(c => BudgetSums.Any(m => m.Currency == c) || TopByAmount.ContainsKey(c) || ByFinancier.Any(f => f.Amounts.Any(m => m.Currency == c)))
            .ToList();
        if (View == FinanciersView)
        {
            FinancierPager = new Pager(Pager.Parse(Request.Query[Pager.QueryKey], FinancierCount, FullTableRows), Pager.CountPages(FinancierCount, FullTableRows),
                i => ViewLink(FinanciersView) + (i == 1 ? "" : $"&sida={i}"), "Sidor i tabellen över finansiärer");
        }
        if (View is null or GoalAreasView)
        {
            var counts = result.GoalAreas(tally);
            var names = await displayNames.GoalAreasAsync(db, counts.Keys, ct);
            ByGoalArea = counts.Where(c => names.ContainsKey(c.Key))
                .OrderByDescending(x => x.Value).ThenBy(x => names[x.Key], StringComparer.CurrentCulture)
                .Select(x => new CountRow(names[x.Key], x.Value, Link(Filter with { GoalArea = x.Key })))
                .ToList();
        }
        if (View is not null) return;

        var byStatus = result.Statuses(tally);
        ByStatus = ProjectStatuses.All.Where(s => byStatus.ContainsKey(s.Status))
            .Select(s => new CountRow(s.Label, byStatus[s.Status], Link(Filter with { Statuses = [s.Status] })))
            .ToList();

        // Only the start's year counts here, whatever precision it was given at ("2019", "2020-09").
        WithoutStart = tally.WithoutStart;
        ByStartYear = tally.StartYears.OrderBy(y => y.Key)
            .Select(y => new CountRow(y.Key.ToString(CultureInfo.InvariantCulture), y.Value, null))
            .ToList();

        await LoadFollowUpAsync(ct);
        Facets = await ProjectFacets.LoadAsync(db, displayNames, Filter, result, Notes, ct);
        Map = await ProjectMap.LoadAsync(db, map, search, displayNames, Filter, ByMunicipality.ToDictionary(m => m.Code, m => m.Count), tally.Places, ct);
    }

    /// <summary>The follow-up against a strategy, when the filter names one publisher; each strategy is its own.</summary>
    public Organisations.StrategyFollowUp? FollowUp { get; private set; }

    /// <summary>Without a publisher in the filter: the publishers that have a strategy to follow up, as links.</summary>
    public List<(string Slug, string Name)> FollowUpPublishers { get; private set; } = [];

    private async Task LoadFollowUpAsync(CancellationToken ct)
    {
        if (Filter.Organisation is not null)
        {
            var publisher = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == Filter.Organisation && o.ListTitle != null, ct);
            if (publisher is not null) FollowUp = await Organisations.StrategyFollowUp.LoadAsync(db, search, publisher, Filter, ct);
            return;
        }
        var publishers = await db.Organisations.AsNoTracking()
            .Where(o => o.ListTitle != null && (o.GoalAreas.Any() || o.Indicators.Any()))
            .OrderBy(o => o.Name).Select(o => new { o.Slug, o.Name }).ToListAsync(ct);
        FollowUpPublishers = publishers.Select(p => (p.Slug, p.Name)).ToList();
    }

    /// <summary>The link to one of the full tables, within the current filter.</summary>
    public string ViewLink(string view) => OverviewLink + (OverviewLink.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"visa={view}";

    /// <summary>The overview within the current filter.</summary>
    public string OverviewLink => "/statistik" + Filter.ToQueryString(withSortAndPage: false);

    private async Task LoadMunicipalitiesAsync(SearchResult result, CancellationToken ct)
    {
        var counts = result.Municipalities(result.Tally);
        var names = await displayNames.MunicipalitiesAsync(db, counts.Keys, ct);
        ByMunicipality = counts.Where(c => names.ContainsKey(c.Key))
            .Select(c => new MunicipalityRow(c.Key, names[c.Key], c.Value, result.MunicipalityBudgets(result.Tally, c.Key)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <remarks>
    /// A national registry has tens of thousands of financiers. The full table names and orders them all; the
    /// overview only those that can be among its first rows: the ones with at least as many projects (or as large an
    /// amount) as the row at <see cref="Top"/>. Naming and ordering all of them took most of the page's time.
    /// </remarks>
    private async Task LoadFinanciersAsync(SearchResult result, bool everyOne, CancellationToken ct)
    {
        var tally = result.Tally;
        var projects = result.Financiers(tally);
        FinancierCount = projects.Count;
        IEnumerable<string> wanted = projects.Keys;
        if (!everyOne)
        {
            var leastProjects = projects.Values.OrderDescending().Skip(Top - 1).FirstOrDefault();
            var candidates = projects.Where(p => p.Value >= leastProjects).Select(p => p.Key).ToHashSet();
            foreach (var currency in Money.SupportedCurrencies)
            {
                var amounts = projects.Keys.Select(slug => (slug, amount: result.FinancierAmount(tally, slug, currency))).Where(x => x.amount > 0).ToList();
                var leastAmount = amounts.Select(x => x.amount).OrderDescending().Skip(Top - 1).FirstOrDefault();
                candidates.UnionWith(amounts.Where(x => x.amount >= leastAmount).Select(x => x.slug));
            }
            wanted = candidates;
        }
        var names = await displayNames.OrganisationsAsync(db, wanted, ct);
        var rows = wanted.Where(names.ContainsKey)
            .Select(slug => new FinancierRow(slug, names[slug], projects[slug],
                result.FinancierAmounts(tally, slug), result.FinancierWithoutAmount(tally, slug)))
            .OrderByDescending(f => f.Projects).ThenBy(f => DisplayNames.SortKey(f.Name), StringComparer.Ordinal)
            .ToList();
        ByFinancier = everyOne ? rows : rows.Take(Top).ToList();
        foreach (var currency in Money.SupportedCurrencies)
        {
            var top = rows.Where(r => r.Amounts.Any(a => a.Currency == currency))
                .OrderByDescending(r => r.Amounts.First(a => a.Currency == currency).MinorUnits).Take(Top).ToList();
            if (top.Count > 0) TopByAmount[currency] = top;
        }
    }

    public string ListLink => "/projekt" + Filter.ToQueryString(withSortAndPage: false);

    private static string Link(ProjectFilter filter) => "/statistik" + filter.ToQueryString(withSortAndPage: false);
}
