using System.Globalization;
using System.Text.RegularExpressions;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// How a Swedish reader expects the seed's values shown, written out by hand (not with the app's Money or
/// Period), so that a page that formats them wrongly fails.
/// </summary>
public static partial class SwedishText
{
    private static readonly string[] Months =
    [
        "januari", "februari", "mars", "april", "maj", "juni",
        "juli", "augusti", "september", "oktober", "november", "december",
    ];

    public static readonly IReadOnlyDictionary<string, string> StatusLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["under-handlaggning"] = "Under handläggning",
        ["vantar-pa-beslut"] = "Väntar på beslut från SJV",
        ["beviljat"] = "Beviljat",
        ["pagaende"] = "Pågående",
        ["slutredovisat"] = "Slutredovisat",
        ["avslutat"] = "Avslutat",
    };

    /// <summary>Whitespace as a reader sees it: any run, including no-break and narrow no-break spaces, is one space.</summary>
    public static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>A seed amount ("1 522 196 EUR", "90 000,50 SEK") in minor units and currency.</summary>
    public static (long MinorUnits, string Currency) ParseAmount(string seed)
    {
        var match = SeedAmount().Match(seed.Trim());
        if (!match.Success) throw new FormatException($"Inget belopp: '{seed}'.");
        var whole = long.Parse(match.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var fraction = match.Groups[2].Success ? int.Parse(match.Groups[2].Value.PadRight(2, '0'), CultureInfo.InvariantCulture) : 0;
        return (whole * 100 + fraction, match.Groups[3].Value);
    }

    /// <summary>"135 000 kr", "1 522 196 €": groups of three with a space, the currency's everyday sign.</summary>
    public static string Money(long minorUnits, string currency)
    {
        var digits = (minorUnits / 100).ToString(CultureInfo.InvariantCulture);
        var groups = new List<string>();
        for (var end = digits.Length; end > 0; end -= 3) groups.Insert(0, digits[Math.Max(0, end - 3)..end]);
        var number = string.Join(' ', groups) + (minorUnits % 100 == 0 ? "" : "," + (minorUnits % 100).ToString("00", CultureInfo.InvariantCulture));
        return currency switch
        {
            "SEK" => $"{number} kr",
            "EUR" => $"{number} €",
            _ => $"{number} {currency}",
        };
    }

    public static string Money(string seedAmount)
    {
        var (minor, currency) = ParseAmount(seedAmount);
        return Money(minor, currency);
    }

    /// <summary>Sums per currency in the order SEK, EUR, NOK, joined with "och"; never one currency added to another.</summary>
    public static string Sums(IEnumerable<string> seedAmounts)
    {
        string[] order = ["SEK", "EUR", "NOK"];
        var sums = seedAmounts.Select(ParseAmount)
            .GroupBy(a => a.Currency)
            .OrderBy(g => Array.IndexOf(order, g.Key))
            .Select(g => Money(g.Sum(a => a.MinorUnits), g.Key))
            .ToList();
        return sums.Count == 0 ? "Inga belopp angivna" : string.Join(" och ", sums);
    }

    /// <summary>"2019", "september 2020", "1 september 2018" from ÅÅÅÅ, ÅÅÅÅ-MM, ÅÅÅÅ-MM-DD or ÅÅÅÅMMDD.</summary>
    public static string Date(string seed)
    {
        var s = seed.Trim();
        if (s.Length == 8 && s.All(char.IsAsciiDigit)) s = $"{s[..4]}-{s[4..6]}-{s[6..]}";
        var parts = s.Split('-');
        return parts.Length switch
        {
            1 => parts[0],
            2 => $"{Months[int.Parse(parts[1], CultureInfo.InvariantCulture) - 1]} {parts[0]}",
            _ => $"{int.Parse(parts[2], CultureInfo.InvariantCulture)} {Months[int.Parse(parts[1], CultureInfo.InvariantCulture) - 1]} {parts[0]}",
        };
    }

    /// <summary>"2019–2022" between two years, "september 2020 – maj 2022" otherwise; "från …"/"till …" with one end.</summary>
    public static string Period(string? start, string? end)
    {
        if (start is not null && end is not null)
        {
            var yearsOnly = start.Trim().Length == 4 && end.Trim().Length == 4;
            return $"{Date(start)}{(yearsOnly ? "–" : " – ")}{Date(end)}";
        }
        if (start is not null) return $"från {Date(start)}";
        if (end is not null) return $"till {Date(end)}";
        return "";
    }

    /// <summary>The Swedish month name a reader writes ("maj"), to turn "maj 2022" back into a date.</summary>
    public static int? MonthNumber(string name)
    {
        var index = Array.IndexOf(Months, name.ToLowerInvariant());
        return index < 0 ? null : index + 1;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(\d{1,3}(?:[ \u00a0\u202f]?\d{3})*)(?:,(\d{1,2}))?\s+(SEK|EUR|NOK)$")]
    private static partial Regex SeedAmount();
}
