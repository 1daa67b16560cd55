using ProjectRegistry.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

using static ProjectRegistry.BrowserTests.Axe;

namespace ProjectRegistry.BrowserTests;

/// <summary>
/// axe on the new results sections (issue 13): the project page's Resultat table, the publisher's follow-up with its
/// SVG bars, and the strategy page's indicator and budget forms. An indicator with values is added to a Malå project
/// (the other browser tests count projects, not indicators).
/// </summary>
[Collection(SharedBrowser.Name)]
public class ResultsAccessibilityTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task The_results_sections_and_the_strategy_page_have_no_axe_violations()
    {
        int organisationId;
        using (var scope = browser.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var mala = await db.Organisations.Include(o => o.GoalAreas).SingleAsync(o => o.Slug == "mala-kommun");
            organisationId = mala.Id;
            mala.GoalAreas[0].PlannedBudget ??= new Money(2_000_000_00, "SEK");
            var indicator = new Indicator { OrganisationId = mala.Id, Name = "Nya företag " + Guid.NewGuid().ToString("N")[..6], Unit = "företag", EuCode = "R.39", Target = 2_000, GoalAreaId = mala.GoalAreas[0].Id };
            db.Indicators.Add(indicator);
            await db.SaveChangesAsync();
            var project = await db.Projects.SingleAsync(p => p.Slug == "nimr");
            db.ProjectIndicatorValues.Add(new ProjectIndicatorValue { ProjectId = project.Id, IndicatorId = indicator.Id, Planned = 500, Achieved = 250 });
            project.Results = "Fem företag **deltog**.";
            await db.SaveChangesAsync();
        }

        await using var context = await browser.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        foreach (var (path, selector) in new[] { ("/projekt/nimr", "#resultat"), ("/organisationer/mala-kommun", "#uppfoljning"), ("/statistik?organisation=mala-kommun", "#uppfoljning") })
        {
            await page.GotoAsync(path);
            Assert.True(await page.Locator(selector).CountAsync() > 0, $"{path} har ingen {selector}.");
            await AssertNoViolationsAsync(page, path);
        }

        await page.SignInAsync(await browser.Services.CreateStaffAsync(Roles.Admin));
        var strategy = $"/admin/organisationer/{organisationId}/lus";
        await page.GotoAsync(strategy);
        await AssertNoViolationsAsync(page, strategy);
        // A refused indicator form, with its messages on the fields.
        await page.Locator("#new-indicator-target").FillAsync("-1");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Lägg till indikatorn" }).ClickAsync();
        Assert.True(await page.Locator(".error-summary").CountAsync() > 0);
        await AssertNoViolationsAsync(page, strategy + " (fel)");
    }

}
