using ProjectRegistry.Tests.TestSupport;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProjectRegistry.Web.Domain;
using static Microsoft.Playwright.Assertions;

using static ProjectRegistry.BrowserTests.Axe;

namespace ProjectRegistry.BrowserTests;

/// <summary>
/// The two-tab case of issue 14 in a real browser: one tab changes the steering group and the title, the other the
/// description and the title; the second save asks only about the title, keeps both people's other changes, and the
/// merge view has nothing axe finds at phone and desktop width.
/// </summary>
[Collection(SharedBrowser.Name)]
public class ProjectMergeTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Two_tabs_keep_both_changes_and_ask_only_about_the_field_both_changed()
    {
        var email = await browser.Services.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var title = $"Tvåflikprov {Guid.NewGuid().ToString("N")[..8]}";
        await using var context = await browser.NewContextAsync();
        var tabA = await context.NewPageAsync();
        try
        {
            await tabA.SignInAsync(email);
            await tabA.GotoAsync("/admin/projekt/ny");
            await Field(tabA, "Titel").FillAsync(title);
            await Save(tabA).ClickAsync();
            await Expect(tabA).ToHaveURLAsync(new Regex("/admin/projekt/[0-9]+$"));
            var tabB = await context.NewPageAsync();
            await tabB.GotoAsync(tabA.Url);

            await Field(tabA, "Titel").FillAsync($"{title} A");
            await Field(tabA, "Styrgrupp").FillAsync("A:s styrgrupp");
            await Save(tabA).ClickAsync();
            await Expect(tabA.Locator(".notice[role=status]")).ToContainTextAsync("sparade");

            await Field(tabB, "Titel").FillAsync($"{title} B");
            await Field(tabB, "Beskrivning").FillAsync("B:s beskrivning");
            await Save(tabB).ClickAsync();

            var merge = tabB.Locator("section.conflict");
            await Expect(merge).ToBeVisibleAsync();
            await Expect(merge.Locator("fieldset.merge-choice legend")).ToHaveTextAsync(["Titel"]);
            await Expect(merge.Locator(".merge-theirs .merge-value")).ToHaveTextAsync($"{title} A");
            await Expect(merge.Locator(".merge-mine .merge-value")).ToHaveTextAsync($"{title} B");
            await Expect(Field(tabB, "Styrgrupp")).ToHaveValueAsync("A:s styrgrupp");
            await Expect(Field(tabB, "Beskrivning")).ToHaveValueAsync("B:s beskrivning");
            foreach (var viewport in new[] { BrowserFixture.Phone, BrowserFixture.Desktop })
            {
                await tabB.SetViewportSizeAsync(viewport.Width, viewport.Height);
                await AssertNoViolationsAsync(tabB, $"the merge view ({viewport.Width} px)");
            }

            await tabB.GetByLabel(new Regex("^Använd min")).CheckAsync();
            await Save(tabB).ClickAsync();

            await Expect(tabB.Locator(".notice[role=status]")).ToContainTextAsync("sparade");
            await Expect(Field(tabB, "Titel")).ToHaveValueAsync($"{title} B");
            await Expect(Field(tabB, "Styrgrupp")).ToHaveValueAsync("A:s styrgrupp");
            await Expect(Field(tabB, "Beskrivning")).ToHaveValueAsync("B:s beskrivning");
        }
        finally
        {
            foreach (var suffix in new[] { "", " A", " B" }) await browser.RemoveProjectAsync(title + suffix);
        }
    }

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    private static ILocator Save(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true });

}
