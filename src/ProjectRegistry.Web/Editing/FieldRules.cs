using System.Globalization;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Web.Editing;

/// <summary>
/// The small values that staff type and import files carry as text: a web address, a day, a date at the precision
/// known, an amount with its currency, a list of municipalities. Each is read here, once, with its Swedish message;
/// the project and organisation forms, the importer and the restore of a revision all call these, so that what a
/// form accepts is what a file may say.
/// </summary>
public static class FieldRules
{
    /// <summary>Trimmed, or null when blank.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Why a text is not a whole http(s) address (null when it is one, or is blank).</summary>
    public static string? WebAddressProblem(string? text) =>
        Clean(text) is not { } s
        || (Uri.TryCreate(s, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0)
            ? null
            : "Webbadressen ska vara hel och börja med https:// eller http://, till exempel https://www.mala.se.";

    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>A day as forms show it and files write it: 2024-03-15.</summary>
    public static string DayText(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>A day written ÅÅÅÅ-MM-DD (null when blank), or why the text is not one.</summary>
    public static string? Day(string? text, out DateOnly? day)
    {
        day = null;
        if (Clean(text) is not { } s) return null;
        if (DateOnly.TryParseExact(s, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            day = d;
            return null;
        }
        return $"”{s}” är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-03-15.";
    }

    /// <summary>A date at the precision known (2019, 2020-09, 2018-09-01; null when blank), or why the text is not one.</summary>
    public static string? DateAtPrecision(string? text, out PartialDate? date)
    {
        date = null;
        if (Clean(text) is not { } s) return null;
        if (PartialDate.TryParse(s, out date)) return null;
        return $"”{s}” är inget datum. Skriv år (2019), år och månad (2020-09) eller hela datumet (2018-09-01).";
    }

    /// <summary>Which of an amount's two fields a problem belongs to.</summary>
    public enum MoneyField { Amount, Currency }

    /// <summary>
    /// An amount and its currency as two fields (null when both are blank), or the field that is wrong and why:
    /// no negative amounts, a currency the registry keeps apart (SEK, EUR, NOK), whole kronor or öre. The amount may
    /// be written as a Leader office writes it in a letter: "450 000 kr", "450 000:-", "1,5 mkr", "2 msek", "300 tkr",
    /// "12 000 €"; the unit then gives the currency when none is chosen, and must agree with the one chosen.
    /// </summary>
    public static (MoneyField Field, string Problem)? Money(string? amount, string? currency, out Money? money)
    {
        money = null;
        var a = Clean(amount);
        var c = Clean(currency)?.ToUpperInvariant();
        if (a is null && c is null) return null;
        if (a is null) return (MoneyField.Amount, "Skriv beloppet, eller välj bort valutan.");
        if (a.StartsWith('-') || a.StartsWith('−')) return (MoneyField.Amount, "Beloppet kan inte vara negativt.");
        var (number, unitCurrency, factor) = AmountUnit(a);
        if (unitCurrency is not null && c is not null && unitCurrency != c)
            return (MoneyField.Amount, $"”{a}” är ett belopp i {unitCurrency}, men valutan är {c}. Ändra det ena.");
        c ??= unitCurrency;
        if (c is null) return (MoneyField.Currency, "Välj valuta för beloppet (SEK eller EUR).");
        if (!Domain.Money.SupportedCurrencies.Contains(c))
            return (MoneyField.Currency, $"”{c}” är ingen valuta som registret håller isär. Välj {string.Join(", ", Domain.Money.SupportedCurrencies)}.");
        if (factor != 1)
        {
            // "1,5 mkr": the number is read as the amount is, then scaled; what is left must still be whole öre.
            var digits = new string(number.Where(ch => ch is not (' ' or '\u00a0' or '\u202f')).ToArray()).Replace(',', '.');
            if (digits.Length > 0 && digits.All(ch => char.IsAsciiDigit(ch) || ch == '.') && digits.Count(ch => ch == '.') <= 1
                && decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var scaled)
                && scaled * factor is var value && decimal.Round(value, 2) == value)
                number = value.ToString("0.##", CultureInfo.InvariantCulture);
            else
                number = "";
        }
        if (number.Length > 0 && Domain.Money.TryParse($"{number} {c}", out money)) return null;
        return (MoneyField.Amount, $"”{a}” är inget belopp. Skriv till exempel 135 000, 90 000,50, 450 000 kr eller 1,5 mkr.");
    }

    /// <summary>The units an amount may be written with, the longest first so that "mkr" is not read as "kr".</summary>
    private static readonly (string Unit, string Currency, decimal Factor)[] AmountUnits =
    [
        ("msek", "SEK", 1_000_000m), ("mkr", "SEK", 1_000_000m), ("tkr", "SEK", 1_000m), ("meur", "EUR", 1_000_000m),
        ("sek", "SEK", 1m), ("kr.", "SEK", 1m), ("kr", "SEK", 1m), (":-", "SEK", 1m), ("eur", "EUR", 1m), ("€", "EUR", 1m), ("nok", "NOK", 1m),
    ];

    /// <summary>An amount's number and the currency and factor its unit says ("1,5 mkr": "1,5", SEK, a million); no unit: the text, null, 1.</summary>
    private static (string Number, string? Currency, decimal Factor) AmountUnit(string amount)
    {
        foreach (var (unit, currency, factor) in AmountUnits)
            if (amount.EndsWith(unit, StringComparison.OrdinalIgnoreCase))
                return (amount[..^unit.Length].TrimEnd(), currency, factor);
        return (amount, null, 1m);
    }

    /// <summary>A number of hours, more than 0, at most two decimals ("120", "12,5"; null when blank), or why the text is not one.</summary>
    public static string? Hours(string? text, out decimal? hours)
    {
        hours = null;
        if (Clean(text) is not { } s) return null;
        var number = new string(s.Where(c => c is not (' ' or '\u00a0' or '\u202f')).ToArray()).Replace(',', '.');
        if (decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var h)
            && h > 0 && h <= 1_000_000 && decimal.Round(h, 2) == h)
        {
            hours = h;
            return null;
        }
        return $"”{s}” är inget antal timmar. Skriv till exempel 120 eller 12,5.";
    }

    /// <summary>Hours as Swedish writes them: "120", "12,5".</summary>
    public static string HoursText(decimal hours) => hours.ToString("0.##", CultureInfo.GetCultureInfo("sv-SE"));

    /// <summary>
    /// An indicator's planned, achieved or target value (null when blank) in hundredths, or why the text is not one:
    /// a number of at most two decimals, decimal comma or point, spaces between thousands allowed, never negative
    /// (what a Leader project counts, jobs, businesses, people, visitors, cannot be below zero).
    /// </summary>
    public static string? IndicatorValue(string? text, out long? hundredths)
    {
        hundredths = null;
        if (Clean(text) is not { } s) return null;
        var number = new string(s.Where(c => c is not (' ' or '\u00a0' or '\u202f')).ToArray()).Replace(',', '.');
        if (number.StartsWith('-') || number.StartsWith('−')) return "Värdet kan inte vara negativt.";
        if (number.Length == 0 || number.Count(c => c == '.') > 1 || !number.All(c => char.IsAsciiDigit(c) || c == '.')
            || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return $"”{s}” är inget tal. Skriv till exempel 12 eller 2,5.";
        if (number.Contains('.') && number.Length - number.IndexOf('.') - 1 > 2) return $"”{s}” har fler än två decimaler. Skriv till exempel 2,5.";
        if (value > Domain.IndicatorValues.Max) return $"”{s}” är större än registret tar emot. Kontrollera värdet.";
        hundredths = Domain.IndicatorValues.FromDecimal(value);
        return null;
    }

    /// <summary>
    /// Municipalities named in a text, by name ("Malå", "Malå kommun", "mala") or kommunkod ("2418"), separated by
    /// commas, semicolons or lines: those found, in the order given and each once, and the names that match none.
    /// </summary>
    public static (List<Municipality> Found, List<string> Unknown) Municipalities(string? text, IReadOnlyList<Municipality> all)
    {
        var found = new List<Municipality>();
        var unknown = new List<string>();
        foreach (var raw in (text ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var term = raw.EndsWith(" kommun", StringComparison.OrdinalIgnoreCase) ? raw[..^" kommun".Length].Trim() : raw;
            var match = all.FirstOrDefault(m => m.Code == term)
                ?? all.FirstOrDefault(m => string.Equals(m.Name, term, StringComparison.CurrentCultureIgnoreCase));
            if (match is null)
            {
                // "Mala" for Malå, as search reads it; only when that names one municipality.
                var folded = all.Where(m => SearchText.Normalize(m.Name) == SearchText.Normalize(term)).ToList();
                if (folded.Count == 1) match = folded[0];
            }
            if (match is null) { if (!unknown.Contains(raw)) unknown.Add(raw); }
            else if (!found.Contains(match)) found.Add(match);
        }
        return (found, unknown);
    }

    /// <summary>
    /// The message for names that <see cref="Municipalities"/> did not find, with a "Menade du Jokkmokk?" for each name that is a typing error or two away from one municipality.
    /// </summary>
    public static string UnknownMunicipalities(IReadOnlyList<string> unknown, IReadOnlyList<Municipality> all) =>
        (unknown.Count == 1
            ? $"Hittar ingen kommun som heter ”{unknown[0]}”."
            : $"Hittar inga kommuner som heter {string.Join(", ", unknown.Select(u => $"”{u}”"))}.")
        + string.Concat(unknown.Select(u => DidYouMean(u, all)))
        + " Skriv kommunernas namn (till exempel Gällivare) eller kommunkoder, åtskilda med kommatecken.";

    /// <summary>
    /// " Menade du Jokkmokk?" when one municipality is closest to the name typed, at most one typing error per four
    /// letters (two at most) away, without case or accents; "" otherwise. Over the 290 names each edit distance stops
    /// at the bound, so a check costs well under a millisecond.
    /// </summary>
    public static string DidYouMean(string typed, IReadOnlyList<Municipality> all)
    {
        var term = SearchText.Normalize(typed.EndsWith(" kommun", StringComparison.OrdinalIgnoreCase) ? typed[..^" kommun".Length] : typed).Trim();
        if (term.Length < 3) return "";
        var bound = Math.Min(2, Math.Max(1, term.Length / 4));
        var best = all.Select(m => (m.Name, Distance: EditDistance(term, SearchText.Normalize(m.Name), bound + 1)))
            .Where(x => x.Distance <= bound).OrderBy(x => x.Distance).ToList();
        if (best.Count == 0 || (best.Count > 1 && best[1].Distance == best[0].Distance)) return "";
        return $" Menade du {best[0].Name}?";
    }

    /// <summary>
    /// Levenshtein distance (insert, delete, replace one character), stopping early at <paramref name="stopAt"/>: any
    /// distance of that or more is returned as <paramref name="stopAt"/>.
    /// </summary>
    public static int EditDistance(string a, string b, int stopAt = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) >= stopAt) return stopAt;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin >= stopAt) return stopAt;
            (previous, current) = (current, previous);
        }
        return Math.Min(previous[b.Length], stopAt);
    }

    /// <summary>
    /// A colour as #rrggbb (lower case; null when blank), or why the text is not one that can colour links on white:
    /// the accent is the link colour of the embeds, so it must keep WCAG's 4.5:1 contrast against white.
    /// </summary>
    public static string? Colour(string? text, out string? colour)
    {
        colour = null;
        if (Clean(text) is not { } s) return null;
        if (!s.StartsWith('#')) s = "#" + s;
        if (s.Length != 7 || !s.Skip(1).All(char.IsAsciiHexDigit))
            return $"”{Shorten(s)}” är ingen färg. Skriv den som # och sex hexadecimala tecken, till exempel #00607a.";
        var contrast = ContrastAgainstWhite(s);
        if (contrast < MinimumContrast)
            return string.Create(CultureInfo.GetCultureInfo("sv-SE"),
                $"Färgen {s.ToLowerInvariant()} har kontrasten {Math.Floor(contrast * 10) / 10:0.0}:1 mot vit bakgrund. Länkar i den färgen blir svåra att läsa: välj en mörkare färg med minst 4,5:1.");
        colour = s.ToLowerInvariant();
        return null;
    }

    /// <summary>WCAG's least contrast for normal text (1.4.3, AA).</summary>
    public const double MinimumContrast = 4.5;

    /// <summary>WCAG 2's contrast ratio of a #rrggbb colour against white.</summary>
    public static double ContrastAgainstWhite(string hex)
    {
        static double Channel(string hex, int at)
        {
            var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        var luminance = 0.2126 * Channel(hex, 1) + 0.7152 * Channel(hex, 3) + 0.0722 * Channel(hex, 5);
        return 1.05 / (luminance + 0.05);
    }

    /// <summary>The most origins one publisher may list: a few sites of its own, not a directory of the web.</summary>
    public const int MaxEmbedOrigins = 20;

    /// <summary>
    /// The website origins that may frame embeds, one per line as staff type them, each made the exact form a CSP
    /// source takes (https://www.mala.se, https://test.mala.se:8443: scheme, host, a port only when not the
    /// default). Only https, since a page over plain http can be altered on the way; http only for localhost and
    /// 127.0.0.1, where a publisher tries its site out. No path: frame-ancestors compares origins, and a path
    /// there would read as a promise that only that page can frame the list. Returns a message per bad line.
    /// </summary>
    public static List<string> EmbedOrigins(string? text, out List<string> origins)
    {
        origins = [];
        var problems = new List<string>();
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            if (EmbedOriginProblem(line, out var origin) is { } problem) problems.Add($"Rad {i + 1}: {problem}");
            else if (!origins.Contains(origin!)) origins.Add(origin!);
        }
        if (origins.Count > MaxEmbedOrigins)
            problems.Add($"Högst {MaxEmbedOrigins} webbplatser kan anges (nu {origins.Count}).");
        return problems;
    }

    /// <summary>One origin (see <see cref="EmbedOrigins"/>), or why the text is not one.</summary>
    public static string? EmbedOriginProblem(string text, out string? origin)
    {
        origin = null;
        var shown = $"”{Shorten(text)}”";
        const string Example = "till exempel https://www.mala.se";
        if (!text.Contains("://", StringComparison.Ordinal))
            return $"{shown} saknar https:// först. Skriv webbplatsens hela ursprung, {Example}.";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.UserInfo.Length > 0 || text.Contains('*', StringComparison.Ordinal))
            return $"{shown} är ingen webbplatsadress. Skriv webbplatsens ursprung, {Example}.";
        var local = uri.Host is "localhost" or "127.0.0.1";
        if (uri.Scheme == Uri.UriSchemeHttp && !local)
            return $"{shown} börjar med http://. Bara https:// går (http:// bara för localhost och 127.0.0.1 när ni provar): skriv {Shorten("https://" + uri.Authority)}.";
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            return $"{shown} måste börja med https://, {Example}.";
        // Only "https://host" or "https://host/": the rest of a page address is not part of an origin.
        var afterAuthority = text[(text.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var rest = afterAuthority.IndexOfAny(['/', '?', '#']) is var at and >= 0 ? afterAuthority[at..] : "";
        if (rest is not ("" or "/"))
            return $"{shown} har en sökväg eller frågedel efter webbplatsens namn. Skriv bara ursprunget, utan det som kommer efter namnet: {Shorten(uri.Scheme + "://" + uri.Authority)}.";
        origin = $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}{(uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture))}";
        return null;
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
