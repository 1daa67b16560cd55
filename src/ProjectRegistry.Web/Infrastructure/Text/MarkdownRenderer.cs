using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace ProjectRegistry.Web.Infrastructure.Text;

/// <summary>
/// Renders staff-written Markdown for the public. Markdig with raw HTML disabled is not a sanitiser
/// (it passes javascript: and data: links, autolinks and generic attributes), so its output always
/// goes through an allow-list sanitiser that keeps only plain text markup and http(s)/mailto links.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <param name="topHeadingLevel">The level the text's highest heading gets, so it nests under the page's own.</param>
    public string ToHtml(string? markdown, int topHeadingLevel = 3)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        return TryRender(markdown, topHeadingLevel, out var html) ? _sanitizer.Sanitize(html) : PlainHtml(markdown);
    }

    /// <summary>
    /// False for text nested past Markdig's limit (128 levels of quotes, lists or emphasis), which it refuses with
    /// an exception while parsing or writing HTML: staff forms and the importer refuse such text with this.
    /// </summary>
    public static bool CanRender(string? markdown) => string.IsNullOrWhiteSpace(markdown) || TryRender(markdown, 3, out _);

    private static bool TryRender(string markdown, int topHeadingLevel, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? html)
    {
        try
        {
            var document = Markdown.Parse(markdown, Pipeline);
            // Images are not shown (no third-party content on a public page); a link with the alt text keeps what they said.
            foreach (var image in document.Descendants<Markdig.Syntax.Inlines.LinkInline>().Where(l => l.IsImage)) image.IsImage = false;
            var headings = document.Descendants<HeadingBlock>().ToList();
            if (headings.Count > 0)
            {
                var shift = topHeadingLevel - headings.Min(h => h.Level);
                foreach (var h in headings) h.Level = Math.Clamp(h.Level + shift, 2, 6);
            }
            html = document.ToHtml(Pipeline);
            return true;
        }
        catch (ArgumentException)
        {
            html = null;
            return false;
        }
    }

    /// <summary>Such text already in the database is shown as it was typed, encoded, one paragraph per blank line.</summary>
    private static string PlainHtml(string text) =>
        string.Concat(text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => $"<p>{System.Net.WebUtility.HtmlEncode(p).Replace("\n", "<br>", StringComparison.Ordinal)}</p>"));

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
                "strong", "em", "del", "ins", "sub", "sup", "mark", "blockquote", "code", "pre", "a",
                "table", "thead", "tbody", "tr", "th", "td",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "start" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        // Links a visitor follows out of the registry must not get a handle on this page.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a && a.HasAttribute("href"))
                a.SetAttribute("rel", "nofollow noopener noreferrer");
        };
        return sanitizer;
    }
}
