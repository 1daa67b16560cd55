using ProjectRegistry.Tests.TestSupport;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using static Microsoft.Playwright.Assertions;

using static ProjectRegistry.BrowserTests.Axe;

namespace ProjectRegistry.BrowserTests;

/// <summary>
/// The embeds as another website shows them: a small Kestrel server on two more loopback ports plays a publisher's
/// site (one port on Leader Polaris's list of origins, one not) and puts the embed in an iframe; Chromium then
/// enforces the embed's frame-ancestors. Also axe on the embeds and on the admin's "Bädda in" page.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class EmbedTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Publisher = "leader-polaris";
    private WebApplication? _otherSite;
    private string _allowed = "", _refused = "";

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled || Chromium.SkipReason is not null) return;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0", "http://127.0.0.1:0");
        _otherSite = builder.Build();
        // The publisher's page: its own heading and the snippet's iframe of ?src=.
        _otherSite.MapGet("/", (string src) => Results.Content($"""
            <!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Föreningens webbplats</title></head>
            <body><h1>Föreningens webbplats</h1><iframe id="ram" title="Projekt" src="{WebUtility.HtmlEncode(src)}" width="600" height="600"></iframe></body></html>
            """, "text/html; charset=utf-8"));
        await _otherSite.StartAsync();
        var urls = _otherSite.Urls.ToList();
        (_allowed, _refused) = (urls[0], urls[1]);
        await SetOriginsAsync([_allowed]);
    }

    public async Task DisposeAsync()
    {
        if (_otherSite is null) return;
        await SetOriginsAsync([]);
        await _otherSite.DisposeAsync();
    }

    private async Task SetOriginsAsync(List<string> origins)
    {
        using var scope = browser.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var publisher = await db.Organisations.SingleAsync(o => o.Slug == Publisher);
        publisher.EmbedOrigins = origins;
        // Saved through the app's own context, so the cached embeds are evicted as an admin's save would.
        await db.SaveChangesAsync();
    }

    private string Embed(string path) => new Uri(browser.BaseAddress, path).ToString();

    private static string Host(string site, string embed) => $"{site}/?src={Uri.EscapeDataString(embed)}";

    [BrowserFact]
    public async Task An_allowed_site_shows_the_list_in_its_iframe_and_a_link_opens_the_registry_in_the_whole_window()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Host(_allowed, Embed($"/inbadda/projekt?organisation={Publisher}")));

        var frame = page.FrameLocator("#ram");
        await Expect(frame.Locator("h1")).ToHaveTextAsync("Beviljade projekt – Leader Polaris");
        await Expect(frame.Locator("footer")).ToContainTextAsync("Källa: Projektregistret");
        var first = frame.Locator(".project-card__title a").First;
        var href = await first.GetAttributeAsync("href");

        await first.ClickAsync();

        // The top window now shows the registry's project page; the publisher's page is left.
        await Expect(page).ToHaveURLAsync(Embed(href!));
        await Expect(page.Locator("header.site-header")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task A_site_not_on_the_list_is_refused_by_the_browser()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var messages = new List<string>();
        page.Console += (_, m) => messages.Add(m.Text);
        var embed = Embed($"/inbadda/projekt?organisation={Publisher}");

        await page.GotoAsync(Host(_refused, embed));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Föreningens webbplats");

        // Chromium reports the refusal on the console and shows its error page in the frame instead of the list.
        for (var i = 0; i < 50 && !messages.Any(m => m.Contains("frame-ancestors", StringComparison.Ordinal)); i++) await Task.Delay(100);
        Assert.Contains(messages, m => m.Contains("frame-ancestors", StringComparison.Ordinal) && m.Contains(_allowed, StringComparison.Ordinal));
        var child = page.Frames.Single(f => f != page.MainFrame);
        Assert.NotEqual(embed, child.Url);
        await Expect(page.FrameLocator("#ram").Locator(".project-card__title")).ToHaveCountAsync(0);

        // The very same page on the allowed port loads it: only the origin differs.
        await page.GotoAsync(Host(_allowed, embed));
        await Expect(page.FrameLocator("#ram").Locator(".project-card__title").First).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task A_project_card_shows_on_an_allowed_site_and_not_on_another()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        string slug;
        using (var scope = browser.Services.CreateScope())
            slug = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().PublicProjects
                .Where(p => p.Publisher.Slug == Publisher).OrderBy(p => p.Id).Select(p => p.Slug).FirstAsync();

        await page.GotoAsync(Host(_allowed, Embed($"/inbadda/projekt/{slug}")));
        await Expect(page.FrameLocator("#ram").Locator(".embed__more a")).ToHaveAttributeAsync("href", $"/projekt/{slug}");

        await page.GotoAsync(Host(_refused, Embed($"/inbadda/projekt/{slug}")));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Föreningens webbplats");
        await Task.Delay(500);
        await Expect(page.FrameLocator("#ram").Locator(".embed__more")).ToHaveCountAsync(0);
    }

    public static TheoryData<string, string> EmbedsAtBothWidths()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { $"/inbadda/projekt?organisation={Publisher}", $"/inbadda/karta?organisation={Publisher}", "/inbadda/karta", "/inbadda/projekt/exportfokus" })
            foreach (var viewport in new[] { "phone", "desktop" })
                data.Add(path, viewport);
        return data;
    }

    [BrowserTheory]
    [MemberData(nameof(EmbedsAtBothWidths))]
    public async Task An_embed_has_no_WCAG_2_1_AA_violations_found_by_axe(string path, string viewport)
    {
        await using var context = await browser.NewContextAsync(viewport == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        await AssertNoViolationsAsync(page, path, viewport);
    }

    [BrowserTheory]
    [InlineData("/inbadda/projekt")]
    [InlineData("/inbadda/karta?organisation=leader-polaris")]
    [InlineData("/inbadda/projekt/exportfokus")]
    public async Task An_embed_is_readable_in_a_320_pixel_frame_without_scrolling_sideways(string path)
    {
        await using var context = await browser.NewContextAsync(new ViewportSize { Width = 320, Height = 600 });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 320, $"{path} är {width} px bred i en ram på 320 px.");
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
    }

    [BrowserTheory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task The_admin_embed_page_has_no_violations_shows_its_preview_and_copies_the_code(string viewport)
    {
        var email = await browser.Services.CreateStaffAsync(Roles.Editor, Publisher);
        await using var context = await browser.NewContextAsync(viewport == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email);
        await page.GotoAsync("/admin/inbadda");
        await page.GetByLabel("Karta").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Visa kod och förhandsvisning" }).ClickAsync();

        // The preview is the embed itself, framed by the registry's own origin for a signed-in editor.
        await Expect(page.FrameLocator("iframe.embed-preview").Locator("svg.map")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Kopiera koden" }).ClickAsync();
        await Expect(page.Locator("#kod-status")).Not.ToBeEmptyAsync();
        await AssertNoViolationsAsync(page, "/admin/inbadda", viewport);
    }

}
