using ProjectRegistry.Tests.TestSupport;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;
using static Microsoft.Playwright.Assertions;

using static ProjectRegistry.BrowserTests.Axe;

namespace ProjectRegistry.BrowserTests;

/// <summary>
/// The feedback form (issue 15) and the password pages (issue 14): sent with JavaScript off as a reader would, and
/// axe on each of their states at 390 and 1280 px.
/// </summary>
[Collection(SharedBrowser.Name)]
public class FeedbackAndPasswordPagesTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Feedback_sent_with_JavaScript_off_reaches_the_thank_you_page_and_lands_in_the_inbox()
    {
        await using var context = await browser.NewContextAsync(BrowserFixture.Phone, javaScriptEnabled: false);
        var page = await context.NewPageAsync();
        var text = $"Länken till föreningen fungerar inte. {Guid.NewGuid():N}";

        await page.GotoAsync("/projekt/nimr");
        await page.GetByLabel("Ditt meddelande").FillAsync(text);
        await page.GetByLabel("Ditt namn (frivilligt)").FillAsync("Eva Läsare");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka meddelandet" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/synpunkter/tack\\?projekt=\\d+$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Tack för ditt meddelande");
        using var scope = browser.Services.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().FeedbackMessages.AnyAsync(m => m.Message == text));
    }

    [BrowserTheory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task The_feedback_form_the_inbox_and_the_password_pages_have_no_axe_violations(int width)
    {
        await using var context = await browser.NewContextAsync(width == 390 ? BrowserFixture.Phone : BrowserFixture.Desktop);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/projekt/nimr");
        await AssertNoViolationsAsync(page, "/projekt/nimr");
        await page.GotoAsync("/tillganglighet");
        await AssertNoViolationsAsync(page, "/tillganglighet");
        // Too long: refused on /synpunkter, with the text kept and the error summary.
        await page.GetByLabel("Ditt meddelande").FillAsync(new string('a', 2_100));
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka meddelandet" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page, "/synpunkter (fel)");
        await page.GetByLabel("Ditt meddelande").FillAsync("Kontrasten på kartan är för låg.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka meddelandet" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Tack för ditt meddelande");
        await AssertNoViolationsAsync(page, "/synpunkter/tack");

        await page.GotoAsync("/admin/glomt-losenord");
        await AssertNoViolationsAsync(page, "/admin/glomt-losenord");
        await page.GotoAsync("/admin/valj-losenord?kod=fel");
        await AssertNoViolationsAsync(page, "/admin/valj-losenord (ogiltig länk)");
        await page.GotoAsync(await InvitationLinkAsync());
        await AssertNoViolationsAsync(page, "/admin/valj-losenord");
        await page.GetByLabel("Nytt lösenord", new() { Exact = true }).FillAsync("kort");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara lösenordet" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page, "/admin/valj-losenord (fel)");

        await page.SignInAsync(await browser.Services.CreateStaffAsync(Roles.Admin));
        await page.GotoAsync("/admin/synpunkter");
        await Expect(page.Locator(".feedback-item").First).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page, "/admin/synpunkter");
        await page.GotoAsync("/admin/konton/ny");
        await page.GetByLabel("E-postadress").FillAsync($"ny-{Guid.NewGuid():N}@example.se");
        await page.GetByText("Administratör", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa kontot" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Kontot är skapat");
        await AssertNoViolationsAsync(page, "/admin/konton/ny (skapat, med länk)");
    }

    /// <summary>A new account without a password, and its invitation link, as the admin page would make them.</summary>
    private async Task<string> InvitationLinkAsync()
    {
        using var scope = browser.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
        var (user, errors) = await StaffAccounts.CreateAsync(users, scope.ServiceProvider.GetRequiredService<RegistryDbContext>(),
            TimeProvider.System, $"inbjuden-{Guid.NewGuid():N}@example.se", Roles.Admin, password: null, []);
        Assert.True(user is not null, string.Join("; ", errors));
        var code = await scope.ServiceProvider.GetRequiredService<PasswordLinks>().IssueAsync(user, PasswordLinks.Invitation);
        return $"{PasswordLinks.PagePath}?kod={Uri.EscapeDataString(code)}";
    }

}
