using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProjectRegistry.BrowserTests;

/// <summary>The map on /statistik used from the keyboard: every municipality is a link one can Tab to and follow.</summary>
[Collection(SharedBrowser.Name)]
public partial class StatisticsMapTests(BrowserFixture browser)
{
    private const string FocusedHref = "() => document.activeElement?.getAttribute('href') ?? ''";
    private const string FocusedIsInMap = "() => !!document.activeElement?.closest('svg.map')";
    private const string FocusedTitle = "() => document.activeElement?.querySelector('title')?.textContent ?? ''";

    [BrowserTheory]
    [InlineData("/statistik")]
    [InlineData("/statistik?organisation=leader-polaris")]
    public async Task A_keyboard_user_tabs_into_the_map_and_opens_a_municipality_with_Enter(string path)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        // The link just before the map, as a keyboard user passes it on the way down the page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Hoppa förbi kartan till tabellen över kommunerna" }).FocusAsync();

        await page.Keyboard.PressAsync("Tab");

        Assert.True(await page.EvaluateAsync<bool>(FocusedIsInMap), "Tab från länken före kartan hamnade inte i kartan.");
        var first = await page.EvaluateAsync<string>(FocusedHref);
        Assert.Matches("^/kommuner/[0-9]{4}$", first);
        // The next Tab moves on to another municipality: one can walk the map.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>(FocusedIsInMap));
        var second = await page.EvaluateAsync<string>(FocusedHref);
        Assert.Matches("^/kommuner/[0-9]{4}$", second);
        Assert.NotEqual(first, second);

        var name = AreaTitle().Match(await page.EvaluateAsync<string>(FocusedTitle)).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(name));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(second)}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync(name);
    }

    [BrowserFact]
    public async Task A_keyboard_user_reaches_a_place_marker_after_the_municipalities_and_opens_its_project()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/statistik?organisation=leader-polaris");
        var municipalities = await page.Locator("svg.map a[href^='/kommuner/']").CountAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Hoppa förbi kartan till tabellen över kommunerna" }).FocusAsync();

        for (var i = 0; i <= municipalities; i++)
            await page.Keyboard.PressAsync("Tab");

        Assert.True(await page.EvaluateAsync<bool>(FocusedIsInMap), "Efter kommunerna hamnade fokus utanför kartan, inte på en ort.");
        var href = await page.EvaluateAsync<string>(FocusedHref);
        Assert.Matches("^/projekt/[a-z0-9-]+$", href);
        var title = await page.EvaluateAsync<string>(FocusedTitle);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(href)}$"));
        // The marker's name is "Ort: Projektets titel (Status)"; the project page has the title as its heading.
        var projectTitle = title[(title.IndexOf(": ", StringComparison.Ordinal) + 2)..title.LastIndexOf(" (", StringComparison.Ordinal)];
        await Expect(page.Locator("h1")).ToHaveTextAsync(projectTitle);
    }

    [BrowserFact]
    public async Task A_focused_municipality_is_visibly_marked()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/statistik?organisation=leader-polaris");
        var link = page.Locator("svg.map a[href='/kommuner/2510']");

        var before = await link.Locator("path").EvaluateAsync<string>("p => { const s = getComputedStyle(p); return [s.stroke, s.strokeWidth, s.outlineStyle, s.fill].join(' '); }");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hoppa förbi kartan till tabellen över kommunerna" }).FocusAsync();
        for (var i = 0; i < 400 && await page.EvaluateAsync<string>(FocusedHref) != "/kommuner/2510"; i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.Equal("/kommuner/2510", await page.EvaluateAsync<string>(FocusedHref));

        var focused = await link.Locator("path").EvaluateAsync<string>("p => { const s = getComputedStyle(p); return [s.stroke, s.strokeWidth, s.outlineStyle, s.fill].join(' '); }");
        var outline = await link.EvaluateAsync<string>("a => getComputedStyle(a).outlineStyle");
        Assert.True(focused != before || outline != "none", $"Jokkmokk ser likadan ut med och utan fokus ({before}).");
    }

    [GeneratedRegex("^(.+): [0-9 ]+ projekt$")]
    private static partial Regex AreaTitle();
}
