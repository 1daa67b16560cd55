using ProjectRegistry.Tests.TestSupport;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProjectRegistry.Web.Domain;
using static Microsoft.Playwright.Assertions;

using static ProjectRegistry.BrowserTests.Axe;

namespace ProjectRegistry.BrowserTests;

/// <summary>Staff at work in a real browser: signing in, filling in the project form, and every admin page checked by axe.</summary>
[Collection(SharedBrowser.Name)]
public class AdminFlowTests(BrowserFixture browser)
{
    /// <summary>Pages checked as they open, with who opens them ("" = nobody signed in).</summary>
    private static readonly (string Path, string Role)[] StaffPages =
    [
        ("/admin/logga-in", ""),
        ("/admin", Roles.Editor),
        ("/admin/projekt/ny", Roles.Editor),
        ("/admin/mitt-konto", Roles.Editor),
        ("/admin/konton", Roles.Admin),
        ("/admin/organisationer", Roles.Admin),
        ("/admin/kommuner", Roles.Admin),
        ("/admin/granskningslogg", Roles.Admin),
        ("/admin/papperskorg", Roles.Admin),
        ("/admin/sidor?sida=tillganglighet", Roles.Admin),
    ];

    public static TheoryData<string, string, string> StaffPagesAtBothWidths()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (path, role) in StaffPages)
        {
            data.Add(path, role, "desktop");
            data.Add(path, role, "phone");
        }
        return data;
    }

    [BrowserFact]
    public async Task An_editor_signs_in_creates_and_publishes_a_project_and_the_public_finds_it()
    {
        var email = await browser.Services.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var title = $"Skoterled Malå {Guid.NewGuid().ToString("N")[..8]}";
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("/admin");
            await Expect(page).ToHaveURLAsync(new Regex("/admin/logga-in"));
            await page.GetByLabel("E-postadress", new() { Exact = true }).FillAsync(email);
            await page.GetByLabel("Lösenord", new() { Exact = true }).FillAsync(StaffSession.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/admin$"));

            await page.GetByRole(AriaRole.Link, new() { Name = "Nytt projekt" }).ClickAsync();
            await page.GetByLabel("Titel", new() { Exact = true }).FillAsync(title);
            await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Pågående" });
            await page.GetByLabel("Kommuner som projektet berör").FillAsync("Malå");
            await page.GetByRole(AriaRole.Button, new() { Name = "Spara och publicera" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/admin/projekt/[0-9]+$"));
            await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("syns för allmänheten");

            await page.GotoAsync("/projekt");
            var link = page.Locator("li.project-card h3 a", new() { HasText = title });
            await Expect(link).ToHaveCountAsync(1);
            await link.ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/projekt/skoterled-mala-[0-9a-f]{8}$"));
            await Expect(page.Locator("h1")).ToHaveTextAsync(title);
            await Expect(page.Locator(".facts")).ToContainTextAsync("Pågående");
            await Expect(page.Locator(".facts")).ToContainTextAsync("Malå");
        }
        finally
        {
            await browser.RemoveProjectAsync(title);
        }
    }

    [BrowserTheory]
    [MemberData(nameof(StaffPagesAtBothWidths))]
    public async Task Staff_page_has_no_WCAG_2_1_AA_violations_found_by_axe(string path, string role, string viewport)
    {
        await using var context = await browser.NewContextAsync(Viewport(viewport));
        var page = await context.NewPageAsync();
        if (role.Length > 0) await page.SignInAsync(await browser.Services.CreateStaffAsync(role, role == Roles.Editor ? ["mala-kommun"] : []));

        var response = await page.GotoAsync(path);

        // Otherwise a page not built yet would pass by showing the (accessible) 404 page.
        Assert.True(response!.Status == 200, $"{path} answered {response.Status} for {(role.Length > 0 ? role : "an anonymous visitor")}.");
        await AssertNoViolationsAsync(page, path, viewport);
    }

    [BrowserTheory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task The_project_form_showing_validation_errors_has_no_WCAG_2_1_AA_violations(string viewport)
    {
        await using var context = await browser.NewContextAsync(Viewport(viewport));
        var page = await context.NewPageAsync();
        await page.SignInAsync(await browser.Services.CreateStaffAsync(Roles.Editor, "mala-kommun"));
        await page.GotoAsync("/admin/projekt/ny");
        // Rows of every kind that has rows, so that their labels are checked too.
        // Each added row is waited for (the focus moves to its first field) before the next click or any typing: the
        // form's script swaps in the server's answer, and typing before it arrives would be typed into the old form.
        foreach (var add in new[] { "Lägg till partner", "Lägg till finansiär", "Lägg till kontakt", "Lägg till länk" })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = add }).ClickAsync();
            await page.WaitForFunctionAsync("() => ['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement?.tagName)");
        }
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync("Ett projekt med fel");
        await page.GetByLabel("Start", new() { Exact = true }).FillAsync("2025");
        await page.GetByLabel("Slut", new() { Exact = true }).FillAsync("2024");
        await page.GetByLabel("Kommuner som projektet berör").FillAsync("Atlantis");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();

        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("innan det börjar");
        await AssertNoViolationsAsync(page, "/admin/projekt/ny (med fel)", viewport);
    }

    [BrowserTheory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task The_history_page_has_no_WCAG_2_1_AA_violations(string viewport)
    {
        await using var context = await browser.NewContextAsync(Viewport(viewport));
        var page = await context.NewPageAsync();
        await page.SignInAsync(await browser.Services.CreateStaffAsync(Roles.Editor, "mala-kommun"));
        // A draft, so the public list the other tests count stays as seeded.
        await page.GotoAsync("/admin/projekt/ny");
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync($"Historikutkast {Guid.NewGuid().ToString("N")[..8]}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/projekt/[0-9]+$"));
        await page.GetByLabel("Kommuner som projektet berör").FillAsync("Malå, Norsjö");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("sparade");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ändringshistorik" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Ändringshistorik");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Återställ till version 1" })).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page, page.Url, viewport);

        // The restore asks first, and says what would change.
        await page.GetByRole(AriaRole.Link, new() { Name = "Återställ till version 1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ja, återställ till version 1" })).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page, page.Url + " (fråga)", viewport);
    }

    private static ViewportSize Viewport(string name) => name == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop;


}
