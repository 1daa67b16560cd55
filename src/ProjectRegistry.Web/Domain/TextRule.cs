using System.Globalization;
using System.Text;

namespace ProjectRegistry.Web.Domain;

/// <summary>
/// What a text field accepts, wherever the text comes from (an admin form, the importer): its longest length,
/// whether it may have several lines and whether it is Markdown. Each form's rules name one of these per field,
/// so that the bound a form shows is the bound an import meets.
/// </summary>
/// <param name="Name">The field in Swedish, definite form, as a message starts: "Titeln", "Beskrivningen".</param>
public sealed record TextRule(string Name, int MaxLength, bool MultiLine = false, bool Markdown = false)
{
    /// <summary>
    /// The text as it is stored: trimmed, null when blank, without control characters. A C0 character makes
    /// XML (the Atom feed) fail and ends up raw in a CSV; only a multi-line text keeps its line breaks and tabs,
    /// with CR LF and CR made LF. A single-line text gets a space where a line break or tab was.
    /// </summary>
    public string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var result = new StringBuilder(normalised.Length);
        foreach (var c in normalised)
        {
            if (c is '\n' or '\t') result.Append(MultiLine ? c : ' ');
            else if (!char.IsControl(c)) result.Append(c);
        }
        var cleaned = result.ToString().Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>Why a cleaned text cannot be saved, in Swedish; null when it can.</summary>
    public string? Problem(string? cleaned) =>
        cleaned is null ? null
        : cleaned.Length > MaxLength
            ? string.Create(CultureInfo.GetCultureInfo("sv-SE"), $"{Name} får vara högst {MaxLength:N0} tecken (nu {cleaned.Length:N0}).")
        : Markdown && !Infrastructure.Text.MarkdownRenderer.CanRender(cleaned)
            ? $"{Name} har för många nivåer inuti varandra (citat, listor eller fetstil och kursiv) för att kunna visas. Minska antalet nivåer."
        : null;
}
