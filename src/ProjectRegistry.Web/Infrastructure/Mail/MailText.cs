using System.Text;

namespace ProjectRegistry.Web.Infrastructure.Mail;

/// <summary>
/// A name a reader or a visitor typed, as one line of a mail: every control character (CR and LF among them, and the
/// Unicode line and paragraph separators) folded into one space, so that a name cannot write a line of its own, such
/// as a forged "E-post:" line staff would trust (issue 24, L8).
/// </summary>
public static class MailText
{
    public static string? OneLine(string? text)
    {
        if (text is null) return null;
        var line = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var breaks = char.IsControl(c) || c is '\u2028' or '\u2029' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format;
            if (breaks || char.IsWhiteSpace(c))
            {
                if (line.Length > 0 && line[^1] != ' ') line.Append(' ');
            }
            else line.Append(c);
        }
        var folded = line.ToString().Trim();
        return folded.Length == 0 ? null : folded;
    }
}
