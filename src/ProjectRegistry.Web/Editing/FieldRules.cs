using System.Globalization;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;

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
    /// no negative amounts, a currency the registry keeps apart (SEK, EUR, NOK), whole kronor or öre.
    /// </summary>
    public static (MoneyField Field, string Problem)? Money(string? amount, string? currency, out Money? money)
    {
        money = null;
        var a = Clean(amount);
        var c = Clean(currency);
        if (a is null && c is null) return null;
        if (a is null) return (MoneyField.Amount, "Skriv beloppet, eller välj bort valutan.");
        if (a.StartsWith('-') || a.StartsWith('−')) return (MoneyField.Amount, "Beloppet kan inte vara negativt.");
        if (c is null) return (MoneyField.Currency, "Välj valuta för beloppet (SEK eller EUR).");
        if (!Domain.Money.SupportedCurrencies.Contains(c.ToUpperInvariant()))
            return (MoneyField.Currency, $"”{c}” är ingen valuta som registret håller isär. Välj {string.Join(", ", Domain.Money.SupportedCurrencies)}.");
        if (Domain.Money.TryParse($"{a} {c}", out money)) return null;
        return (MoneyField.Amount, $"”{a}” är inget belopp. Skriv till exempel 135 000 eller 90 000,50.");
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

    /// <summary>The message for names that <see cref="Municipalities"/> did not find.</summary>
    public static string UnknownMunicipalities(IReadOnlyList<string> unknown) =>
        (unknown.Count == 1
            ? $"Hittar ingen kommun som heter ”{unknown[0]}”."
            : $"Hittar inga kommuner som heter {string.Join(", ", unknown.Select(u => $"”{u}”"))}.")
        + " Skriv kommunernas namn (till exempel Gällivare) eller kommunkoder, åtskilda med kommatecken.";
}
