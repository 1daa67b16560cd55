using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>The strategy page's indicator catalogue and målområde budgets, through its real forms.</summary>
public class StrategyIndicatorsTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    [Fact]
    public async Task An_admin_adds_an_indicator_and_a_budget_a_wrong_target_keeps_what_was_typed_and_a_used_indicator_stays()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var id = await app.InDbAsync(db => db.Organisations.Where(o => o.Slug == "mala-kommun").Select(o => o.Id).SingleAsync());
        var url = $"/admin/organisationer/{id}/lus";
        var name = "Nya tjänster " + Guid.NewGuid().ToString("N")[..6];

        var refused = await (await FormPage.OpenAsync(admin, url)).Type("Input.Name", name).Type("Input.Unit", "tjänster")
            .Type("Input.Target", "-3").StayAsync("Lägg till indikatorn");
        Assert.Equal("Värdet kan inte vara negativt.", refused.Document.QuerySelector("#new-indicator-target-error")!.ReadableText());
        Assert.Equal(name, refused.Document.QuerySelector("#new-indicator-name")!.GetAttribute("value"));
        Assert.Equal("tjänster", refused.Document.QuerySelector("#new-indicator-unit")!.GetAttribute("value"));
        Assert.Contains(refused.Document.QuerySelectorAll(".error-summary a"), a => a.GetAttribute("href") == "#new-indicator-target");

        await refused.Type("Input.Target", "12,5").Type("Input.EuCode", "R.41").SaveAsync("Lägg till indikatorn");
        await (await FormPage.OpenAsync(admin, url)).Type("Input.BudgetAmount", "4 500 000").Type("Input.BudgetCurrency", "SEK").SaveAsync("Spara budgeten");

        var indicator = await app.InDbAsync(db => db.Indicators.SingleAsync(i => i.Name == name));
        Assert.Equal(("tjänster", "R.41", (long?)1250), (indicator.Unit, indicator.EuCode, indicator.Target));
        var areas = await app.InDbAsync(db => db.GoalAreas.Where(g => g.OrganisationId == id).OrderBy(g => g.Position).ToListAsync());
        Assert.Equal(new Money(4_500_000_00, "SEK"), areas[0].PlannedBudget);
        var page = await FormPage.OpenAsync(admin, url);
        Assert.Equal("12,5", page.Document.QuerySelector($"#indicator-{indicator.Id}-target")!.GetAttribute("value"));

        // A project reports on it: it cannot be removed.
        await app.InDbAsync(async db =>
        {
            var project = await db.Projects.FirstAsync(p => p.PublisherId == id);
            db.ProjectIndicatorValues.Add(new ProjectIndicatorValue { ProjectId = project.Id, IndicatorId = indicator.Id, Planned = 100 });
            return await db.SaveChangesAsync();
        });
        var form = await FormPage.OpenAsync(admin, url);
        var delete = form.Document.QuerySelector($"#indicator-{indicator.Id} button[aria-label^='Ta bort indikator']")!.GetAttribute("aria-label")!;
        using var response = await PressByLabelAsync(admin, url, delete);
        Assert.True(await app.InDbAsync(db => db.Indicators.AnyAsync(i => i.Id == indicator.Id)));
        var shown = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("kan inte tas bort: 1 projekt har värden för den", shown.QuerySelector(".error-summary")?.ReadableText() ?? "(ingen felruta)", StringComparison.Ordinal);
    }

    /// <summary>Posts the form of the button with this aria-label (several buttons read "Ta bort").</summary>
    private static async Task<HttpResponseMessage> PressByLabelAsync(HttpClient client, string url, string label)
    {
        var page = await client.GetPageAsync(url);
        var button = page.QuerySelectorAll("main form button").First(b => b.GetAttribute("aria-label") == label);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)button.Closest("form")!;
        var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => i.Name is { Length: > 0 } && i.Type != "checkbox")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        var action = button.GetAttribute("formaction") ?? form.GetAttribute("action") ?? url;
        using var body = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(action, UriKind.Relative), body);
    }
}
