using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Listing;

/// <summary>
/// The one meaning of the /projekt query string (status, kommun, organisation, finansiar, malomrade, q,
/// sortering, sida), shared by every view of the list. Values that make no sense are dropped with a
/// Swedish note for the reader, never an error.
/// </summary>
public sealed record ProjectFilter
{
    /// <summary>The list page size everywhere: /projekt, a municipality's and an organisation's lists (the pager uses it).</summary>
    public const int PageSize = 20;
    public const int MaxQueryLength = 200;

    /// <summary>
    /// Values one list parameter (status, kommun; the API's status, municipality) may name after duplicates are
    /// dropped: more than any reader picks, and few enough that the query's IN list stays a normal request's
    /// (3,330 repeats of one kommunkod once took 80 s of CPU).
    /// </summary>
    public const int MaxListValues = 50;

    /// <summary>Every query key <see cref="Parse"/> reads: the output cache varies on these and ignores all others.</summary>
    public static readonly string[] QueryKeys =
        ["status", "kommun", "organisation", "finansiar", "malomrade", "q", "ar", "budget-fran", "budget-till", "valuta", "finansiar-typ", "sortering", "sida"];

    /// <summary>The years ?ar= accepts: wide enough for any real project, narrow enough to catch a typing error.</summary>
    public const int MinYear = 1900, MaxYear = 2100;

    /// <summary>
    /// The greatest budget bound ?budget-fran/-till accept, in whole units: a million billion kronor is beyond any
    /// grant, and the index compares öre (×100), which must stay far from a long's overflow.
    /// </summary>
    public const long MaxBudget = 1_000_000_000_000_000;

    public IReadOnlyList<ProjectStatus> Statuses { get; init; } = [];
    public IReadOnlyList<string> Municipalities { get; init; } = [];
    public string? Organisation { get; init; }
    public string? Financier { get; init; }
    public string? GoalArea { get; init; }
    public string? Query { get; init; }
    /// <summary>The sort asked for in the query string, if any; see <see cref="EffectiveSort"/>.</summary>
    public ProjectSort? Sort { get; init; }
    public int Page { get; init; } = 1;

    // The filters the search index makes cheap (issue 12). Parsed from ar, budget-fran, budget-till, valuta and
    // finansiar-typ; applied by Search/ProjectSearch.

    /// <summary>?ar=2021: projects active at some time in that year (start year ≤ år ≤ end year).</summary>
    public int? Year { get; init; }

    /// <summary>?budget-fran=: the least total budget, in whole units of <see cref="BudgetCurrency"/>.</summary>
    public long? BudgetFrom { get; init; }

    /// <summary>?budget-till=: the greatest total budget, in whole units of <see cref="BudgetCurrency"/>.</summary>
    public long? BudgetTo { get; init; }

    /// <summary>?valuta=SEK: only budgets in this currency; with a budget range and no currency, SEK.</summary>
    public string? Currency { get; init; }

    /// <summary>The currency a budget range is in.</summary>
    public string BudgetCurrency => Currency ?? "SEK";

    /// <summary>?finansiar-typ=eu: projects with at least one financier of this kind.</summary>
    public FinancierKind? FinancierKind { get; init; }

    /// <summary>What was ignored in the request and why, to show above the results.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool IsFiltered => Statuses.Count > 0 || Municipalities.Count > 0 || Organisation is not null
        || Financier is not null || GoalArea is not null || Query is not null
        || Year is not null || BudgetFrom is not null || BudgetTo is not null || Currency is not null || FinancierKind is not null;

    public static ProjectFilter Parse(IQueryCollection query)
    {
        var notes = new List<string>();

        var statuses = new List<ProjectStatus>();
        var statusValues = ListValues(query["status"]);
        if (statusValues.Overflow) notes.Add($"Högst {MaxListValues} statusar används; resten har inte använts.");
        foreach (var value in statusValues.Values)
        {
            if (ProjectStatuses.TryParseSlug(value, out var s)) { if (!statuses.Contains(s)) statuses.Add(s); }
            else notes.Add($"Statusen ”{Shorten(value)}” finns inte och har inte använts.");
        }

        var municipalities = new List<string>();
        var municipalityValues = ListValues(query["kommun"]);
        if (municipalityValues.Overflow) notes.Add($"Högst {MaxListValues} kommuner används; resten har inte använts.");
        foreach (var value in municipalityValues.Values)
        {
            if (Municipality.IsValidCode(value)) { if (!municipalities.Contains(value)) municipalities.Add(value); }
            else notes.Add($"”{Shorten(value)}” är ingen kommunkod (fyra siffror) och har inte använts.");
        }

        ProjectSort? sort = null;
        if (Single(query, "sortering") is { } sortText)
        {
            var match = Sorts.FirstOrDefault(s => s.Code == sortText);
            if (match is null) notes.Add($"Sorteringen ”{Shorten(sortText)}” finns inte och har inte använts.");
            else sort = match.Sort;
        }

        var page = 1;
        if (Single(query, "sida") is { } pageText)
        {
            if (!int.TryParse(pageText, out page) || page < 1 || page > 100_000)
            {
                notes.Add($"Sidan ”{Shorten(pageText)}” finns inte; första sidan visas.");
                page = 1;
            }
        }

        var q = Single(query, "q");
        if (q is { Length: > MaxQueryLength })
        {
            notes.Add($"Söktexten var längre än {MaxQueryLength} tecken och har kortats.");
            q = q[..MaxQueryLength].Trim();
        }

        int? year = null;
        if (Single(query, "ar") is { } yearText)
        {
            if (int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= MinYear and <= MaxYear) year = y;
            else notes.Add($"”{Shorten(yearText)}” är inget årtal mellan {MinYear} och {MaxYear}; året har inte använts.");
        }

        var budgetFrom = Budget(query, "budget-fran", "Lägsta budget", notes);
        var budgetTo = Budget(query, "budget-till", "Högsta budget", notes);
        // "från 500 000 till 100 000" is a range typed the wrong way round: the reader means between the two.
        if (budgetFrom > budgetTo)
        {
            notes.Add("Lägsta budget var större än högsta budget; gränserna har bytt plats.");
            (budgetFrom, budgetTo) = (budgetTo, budgetFrom);
        }

        string? currency = null;
        if (Single(query, "valuta") is { } currencyText)
        {
            currency = Money.SupportedCurrencies.FirstOrDefault(c => string.Equals(c, currencyText, StringComparison.OrdinalIgnoreCase));
            if (currency is null)
                notes.Add($"Valutan ”{Shorten(currencyText)}” finns inte i registret (välj {string.Join(", ", Money.SupportedCurrencies)}) och har inte använts.");
        }

        FinancierKind? kind = null;
        if (Single(query, "finansiar-typ") is { } kindText)
        {
            if (FinancierKinds.TryParseSlug(kindText, out var k)) kind = k;
            else notes.Add($"Finansiärstypen ”{Shorten(kindText)}” finns inte (välj {string.Join(", ", FinancierKinds.All.Select(x => x.Slug))}) och har inte använts.");
        }

        return new ProjectFilter
        {
            Statuses = statuses,
            Municipalities = municipalities,
            Organisation = Slug(query, "organisation", notes),
            Financier = Slug(query, "finansiar", notes),
            GoalArea = Slug(query, "malomrade", notes),
            Query = string.IsNullOrWhiteSpace(q) ? null : q,
            Sort = sort,
            Page = page,
            Year = year,
            BudgetFrom = budgetFrom,
            BudgetTo = budgetTo,
            Currency = currency,
            FinancierKind = kind,
            Notes = notes,
        };
    }

    /// <summary>The sort the reader chose; with a search and no choice, the best matches first.</summary>
    public ProjectSort EffectiveSort => Sort ?? (Query is not null ? ProjectSort.Relevance : ProjectSort.Updated);

    public sealed record SortInfo(ProjectSort Sort, string Code, string Label);

    public static readonly IReadOnlyList<SortInfo> Sorts =
    [
        new(ProjectSort.Relevance, "relevans", "Bäst träff (vid sökning)"),
        new(ProjectSort.Updated, "uppdaterad", "Senast uppdaterad"),
        new(ProjectSort.Title, "titel", "Titel A–Ö"),
        new(ProjectSort.StartNewest, "start-nyast", "Startår, nyast först"),
        new(ProjectSort.StartOldest, "start-aldst", "Startår, äldst först"),
    ];

    /// <summary>This filter without <paramref name="facet"/>'s own choice: what that facet's counts depend on.</summary>
    public ProjectFilter Without(ProjectFacet facet) => facet switch
    {
        ProjectFacet.Status => this with { Statuses = [] },
        ProjectFacet.Municipality => this with { Municipalities = [] },
        ProjectFacet.Organisation => this with { Organisation = null },
        ProjectFacet.Financier => this with { Financier = null },
        ProjectFacet.GoalArea => this with { GoalArea = null },
        ProjectFacet.FinancierKind => this with { FinancierKind = null },
        ProjectFacet.Year => this with { Year = null },
        ProjectFacet.Budget => this with { BudgetFrom = null, BudgetTo = null, Currency = null },
        _ => this,
    };

    /// <summary>The query string of this filter, for links: "?status=pagaende&amp;kommun=2510".</summary>
    public string ToQueryString(bool withSortAndPage = true)
    {
        var parts = new List<(string, string)>();
        parts.AddRange(Statuses.Select(s => ("status", s.Slug())));
        parts.AddRange(Municipalities.Select(m => ("kommun", m)));
        if (Organisation is not null) parts.Add(("organisation", Organisation));
        if (Financier is not null) parts.Add(("finansiar", Financier));
        if (GoalArea is not null) parts.Add(("malomrade", GoalArea));
        if (Query is not null) parts.Add(("q", Query));
        if (Year is { } year) parts.Add(("ar", year.ToString(CultureInfo.InvariantCulture)));
        if (BudgetFrom is { } from) parts.Add(("budget-fran", from.ToString(CultureInfo.InvariantCulture)));
        if (BudgetTo is { } to) parts.Add(("budget-till", to.ToString(CultureInfo.InvariantCulture)));
        if (Currency is not null) parts.Add(("valuta", Currency));
        if (FinancierKind is { } kind) parts.Add(("finansiar-typ", kind.Slug()));
        if (withSortAndPage && Sort is { } sort) parts.Add(("sortering", Sorts.First(s => s.Sort == sort).Code));
        if (withSortAndPage && Page > 1) parts.Add(("sida", Page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (parts.Count == 0) return "";
        var sb = new StringBuilder("?");
        sb.AppendJoin('&', parts.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        return sb.ToString();
    }

    /// <summary>
    /// The one reading of a list parameter, for the pages and the API alike: repeated or comma-separated values,
    /// trimmed, empty ones and duplicates dropped, at most <see cref="MaxListValues"/>; <c>Overflow</c> when the
    /// request named more (the pages say so and use the first, the API answers 400).
    /// </summary>
    public static (IReadOnlyList<string> Values, bool Overflow) ListValues(Microsoft.Extensions.Primitives.StringValues raw)
    {
        var values = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in raw)
        {
            foreach (var piece in (part ?? "").Split(','))
            {
                var value = piece.Trim();
                if (value.Length == 0 || !seen.Add(value)) continue;
                if (values.Count == MaxListValues) return (values, true);
                values.Add(value);
            }
        }
        return (values, false);
    }

    private static string? Single(IQueryCollection query, string key) =>
        query[key].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static string? Slug(IQueryCollection query, string key, List<string> notes)
    {
        var value = Single(query, key);
        if (value is null) return null;
        if (Slugs.IsValid(value)) return value;
        notes.Add($"”{Shorten(value)}” är inget giltigt värde för {key} och har inte använts.");
        return null;
    }

    /// <summary>
    /// A whole, non-negative amount as readers type it: "100 000", "100\u00a0000" (as the site prints it) or
    /// "100000". Null when absent; a note and null when it is not such a number.
    /// </summary>
    private static long? Budget(IQueryCollection query, string key, string what, List<string> notes)
    {
        var text = Single(query, key);
        if (text is null) return null;
        if (TryParseAmount(text, out var amount)) return amount;
        notes.Add($"{what} ”{Shorten(text)}” är inget heltal från 0 till {MaxBudget.ToString("N0", CultureInfo.GetCultureInfo("sv-SE"))} och har inte använts.");
        return null;
    }

    /// <summary>Whole units from 0 to <see cref="MaxBudget"/>, digits with spaces as thousands separators; shared with the API.</summary>
    public static bool TryParseAmount(string? text, out long amount)
    {
        amount = 0;
        if (text is null) return false;
        var digits = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal)
            .Replace("\u202f", "", StringComparison.Ordinal);
        // More than 19 digits cannot be a long; checking the length first keeps a 10 kB value cheap.
        if (digits.Length is 0 or > 19 || !digits.All(char.IsAsciiDigit)) return false;
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out amount) && amount <= MaxBudget;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

public enum ProjectSort
{
    Relevance,
    Updated,
    Title,
    StartNewest,
    StartOldest,
}

public enum ProjectFacet
{
    Status,
    Municipality,
    Organisation,
    Financier,
    GoalArea,
    FinancierKind,
    Year,
    Budget,
}
