using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProjectRegistry.BrowserTests;

[Collection(SharedBrowser.Name)]
public class ProjectListTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task The_project_list_counts_all_25_seeded_projects()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/projekt");

        await Expect(page.Locator("#result-heading")).ToHaveTextAsync("25 projekt");
        await Expect(page.Locator("li.project-card").First).ToBeVisibleAsync();
    }

    // The filter form is a plain GET form, so the same steps must work with JavaScript off.
    [BrowserTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_person_filters_on_ongoing_projects_and_opens_one(bool javaScriptEnabled)
    {
        await using var context = await browser.NewContextAsync(javaScriptEnabled: javaScriptEnabled);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/projekt");

        var form = page.Locator("form.filters");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "Pågående" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Visa projekt" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("[?&]status=pagaende(&|$)"));
        var cards = page.Locator("li.project-card");
        await Expect(cards.First).ToBeVisibleAsync();
        foreach (var card in await cards.AllAsync())
            await Expect(card.Locator(".tag")).ToHaveTextAsync("Pågående");

        var link = cards.First.Locator("h3 a");
        var title = (await link.InnerTextAsync()).Trim();
        await link.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/projekt/[a-z0-9-]+$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);
    }
}
