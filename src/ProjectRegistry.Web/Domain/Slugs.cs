using System.Text;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Web.Domain;

/// <summary>The addresses of projects, organisations and goal areas: a–z, 0–9 and hyphens, at most 120 characters.</summary>
public static class Slugs
{
    public const int MaxLength = 120;

    public static bool IsValid(string? slug) =>
        slug is { Length: > 0 and <= MaxLength } && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>"Förstudie för ett levande Folkets Hus" → "forstudie-for-ett-levande-folkets-hus".</summary>
    public static string From(string text)
    {
        var folded = SearchText.Normalize(text);
        var sb = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length <= MaxLength ? slug : slug[..MaxLength].TrimEnd('-');
    }
}
