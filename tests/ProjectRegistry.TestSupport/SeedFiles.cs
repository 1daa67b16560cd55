using System.Globalization;
using System.Text;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>What one seed project file says, as far as the list filters need it.</summary>
/// <param name="Start">period.start as written (ÅÅÅÅ, ÅÅÅÅ-MM, ÅÅÅÅ-MM-DD), or null.</param>
/// <param name="End">period.slut as written, or null.</param>
/// <param name="Budget">budget as written ("3 900 000 SEK"), or null.</param>
/// <param name="FinancierKinds">The ?finansiar-typ= slug of each financier's organisation, once each.</param>
public sealed record SeedProject(
    string Slug,
    string Publisher,
    string Status,
    IReadOnlyList<string> Municipalities,
    IReadOnlyList<string> Financiers,
    IReadOnlyList<string> GoalAreas,
    string? Start,
    string? End,
    string? Budget,
    IReadOnlyList<string> FinancierKinds)
{
    public int? StartYear => YearOf(Start);
    public int? EndYear => YearOf(End);

    /// <summary>The total budget in minor units (öre, cent) and its currency, or null when the file gives none.</summary>
    public (long MinorUnits, string Currency)? BudgetAmount => Budget is null ? null : SwedishText.ParseAmount(Budget);

    /// <summary>
    /// Whether the project is active in <paramref name="year"/> by the README's rule ("Search"): from its start year to
    /// its end year; without an end, to this year unless it has closed (slutredovisat, avslutat: then only its start
    /// year); without a start, only its end's year.
    /// </summary>
    public bool IsActiveIn(int year, int thisYear) => ActiveYears(thisYear).Contains(year);

    /// <summary>The years of <see cref="IsActiveIn"/>, in order.</summary>
    public IReadOnlyList<int> ActiveYears(int thisYear)
    {
        if (StartYear is not { } first) return EndYear is { } only ? [only] : [];
        var last = EndYear ?? (Status is "slutredovisat" or "avslutat" ? first : Math.Max(first, thisYear));
        return [.. Enumerable.Range(first, Math.Max(0, last - first + 1))];
    }

    /// <summary>The first four digits of a seed date ("2018-09-01", "20180901", "2019").</summary>
    private static int? YearOf(string? date) =>
        date is null ? null : int.Parse(date.Trim()[..4], NumberStyles.None, CultureInfo.InvariantCulture);
}

/// <summary>
/// The seed projects as the list filters see them, read through <see cref="SeedDocuments"/>' own YAML reader (the one
/// way the tests read the seed files), so that the expected answers do not come from the app's importer.
/// </summary>
public static class SeedFiles
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "seed-data");

    /// <summary>
    /// The README's kinds of financier (?finansiar-typ=) by the organisation's <c>typ</c> in organisations.yaml:
    /// "eu" is EU funds, programmes and Leader offices; associations, companies and others are "privat".
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FinancierKindOfType = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["lag"] = "eu", ["eu-fond"] = "eu", ["eu-program"] = "eu",
        ["myndighet"] = "statlig",
        ["region"] = "region",
        ["kommun"] = "kommun",
        ["forening"] = "privat", ["foretag"] = "privat", ["annan"] = "privat",
    };

    /// <summary>Every ?finansiar-typ= slug the README lists.</summary>
    public static readonly IReadOnlyList<string> FinancierKindSlugs = ["eu", "statlig", "region", "kommun", "privat"];

    private static readonly Lazy<IReadOnlyList<SeedProject>> LazyProjects = new(() => SeedDocuments.Projects.Select(Read).ToList());

    public static IReadOnlyList<SeedProject> Projects => LazyProjects.Value;

    public static IReadOnlyList<string> Slugs(Func<SeedProject, bool> predicate) =>
        Projects.Where(predicate).Select(p => p.Slug).Order(StringComparer.Ordinal).ToList();

    /// <summary>The URL form of a goal area's name, folded the way a reader would type it.</summary>
    public static string SlugOf(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>The ?finansiar-typ= slug of an organisation in organisations.yaml.</summary>
    public static string FinancierKindOf(string organisation)
    {
        var type = SeedDocuments.Organisation(organisation).Get("typ");
        return type is not null && FinancierKindOfType.TryGetValue(type, out var kind) ? kind
            : throw new KeyNotFoundException($"organisations.yaml: {organisation} har typen {type}, som testerna inte känner.");
    }

    private static SeedProject Read(SeedDocuments.ProjectFile file)
    {
        var y = file.Yaml;
        var financiers = y.List("finansiarer").Select(f => f.Get("organisation")!).ToList();
        return new SeedProject(
            Slug: file.Slug,
            Publisher: file.Publisher,
            Status: y.Get("status")!,
            Municipalities: y.Strings("kommuner"),
            Financiers: financiers,
            GoalAreas: y.Strings("malomraden"),
            Start: y["period"]?.Get("start"),
            End: y["period"]?.Get("slut"),
            Budget: y.Get("budget"),
            FinancierKinds: financiers.Select(FinancierKindOf).Distinct().ToList());
    }
}
