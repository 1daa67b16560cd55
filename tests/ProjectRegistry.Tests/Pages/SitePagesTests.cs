using System.Net;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages;

public class SitePagesTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/projekt")]
    [InlineData("/projekt/exportfokus")]
    [InlineData("/kommuner/2418")]
    public async Task Every_page_links_to_the_about_page_and_the_accessibility_statement_in_its_footer(string url)
    {
        var page = await app.CreateClient().GetPageAsync(url);

        var footer = page.QuerySelector("footer")!;
        Assert.NotNull(footer.QuerySelector("a[href='/om']"));
        Assert.NotNull(footer.QuerySelector("a[href='/tillganglighet']"));
    }

    [Fact]
    public async Task The_accessibility_statement_says_what_DOS_lagen_asks_and_links_to_Digg()
    {
        var page = await app.CreateClient().GetPageAsync("/tillganglighet");

        var text = page.Body!.ReadableText();
        Assert.Contains("WCAG 2.1", text, StringComparison.Ordinal);
        Assert.Contains("Innehåll som inte är tillgängligt", text, StringComparison.Ordinal);
        Assert.Contains("23 november 2026", text, StringComparison.Ordinal);
        Assert.Contains("Rapportera brister", text, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href^='https://www.digg.se/']"));
    }

    [Fact]
    public async Task An_admin_edits_the_about_page_and_the_public_sees_it_while_an_editor_is_refused()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        using (var refused = await editor.PostFormAsync("/admin/sidor?handler=Save",
                   new() { ["sida"] = "om", ["Input.Title"] = "Hackad", ["Input.Markdown"] = "x" }, formPage: "/admin/projekt/ny"))
        {
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);
            Assert.NotEqual("/admin/sidor", refused.Headers.Location?.OriginalString);
        }

        var admin = await app.SignedInAsAsync(Roles.Admin);
        using var saved = await admin.PostFormAsync("/admin/sidor?handler=Save",
            new() { ["sida"] = "om", ["Input.Title"] = "Om vårt register", ["Input.Markdown"] = "## Vilka vi är\n\nLeaderkontoret i **Polaris**." },
            formPage: "/admin/sidor");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await app.CreateClient().GetPageAsync("/om");
        Assert.Equal("Om vårt register", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Vilka vi är", page.QuerySelector("article h2")!.TextContent);
        Assert.DoesNotContain("Hackad", page.Body!.TextContent, StringComparison.Ordinal);
    }
}
