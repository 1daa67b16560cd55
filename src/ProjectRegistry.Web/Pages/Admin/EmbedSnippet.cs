namespace ProjectRegistry.Web.Pages.Admin;

/// <summary>
/// An embed's snippet as the admin shows it (_EmbedSnippet): the iframe code to copy and a live preview, which is
/// the embed itself in an iframe. <paramref name="CopyButton"/> only where the page allows its script.
/// </summary>
public sealed record EmbedSnippet(string Id, string Title, string Path, int Height, bool CopyButton);
