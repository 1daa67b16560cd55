using ProjectRegistry.Tests.TestSupport;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using static Microsoft.Playwright.Assertions;

using static ProjectRegistry.BrowserTests.Axe;

namespace ProjectRegistry.BrowserTests;

/// <summary>
/// What the admin's start page and the add-organisation part of the project form are like in a browser: an editor adds
/// a missing financier from the form (with and without JavaScript) and saves in one go; axe finds nothing on the start
/// page, the review page, and the form with the add-organisation part open, at phone and desktop width.
/// </summary>
[Collection(SharedBrowser.Name)]
public class AdminStartPageTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task An_editor_adds_a_missing_financier_in_the_form_and_saves_the_project_in_one_go()
    {
        var email = await browser.Services.CreateStaffAsync(Roles.Editor, "mala-kommun");
        foreach (var javaScript in new[] { true, false })
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var title = $"Organisationsprov {suffix}";
            var name = $"Provmyndigheten {suffix}";
            await using var context = await browser.NewContextAsync(javaScriptEnabled: javaScript);
            var page = await context.NewPageAsync();
            try
            {
                await page.SignInAsync(email);
                await page.GotoAsync("/admin/projekt/ny");
                await page.GetByLabel("Titel", new() { Exact = true }).FillAsync(title);
                await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till finansiär" }).ClickAsync();
                await Expect(page.GetByLabel("Finansiär 1", new() { Exact = true })).ToBeFocusedAsync();

                var row = page.Locator("#finansiar-1");
                await row.GetByText("Saknas organisationen? Lägg till den").ClickAsync();
                await row.GetByLabel("Typ av organisation").SelectOptionAsync(new SelectOptionValue { Label = "Myndighet" });
                await row.GetByLabel("Organisationens namn").FillAsync(name);
                // With script, Enter in the name adds it, as the button does; without, the button (Enter saves the form).
                if (javaScript) await row.GetByLabel("Organisationens namn").PressAsync("Enter");
                else await row.GetByRole(AriaRole.Button, new() { Name = "Lägg till och välj för finansiär 1" }).ClickAsync();

                var select = page.GetByLabel("Finansiär 1", new() { Exact = true });
                await Expect(select.Locator("option:checked")).ToHaveTextAsync(name);
                await Expect(select).ToBeFocusedAsync();
                await Expect(page.Locator(".add-organisation__notice")).ToContainTextAsync($"{name} är tillagd och vald");
                await Expect(page.GetByLabel("Titel", new() { Exact = true })).ToHaveValueAsync(title);

                await page.GetByLabel("Belopp").FillAsync("75 000");
                await page.Locator("#finansiar-1").GetByLabel("Valuta").SelectOptionAsync("SEK");
                await page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
                await Expect(page).ToHaveURLAsync(new Regex("/admin/projekt/[0-9]+$"));
                await Expect(page.GetByLabel("Finansiär 1", new() { Exact = true }).Locator("option:checked")).ToHaveTextAsync(name);
            }
            finally
            {
                await browser.RemoveProjectAsync(title);
            }
        }
    }

    [BrowserFact]
    public async Task The_start_page_the_review_page_and_the_form_with_the_add_organisation_part_open_have_no_axe_violations()
    {
        var email = await browser.Services.CreateStaffAsync(Roles.Admin);
        int reviewId;
        using (var scope = browser.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var organisation = new Organisation
            {
                Slug = $"region-vasterboten-{suffix}", Name = $"Region Vasterboten {suffix}", Kind = OrganisationKind.Region,
                Review = OrganisationReview.New, AddedBy = "redaktor@example.se", AddedAt = DateTime.UtcNow,
            };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            reviewId = organisation.Id;
        }
        try
        {
            foreach (var viewport in new[] { BrowserFixture.Phone, BrowserFixture.Desktop })
            {
                await using var context = await browser.NewContextAsync(viewport);
                var page = await context.NewPageAsync();
                await page.SignInAsync(email);

                await page.GotoAsync("/admin");
                await Expect(page.Locator("ul.needs")).ToBeVisibleAsync();
                await AssertNoViolationsAsync(page, $"startsidan vid {viewport.Width} px");
                await page.GotoAsync("/admin?behov=utkast&sortera=period");
                await AssertNoViolationsAsync(page, $"startsidans filtrerade lista vid {viewport.Width} px");

                await page.GotoAsync($"/admin/organisationer/{reviewId}/granska");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Granska");
                await AssertNoViolationsAsync(page, $"granskningssidan vid {viewport.Width} px");
                await page.GetByRole(AriaRole.Button, new() { Name = "Slå ihop" }).ClickAsync();
                await Expect(page).ToHaveTitleAsync(new Regex("^Fel: "));
                await AssertNoViolationsAsync(page, $"granskningssidan med fel vid {viewport.Width} px");

                await page.GotoAsync("/admin/projekt/ny");
                await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till partner" }).ClickAsync();
                var row = page.Locator("#partner-1");
                await row.GetByText("Saknas organisationen? Lägg till den").ClickAsync();
                await AssertNoViolationsAsync(page, $"formuläret med delen för ny organisation öppen vid {viewport.Width} px");
                // With the near matches offered, and with a problem.
                await row.GetByLabel("Organisationens namn").FillAsync("Region Västerbote");
                await row.GetByLabel("Typ av organisation").SelectOptionAsync(new SelectOptionValue { Label = "Region" });
                await row.GetByRole(AriaRole.Button, new() { Name = "Lägg till och välj för partner 1" }).ClickAsync();
                await Expect(page.Locator("#partner-1 .add-organisation__near")).ToContainTextAsync("Finns den redan?");
                await AssertNoViolationsAsync(page, $"formuläret med förslag på befintliga organisationer vid {viewport.Width} px");
                await page.Locator("#partner-1").GetByLabel("Organisationens namn").FillAsync("");
                await page.Locator("#partner-1").GetByRole(AriaRole.Button, new() { Name = "Lägg till och välj för partner 1" }).ClickAsync();
                await Expect(page.Locator("#nyorg-partner-0-fel")).ToContainTextAsync("Skriv organisationens namn");
                await AssertNoViolationsAsync(page, $"formuläret med fel i delen för ny organisation vid {viewport.Width} px");
            }
        }
        finally
        {
            using var scope = browser.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            await db.Organisations.Where(o => o.Id == reviewId).ExecuteDeleteAsync();
        }
    }

}
