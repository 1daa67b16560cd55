using System.Globalization;

namespace ProjectRegistry.Web.Domain;

/// <summary>
/// An amount in a currency, held as integer minor units (öre, cent) so that SQLite sorts and sums it
/// exactly. Amounts in different currencies are never added together.
/// </summary>
[PublicData]
public sealed record Money
{
    public static readonly IReadOnlyList<string> SupportedCurrencies = ["SEK", "EUR", "NOK"];
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public Money(long minorUnits, string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (!SupportedCurrencies.Contains(currency)) throw new ArgumentException($"Okänd valuta: {currency}", nameof(currency));
        MinorUnits = minorUnits;
        Currency = currency;
    }

    public long MinorUnits { get; }
    public string Currency { get; }

    public decimal Amount => MinorUnits / 100m;

    public static Money Of(decimal amount, string currency) => new(decimal.ToInt64(decimal.Round(amount * 100m)), currency);

    /// <summary>
    /// Parses "3 900 000 SEK", "1 522 196 EUR", "90 000,50 SEK". The currency code is required: an
    /// amount without one is refused rather than guessed.
    /// </summary>
    public static bool TryParse(string? text, out Money? money)
    {
        money = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var lastSpace = s.LastIndexOfAny([' ', '\u00a0', '\u202f']);
        if (lastSpace < 0) return false;
        var currency = s[(lastSpace + 1)..].ToUpperInvariant();
        if (!SupportedCurrencies.Contains(currency)) return false;
        var number = new string(s[..lastSpace].Where(c => c is not (' ' or '\u00a0' or '\u202f')).ToArray()).Replace(',', '.');
        if (number.Length == 0 || number.Count(c => c == '.') > 1 || !number.All(c => char.IsAsciiDigit(c) || c == '.')) return false;
        if (number.Contains('.') && number.Length - number.IndexOf('.') - 1 > 2) return false;
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)) return false;
        if (amount > 10_000_000_000_000m) return false;
        money = Of(amount, currency);
        return true;
    }

    /// <summary>Swedish form with the currency's everyday sign: "3 900 000 kr", "1 522 196 €".</summary>
    public string ToDisplayString()
    {
        var format = MinorUnits % 100 == 0 ? "#,##0" : "#,##0.00";
        var number = Amount.ToString(format, Swedish);
        return Currency switch
        {
            "SEK" => $"{number}\u00a0kr",
            "EUR" => $"{number}\u00a0€",
            _ => $"{number}\u00a0{Currency}",
        };
    }

    /// <summary>Plain invariant form that <see cref="TryParse"/> reads back: "3900000 SEK", "90000.50 SEK".</summary>
    public override string ToString()
    {
        var format = MinorUnits % 100 == 0 ? "0" : "0.00";
        return $"{Amount.ToString(format, CultureInfo.InvariantCulture)} {Currency}";
    }
}
