using System.Globalization;
using System.Text;

namespace ProjectRegistry.Web.Infrastructure;

/// <summary>
/// One folding for both the stored search text and the words searched for: lower case, accents
/// removed (å→a, ä→a, ö→o, é→e), whitespace collapsed. SQLite's own LIKE folds only ASCII.
/// </summary>
public static class SearchText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
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

    /// <summary>The words of a query, folded; at most <paramref name="max"/> of them.</summary>
    public static IReadOnlyList<string> Terms(string? query, int max = 10) =>
        Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Take(max).ToList();
}
