using System.Globalization;

namespace ProjectRegistry.Web.Infrastructure.Text;

/// <summary>
/// A text in a CSV file that Excel must not run as a formula: one that starts with = + - @ (or a tab or CR before one)
/// gets a leading apostrophe, which Excel shows as text; a field that is wholly a number is left as it is. The import
/// takes the apostrophe off again, so the registry's own export imported back changes nothing (issue 24, L9).
/// </summary>
public static class SpreadsheetText
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    private static bool StartsAsFormula(ReadOnlySpan<char> text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !decimal.TryParse(text, NumberStyles.Number, Swedish, out _);

    /// <summary>The text as a CSV field must carry it.</summary>
    public static string Protect(string text) => StartsAsFormula(text) ? "'" + text : text;

    /// <summary>The text a protected field stood for: the apostrophe <see cref="Protect"/> adds taken off, nothing else.</summary>
    public static string Unprotect(string text) => text.Length > 1 && text[0] == '\'' && StartsAsFormula(text.AsSpan(1)) ? text[1..] : text;
}
