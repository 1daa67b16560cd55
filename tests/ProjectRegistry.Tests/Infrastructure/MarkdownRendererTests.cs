using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Tests.Infrastructure;

public class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static IElement Render(string markdown, int topHeadingLevel = 3)
    {
        var html = Renderer.ToHtml(markdown, topHeadingLevel);
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        return document.Body!;
    }

    /// <summary>
    /// What a browser would run. Browsers drop ASCII tabs and newlines inside a URL and ignore leading
    /// control characters and spaces, so "java&#x09;script:" counts as "javascript:".
    /// </summary>
    private static bool IsScriptUrl(string? href)
    {
        if (href is null) return false;
        var normalized = new string(href.Where(c => c > ' ').ToArray()).ToLowerInvariant();
        return normalized.StartsWith("javascript:", StringComparison.Ordinal)
            || normalized.StartsWith("data:", StringComparison.Ordinal)
            || normalized.StartsWith("vbscript:", StringComparison.Ordinal);
    }

    private static void AssertHarmless(IElement body)
    {
        var elements = body.QuerySelectorAll("*").ToList();
        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "img" or "iframe" or "style" or "object" or "embed" or "svg" or "math" or "form" or "input");
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name is "style" or "src" or "srcdoc" or "formaction" or "xlink:href");
        Assert.DoesNotContain(elements, e => IsScriptUrl(e.GetAttribute("href")));
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x]( javascript:alert(1) )")]
    [InlineData("[x](<javascript:alert(1)>)")]
    [InlineData("[x](java&#x09;script:alert(1))")]
    [InlineData("[x](&#106;avascript:alert(1))")]
    [InlineData("[x](javascript&#58;alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[x](DATA:text/html,<script>alert(1)</script>)")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<JAVASCRIPT:alert(1)>")]
    [InlineData("<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>")]
    [InlineData("[x][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("[x](javascript:alert(1) \"titel\")")]
    public void Script_links_lose_their_target(string markdown)
    {
        var body = Render(markdown);

        AssertHarmless(body);
        // Whatever link is left points to the web.
        Assert.DoesNotContain(body.QuerySelectorAll("a[href]"), a => !a.GetAttribute("href")!.StartsWith("http", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("# Rubrik {onclick=alert(1)}")]
    [InlineData("[a](http://x){onclick=alert(1)}")]
    [InlineData("Stycke {#id .klass onmouseover=alert(1)}")]
    [InlineData("*betonat*{onfocus=alert(1) autofocus}")]
    [InlineData("```js {onclick=alert(1)}\nkod\n```")]
    public void Generic_attribute_syntax_adds_no_event_handlers(string markdown)
    {
        AssertHarmless(Render(markdown));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Text <script>alert(1)</script> mer text")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://example.com\"></iframe>")]
    [InlineData("<style>body { display: none }</style>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">klicka</a>")]
    [InlineData("<div onclick=\"alert(1)\">klicka</div>")]
    [InlineData("<!-- <script>alert(1)</script> -->")]
    [InlineData("![bild](https://example.com/a.png)")]
    [InlineData("![bild](x \"t\" onerror=alert(1))")]
    [InlineData("![bild](javascript:alert(1))")]
    public void Raw_html_and_images_never_become_elements(string markdown)
    {
        AssertHarmless(Render(markdown));
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_dropped_silently()
    {
        var body = Render("Skriv <script>alert(1)</script> så här.");

        Assert.Contains("<script>", body.TextContent, StringComparison.Ordinal);
        Assert.Empty(body.QuerySelectorAll("script"));
    }

    [Fact]
    public void Ordinary_markdown_survives()
    {
        const string markdown = """
            ## Projektmål

            Text med *betoning* och **fetstil**.

            - 100 företag har en handlingsplan
            - 4 samarbetspartners

            1. Först
            2. Sedan

            Läs mer på [projektets webbplats](https://www.mojligheternasregion.se) eller skriv till
            [Dan](mailto:dan.berglund@mala.se).

            > Ett citat
            """;

        var body = Render(markdown);

        AssertHarmless(body);
        Assert.Equal("Projektmål", body.QuerySelector("h3")?.TextContent);
        Assert.Equal("betoning", body.QuerySelector("em")?.TextContent);
        Assert.Equal("fetstil", body.QuerySelector("strong")?.TextContent);
        Assert.Equal(["100 företag har en handlingsplan", "4 samarbetspartners"], body.QuerySelectorAll("ul > li").Select(li => li.TextContent));
        Assert.Equal(["Först", "Sedan"], body.QuerySelectorAll("ol > li").Select(li => li.TextContent));
        Assert.Equal("https://www.mojligheternasregion.se", body.QuerySelector("a[href^='https:']")?.GetAttribute("href"));
        Assert.Equal("mailto:dan.berglund@mala.se", body.QuerySelector("a[href^='mailto:']")?.GetAttribute("href"));
        Assert.Equal("Dan", body.QuerySelector("a[href^='mailto:']")?.TextContent);
        Assert.NotNull(body.QuerySelector("blockquote"));
    }

    [Fact]
    public void Outgoing_links_get_no_handle_on_the_registry_page()
    {
        var link = Render("[webbplats](https://example.com)").QuerySelector("a")!;

        Assert.Contains("noopener", link.GetAttribute("rel")!.Split(' '));
        Assert.Contains("noreferrer", link.GetAttribute("rel")!.Split(' '));
    }

    [Fact]
    public void A_bare_https_address_becomes_a_link()
    {
        var link = Render("Se https://www.mojligheternasregion.se för mer.").QuerySelector("a");

        Assert.Equal("https://www.mojligheternasregion.se", link?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("# Rubrik\n\n## Under", 3, "h3", "h4")]
    [InlineData("## Rubrik\n\n### Under", 3, "h3", "h4")]
    [InlineData("# Rubrik\n\n## Under", 2, "h2", "h3")]
    [InlineData("# Rubrik\n\n###### Under", 3, "h3", "h6")]
    public void Headings_nest_under_the_page_heading(string markdown, int topLevel, string first, string second)
    {
        var headings = Render(markdown, topLevel).QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.LocalName).ToList();

        Assert.Equal([first, second], headings);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void Empty_text_renders_nothing(string? markdown)
    {
        Assert.Equal("", Renderer.ToHtml(markdown));
    }

    /// <summary>Texts past Markdig's nesting limit (it throws on them rather than rendering).</summary>
    public static TheoryData<string> TooDeep => new()
    {
        new string('>', 200) + " citat",
        string.Concat(Enumerable.Repeat("*a ", 3000)) + string.Concat(Enumerable.Repeat(" a*", 3000)),
        string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "- punkt\n")),
    };

    [Theory]
    [MemberData(nameof(TooDeep))]
    public void Text_nested_past_the_parsers_limit_is_shown_as_encoded_text_instead_of_failing(string markdown)
    {
        var body = Render(markdown + "\n\n<b>fet?</b>");

        Assert.Contains("<b>fet?</b>", body.TextContent, StringComparison.Ordinal);
        Assert.Null(body.QuerySelector("b"));
        Assert.False(MarkdownRenderer.CanRender(markdown));
    }

    [Fact]
    public void Ordinary_nesting_can_be_rendered()
    {
        Assert.True(MarkdownRenderer.CanRender("> citat\n>> i citat\n\n- punkt\n  - underpunkt\n\n**fet *och kursiv***"));
        Assert.Equal("citat", Render("> citat").QuerySelector("blockquote")?.TextContent.Trim());
    }
}
