using System.Globalization;
using System.Text;

namespace ProjectRegistry.Web.Infrastructure.Text;

/// <summary>
/// One folding for both the stored search text and the words searched for: lower case, accents
/// removed (å→a, ä→a, ö→o, é→e), whitespace collapsed. SQLite's own LIKE folds only ASCII.
/// </summary>
public static class SearchText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var lower = WithoutInvalidCodePoints(text).ToLowerInvariant();
        string decomposed;
        try
        {
            decomposed = lower.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            // Some other code point ICU refuses to normalise: search on the text as it is rather than fail.
            decomposed = lower;
        }
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            sb.Append(c);
            lastWasSpace = false;
        }
        return sb.ToString().Trim();
    }

    /// <summary>
    /// Unicode normalisation throws on lone surrogates and noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF),
    /// which a hostile query string can carry; they can never match stored text, so they are dropped.
    /// </summary>
    private static string WithoutInvalidCodePoints(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var valid = char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                : char.IsLowSurrogate(c) ? i > 0 && char.IsHighSurrogate(text[i - 1])
                : c is not ('\uFFFE' or '\uFFFF') && c is not (>= '\uFDD0' and <= '\uFDEF');
            if (valid) sb?.Append(c);
            else sb ??= new StringBuilder(text, 0, i, text.Length);
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>
    /// The words of a query, folded; at most <paramref name="max"/> of them. Control characters (a NUL from "%00")
    /// are dropped: they can never match stored text, and PostgreSQL refuses NUL outright.
    /// </summary>
    public static IReadOnlyList<string> Terms(string? query, int max = 10) =>
        Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Any(char.IsControl) ? new string(t.Where(c => !char.IsControl(c)).ToArray()) : t)
            .Where(t => t.Length > 0).Distinct().Take(max).ToList();
}
