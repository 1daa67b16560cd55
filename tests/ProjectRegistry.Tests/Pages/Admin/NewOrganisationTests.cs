using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>
/// An editor adds an organisation missing from the project form's lists without leaving the form (no script: the
/// row's own post-back), and an admin reviews it: confirms it, or merges it into one the registry has. Also the
/// municipality field's "Menade du …?".
/// </summary>
public class NewOrganisationTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private const string NewProject = "/admin/projekt/ny";

    [Fact]
    public async Task An_editor_adds_a_missing_financier_from_the_form_and_saves_the_project_in_one_go_and_the_admin_merges_it()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form.Type("Input.Title", "Bygdegård med finansiär som saknades");
        form.Type("Input.Purpose", "Ett syfte som inte får försvinna");
        form = await form.StayAsync("Lägg till finansiär");
        form.Type("Input.Financiers[0].Amount", "120 000");
        form.Choose("Input.Financiers[0].Currency", "SEK");
        form.Type("nyorg-finansiar-0-namn", "Jordbruksverket");
        form.Choose("nyorg-finansiar-0-typ", "Myndighet");

        form = await form.StayAsync("Lägg till och välj för finansiär 1");

        var added = await app.InDbAsync(db => db.Organisations.SingleAsync(o => o.Name == "Jordbruksverket"));
        Assert.Equal(OrganisationReview.New, added.Review);
        Assert.Equal(OrganisationKind.GovernmentAgency, added.Kind);
        Assert.NotNull(added.AddedBy);
        // Chosen in the row it was added for, with the focus on it, and everything typed still there.
        Assert.Equal(added.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), form.Value("Input.Financiers[0].OrganisationId"));
        Assert.Equal("Input_Financiers_0__OrganisationId", Assert.Single(form.Document.QuerySelectorAll("main [autofocus]")).Id);
        Assert.Equal("Bygdegård med finansiär som saknades", form.Value("Input.Title"));
        Assert.Equal("Ett syfte som inte får försvinna", form.Value("Input.Purpose"));
        Assert.Equal("120 000", form.Value("Input.Financiers[0].Amount"));
        Assert.Contains("Jordbruksverket är tillagd och vald", form.Document.QuerySelector(".add-organisation__notice")!.TextContent, StringComparison.Ordinal);

        var saved = await form.SaveAsync("Spara");
        var projectId = int.Parse(saved.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var financier = await app.InDbAsync(db => db.Set<ProjectFinancier>().SingleAsync(f => f.ProjectId == projectId));
        Assert.Equal(added.Id, financier.OrganisationId);

        // The admin sees it for review, and merges it into the one the registry already had.
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var list = await admin.GetPageAsync("/admin/organisationer?granskning=ny");
        var row = Assert.Single(list.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Jordbruksverket", StringComparison.Ordinal));
        Assert.Contains("ny, ej granskad", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(list.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Malå kommun", StringComparison.Ordinal));

        var review = await FormPage.OpenAsync(admin, $"/admin/organisationer/{added.Id}/granska");
        review.Choose("MergeInto", "Länsstyrelsen Västerbotten");
        Assert.Equal("/admin/organisationer", await review.SaveAsync("Slå ihop"));

        var target = await app.InDbAsync(db => db.Organisations.SingleAsync(o => o.Name == "Länsstyrelsen Västerbotten"));
        Assert.False(await app.InDbAsync(db => db.Organisations.AnyAsync(o => o.Id == added.Id)));
        Assert.Equal(target.Id, (await app.InDbAsync(db => db.Set<ProjectFinancier>().SingleAsync(f => f.ProjectId == projectId))).OrganisationId);
        // The history names the one merged into, so that restoring the first revision finds it.
        var snapshots = await app.InDbAsync(db => db.ProjectRevisions.Where(r => r.ProjectId == projectId).Select(r => r.SnapshotJson).ToListAsync());
        Assert.All(snapshots, json => Assert.Equal(target.Id, ProjectRegistry.Web.Editing.ProjectSnapshot.Read(json)!.Form.Financiers![0].OrganisationId));
        var audit = await app.InDbAsync(db => db.AuditEvents.SingleAsync(e => e.Kind == AuditKind.OrganisationMerged));
        Assert.Contains("Jordbruksverket", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("1 projekt", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_nearly_matches_one_in_the_registry_is_offered_before_a_new_one_is_added()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form.Type("Input.Title", "Projekt med nästan rätt partner");
        form = await form.StayAsync("Lägg till partner");
        form.Type("nyorg-partner-0-namn", "Region Vasterboten");
        form.Choose("nyorg-partner-0-typ", "Region");

        form = await form.StayAsync("Lägg till och välj för partner 1");

        Assert.Contains("Finns den redan? Region Västerbotten", form.Document.QuerySelector(".add-organisation__near")!.ReadableText(), StringComparison.Ordinal);
        Assert.Equal("Projekt med nästan rätt partner", form.Value("Input.Title"));
        Assert.False(await app.InDbAsync(db => db.Organisations.AnyAsync(o => o.Name == "Region Vasterboten")));

        form = await form.StayAsync("Välj Region Västerbotten");
        var region = await app.InDbAsync(db => db.Organisations.SingleAsync(o => o.Name == "Region Västerbotten"));
        Assert.Equal(region.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), form.Value("Input.Partners[0].OrganisationId"));
        Assert.False(await app.InDbAsync(db => db.Organisations.AnyAsync(o => o.Name == "Region Vasterboten")));
    }

    [Fact]
    public async Task A_new_organisation_is_added_anyway_when_the_editor_says_it_is_not_the_near_match_and_the_admin_confirms_it()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form.Type("nyorg-agare-namn", "Visit Hemavan");
        form.Choose("nyorg-agare-typ", "Företag");
        form = await form.StayAsync("Lägg till och välj för projektägaren");
        // "Visit Hemavan Tärnaby" holds every word of it and is offered; the editor knows better.
        Assert.Contains("Visit Hemavan Tärnaby", form.Document.QuerySelector(".add-organisation__near")!.ReadableText(), StringComparison.Ordinal);
        Assert.False(await app.InDbAsync(db => db.Organisations.AnyAsync(o => o.Name == "Visit Hemavan")));
        form.Type("Input.Title", "Med ny ägare");
        form = await form.StayAsync("Nej, lägg till ”Visit Hemavan” som ny");
        Assert.Equal("Med ny ägare", form.Value("Input.Title"));

        var added = await app.InDbAsync(db => db.Organisations.SingleAsync(o => o.Name == "Visit Hemavan"));
        Assert.Equal(added.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), form.Value("Input.OwnerId"));

        // Typed again in another form: the same name is chosen, not added twice.
        var again = await FormPage.OpenAsync(editor, NewProject);
        again.Type("nyorg-agare-namn", "visit hemavan");
        again.Choose("nyorg-agare-typ", "Företag");
        again = await again.StayAsync("Lägg till och välj för projektägaren");
        Assert.Equal(added.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), again.Value("Input.OwnerId"));
        Assert.Equal(1, await app.InDbAsync(db => db.Organisations.CountAsync(o => o.Name == "Visit Hemavan")));

        var admin = await app.SignedInAsAsync(Roles.Admin);
        var review = await FormPage.OpenAsync(admin, $"/admin/organisationer/{added.Id}/granska");
        Assert.Equal("/admin/organisationer", await review.SaveAsync("Godkänn Visit Hemavan"));
        Assert.Equal(OrganisationReview.Reviewed, (await app.InDbAsync(db => db.Organisations.SingleAsync(o => o.Id == added.Id))).Review);
        Assert.True(await app.InDbAsync(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKind.OrganisationConfirmed && e.Subject == "Visit Hemavan")));
    }

    [Fact]
    public async Task A_municipality_typed_with_a_typo_gets_did_you_mean_in_the_field_and_in_the_add_part()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form.Type("Input.Title", "Kommunstavning");
        form.Type("Input.Municipalities", "Malå, Jokmokk");
        using var response = await form.PressAsync("Spara");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("Menade du Jokkmokk?", shown.QuerySelector("[data-valmsg-for='Input.Municipalities']")!.TextContent, StringComparison.Ordinal);

        form = await FormPage.OpenAsync(editor, NewProject);
        form.Type("nyorg-agare-namn", "Jokmokks kommun");
        form.Choose("nyorg-agare-typ", "Kommun");
        form = await form.StayAsync("Lägg till och välj för projektägaren");
        Assert.Contains("Menade du Jokkmokk?", form.Document.QuerySelector("#nyorg-agare-fel")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.InDbAsync(db => db.Organisations.AnyAsync(o => o.Name == "Jokmokks kommun")));

        // Spelled right, a municipality is added with its kommunkod.
        form.Type("nyorg-agare-namn", "Jokkmokks kommun");
        form = await form.StayAsync("Lägg till och välj för projektägaren");
        var added = await app.InDbAsync(db => db.Organisations.SingleAsync(o => o.Name == "Jokkmokks kommun"));
        Assert.Equal("2510", added.MunicipalityCode);
        Assert.Equal(added.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), form.Value("Input.OwnerId"));
    }
}
