using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Pages.Alerts;
using static Microsoft.Playwright.Assertions;

using static ProjectRegistry.BrowserTests.Axe;

namespace ProjectRegistry.BrowserTests;

/// <summary>
/// "Bevaka den här sökningen" (issue 15) as a reader meets it, on an app that sends mail to the test SMTP server:
/// asked for on a filtered list, confirmed from the link in the mail, ended from the unsubscribe page; axe on every
/// state at 390 and 1280 px.
/// </summary>
[Collection(SharedMailBrowser.Name)]
public class AlertsTests(MailBrowserFixture browser)
{
    // Norrbotten's Gällivare has seeded Leader Polaris projects.
    private const string Municipality = "2523";

    [BrowserMailTheory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task An_alert_is_asked_for_confirmed_from_the_mail_and_ended_and_every_step_has_no_axe_violations(int width)
    {
        // JavaScript stays on: axe runs as a script in the page (with it off, its evaluation never returns). The pages
        // have no script of their own; the integration tests post the same forms without one.
        await using var context = await browser.NewContextAsync(width == 390 ? BrowserFixture.Phone : BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        var email = $"bevakare-{width}-{Guid.NewGuid():N}@example.se";

        await page.GotoAsync($"/projekt?kommun={Municipality}");
        var form = page.Locator("section.alert-form");
        await Expect(form.GetByRole(AriaRole.Heading, new() { Name = "Bevaka den här sökningen" })).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page, "/projekt (med bevakning)");

        // A typo in the address: the page says what is wrong and keeps what was typed.
        await form.GetByLabel("Din e-postadress").FillAsync("bevakare.example.se");
        await form.GetByRole(AriaRole.Button, new() { Name = "Bevaka sökningen" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Din e-postadress")).ToHaveValueAsync("bevakare.example.se");
        await AssertNoViolationsAsync(page, "/bevaka (fel)");

        await page.GetByLabel("Din e-postadress").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bevaka sökningen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/bevaka/tack$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Titta i din e-post");
        await AssertNoViolationsAsync(page, "/bevaka/tack");

        // The link in the mail opens a page that asks; the button confirms.
        var mail = (await SmtpServer.Required.WaitForAsync(email)).Single();
        var link = new Uri(SmtpServer.Link(mail, $"{browser.BaseAddress.ToString().TrimEnd('/')}/bevaka/bekrafta?kod="));
        await page.GotoAsync(link.ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bekräfta bevakningen");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "den här sökningen" }))
            .ToHaveAttributeAsync("href", $"/projekt?kommun={Municipality}");
        await AssertNoViolationsAsync(page, "/bevaka/bekrafta");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bekräfta bevakningen" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bevakningen är bekräftad");
        await AssertNoViolationsAsync(page, "/bevaka/bekrafta (klar)");
        Assert.NotNull((await AlertAsync(email))?.ConfirmedAt);
        await page.GotoAsync(link.ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Länken gäller inte längre");
        await AssertNoViolationsAsync(page, "/bevaka/bekrafta (använd länk)");

        // The unsubscribe link every digest carries.
        using (var scope = browser.Services.CreateScope())
        {
            var code = AlertLinks.UnsubscribeCode(scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>(), (await AlertAsync(email))!);
            await page.GotoAsync($"/bevaka/avsluta?kod={Uri.EscapeDataString(code)}");
        }
        await Expect(page.Locator("h1")).ToHaveTextAsync("Avsluta bevakningen");
        await AssertNoViolationsAsync(page, "/bevaka/avsluta");
        await page.GetByRole(AriaRole.Button, new() { Name = "Avsluta bevakningen" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bevakningen är avslutad");
        await AssertNoViolationsAsync(page, "/bevaka/avsluta (klar)");
        Assert.Null(await AlertAsync(email));
    }

    private async Task<ProjectRegistry.Web.Domain.AlertSubscription?> AlertAsync(string email)
    {
        using var scope = browser.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().AlertSubscriptions.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Email == email);
    }

}
