using Microsoft.Playwright;

using static ProjectRegistry.BrowserTests.Axe;

namespace ProjectRegistry.BrowserTests;

[Collection(SharedBrowser.Name)]
public class AccessibilityTests(BrowserFixture browser)
{
    private static readonly string[] Pages =
    [
        "/",
        "/projekt",
        "/projekt?status=pagaende&kommun=2510",
        "/projekt/exportfokus",
        "/projekt/barkraft",
        "/organisationer/mala-kommun",
        "/kommuner/2418",
        "/organisationer",
        "/kommuner",
        "/statistik",
        "/statistik?organisation=leader-polaris",
        "/om",
        "/tillganglighet",
    ];

    private const string NotFoundPage = "/projekt/finns-inte";

    public static TheoryData<string, string> PagesAtBothWidths()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in Pages.Append(NotFoundPage))
        {
            data.Add(path, "desktop");
            data.Add(path, "phone");
        }
        return data;
    }

    [BrowserTheory]
    [MemberData(nameof(PagesAtBothWidths))]
    public async Task Page_has_no_WCAG_2_1_AA_violations_found_by_axe(string path, string viewport)
    {
        await using var context = await browser.NewContextAsync(viewport == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(path);

        // Otherwise a page that does not exist yet would pass by showing the (accessible) 404 page.
        Assert.Equal(path == NotFoundPage ? 404 : 200, response!.Status);
        await AssertNoViolationsAsync(page, path, viewport);
    }
}
