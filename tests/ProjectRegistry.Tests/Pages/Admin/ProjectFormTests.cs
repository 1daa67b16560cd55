using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>
/// How the project form behaves around what is typed: Enter saves, a row's post-back opens at that row, the form is
/// kept as the staff member's own draft, "Förhandsvisa" shows the public page with unsaved content, and errors read
/// in the page's order. Posted as a browser posts the form, without script (the script's path is the browser test's).
/// </summary>
public class ProjectFormTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private const string NewProject = "/admin/projekt/ny";

    [Fact]
    public async Task Enter_in_a_text_field_saves_because_the_forms_first_submit_button_is_the_save()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var form = await FormPage.OpenAsync(editor, NewProject);

        // A browser's implicit submission presses the first submit button of the form, in tree order.
        var first = form.Document.QuerySelectorAll("form.project-form button").First(b => (b.GetAttribute("type") ?? "submit") == "submit");
        Assert.EndsWith("?handler=Save", first.GetAttribute("formaction"), StringComparison.Ordinal);
        Assert.Equal("true", first.GetAttribute("aria-hidden"));
        Assert.Equal("-1", first.GetAttribute("tabindex"));
    }

    [Fact]
    public async Task Adding_and_removing_a_row_opens_the_page_at_that_row_with_the_focus_on_it()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var form = await FormPage.OpenAsync(editor, NewProject);
        // No fragment: a browser skips autofocus when the address names a target; the autofocus scrolls to the row itself.
        Assert.EndsWith("?handler=AddRow&kind=finansiar", Button(form, "Lägg till finansiär").GetAttribute("formaction"), StringComparison.Ordinal);
        Assert.Empty(form.Document.QuerySelectorAll("form.project-form [autofocus]"));

        form = await form.StayAsync("Lägg till finansiär");

        Assert.NotNull(form.Document.GetElementById("finansiar-1"));
        Assert.Equal("Input_Financiers_0__OrganisationId", Assert.Single(form.Document.QuerySelectorAll("main [autofocus]")).Id);

        form.Type("Input.Financiers[0].Note", "den första");
        form = await form.StayAsync("Lägg till finansiär");
        Assert.Equal("Input_Financiers_1__OrganisationId", Assert.Single(form.Document.QuerySelectorAll("main [autofocus]")).Id);

        form = await form.StayAsync("Ta bort finansiär 1");
        // The row that took the removed one's place has the focus; with no row left, the add button has it.
        Assert.Equal("Input_Financiers_0__OrganisationId", Assert.Single(form.Document.QuerySelectorAll("main [autofocus]")).Id);
        form = await form.StayAsync("Ta bort finansiär 1");
        Assert.Equal("add-finansiar", Assert.Single(form.Document.QuerySelectorAll("main [autofocus]")).Id);

        form = await form.StayAsync("Lägg till kontakt");
        Assert.Equal("Input_Contacts_0__Name", Assert.Single(form.Document.QuerySelectorAll("main [autofocus]")).Id);

        form = await form.StayAsync("Förhandsgranska beskrivningen");
        Assert.Equal("forhandsgranskning", Assert.Single(form.Document.QuerySelectorAll("main [autofocus]")).Id);
    }

    [Fact]
    public async Task The_form_is_the_editors_own_draft_offered_again_on_opening_and_gone_once_saved()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var editor = await app.SignedInClientAsync(email);
        var colleague = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var id = await NewSavedProjectAsync(editor, "Utkastprov");
        var userId = await app.InDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        var form = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        Assert.Null(form.Document.QuerySelector("section.draft-offer"));
        form.Type("Input.Purpose", "Ett syfte som inte får försvinna");
        await form.StayAsync("Lägg till kontakt");

        var drafts = await app.InDbAsync(db => db.ProjectDrafts.Where(d => d.ProjectId == id).ToListAsync());
        var draft = Assert.Single(drafts);
        Assert.Equal(userId, draft.StaffUserId);
        Assert.Contains("Ett syfte som inte får försvinna", draft.InputJson, StringComparison.Ordinal);

        // Opening the project again shows what is saved, and offers the draft with its time.
        var reopened = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        var offer = reopened.Document.QuerySelector("section.draft-offer");
        Assert.NotNull(offer);
        Assert.Contains(SwedishTime.DayAndTime(draft.SavedAt), offer.ReadableText(), StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(reopened.Value("Input.Purpose")));
        Assert.Contains("Släng utkastet", reopened.Buttons());
        // Another member of staff editing the same project sees nothing of it.
        Assert.Null((await FormPage.OpenAsync(colleague, $"/admin/projekt/{id}")).Document.QuerySelector("section.draft-offer"));

        var restored = await reopened.StayAsync("Fortsätt där du slutade");
        Assert.Equal("Ett syfte som inte får försvinna", restored.Value("Input.Purpose"));
        Assert.NotNull(restored.Document.GetElementById("kontakt-1"));

        restored.Type("Input.Contacts[0].Name", "Maria Lind");
        await restored.SaveAsync("Spara");

        Assert.Equal(0, await app.InDbAsync(db => db.ProjectDrafts.CountAsync(d => d.ProjectId == id)));
        var saved = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        Assert.Null(saved.Document.QuerySelector("section.draft-offer"));
        Assert.Equal("Ett syfte som inte får försvinna", saved.Value("Input.Purpose"));
    }

    [Fact]
    public async Task A_refused_new_project_is_kept_as_a_draft_until_it_is_thrown_away()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var editor = await app.SignedInClientAsync(email);
        var userId = await app.InDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var form = await FormPage.OpenAsync(editor, NewProject);
        form.Type("Input.Title", "Halvfärdigt projekt").Type("Input.BudgetAmount", "-5").Choose("Input.BudgetCurrency", "SEK");

        var refused = await form.StayAsync("Spara");

        Assert.NotNull(refused.Document.QuerySelector(".error-summary"));
        Assert.Equal(1, await app.InDbAsync(db => db.ProjectDrafts.CountAsync(d => d.StaffUserId == userId && d.ProjectId == null)));
        var again = await FormPage.OpenAsync(editor, NewProject);
        Assert.NotNull(again.Document.QuerySelector("section.draft-offer"));
        Assert.Equal("Halvfärdigt projekt", (await again.StayAsync("Fortsätt där du slutade")).Value("Input.Title"));

        using var thrown = await again.PressAsync("Släng utkastet");

        Assert.Equal(HttpStatusCode.Redirect, thrown.StatusCode);
        Assert.Equal(0, await app.InDbAsync(db => db.ProjectDrafts.CountAsync(d => d.StaffUserId == userId)));
        Assert.Null((await FormPage.OpenAsync(editor, NewProject)).Document.QuerySelector("section.draft-offer"));
    }

    [Fact]
    public async Task The_scripts_autosave_keeps_a_draft_only_for_who_may_edit_the_project_and_only_with_the_forms_token()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var editor = await app.SignedInClientAsync(email);
        var id = await NewSavedProjectAsync(editor, "Autospar");
        var form = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        var autosave = form.Document.QuerySelector("form.project-form")!.GetAttribute("data-autosave")!;
        var fields = FormPage.Controls(form.Document.QuerySelector("form.project-form")!.QuerySelectorAll("*"));
        fields.RemoveAll(f => f.Key == "Input.Goal");
        fields.Add(new("Input.Goal", "Skrivet för 30 sekunder sedan"));

        using (var saved = await editor.PostAsync(new Uri(autosave, UriKind.Relative), new FormUrlEncodedContent(fields)))
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Contains("Skrivet för 30 sekunder sedan", await app.InDbAsync(db => db.ProjectDrafts.Where(d => d.ProjectId == id).Select(d => d.InputJson).SingleAsync()), StringComparison.Ordinal);

        var other = await app.SignedInAsAsync(Roles.Editor, "leader-polaris");
        using (var refused = await other.PostFormAsync(autosave, fields.Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value), formPage: "/admin"))
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || FormPage.LocationPath(refused) == "/admin/ingen-behorighet", $"{(int)refused.StatusCode} {refused.Headers.Location}");
        using (var tokenless = await editor.PostAsync(new Uri(autosave, UriKind.Relative), new FormUrlEncodedContent(fields.Where(f => f.Key != "__RequestVerificationToken"))))
            Assert.Equal(HttpStatusCode.BadRequest, tokenless.StatusCode);
        Assert.Equal(1, await app.InDbAsync(db => db.ProjectDrafts.CountAsync(d => d.ProjectId == id)));
    }

    [Fact]
    public async Task Förhandsvisa_shows_an_unpublished_project_as_the_public_would_see_it_with_the_unsaved_form_and_saves_nothing()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var id = await NewSavedProjectAsync(editor, "Förhandsvisning");
        var before = await app.InDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => new { p.Slug, p.Title, p.Version, p.IsPublished }).SingleAsync());
        Assert.False(before.IsPublished);
        var form = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        form.Type("Input.Title", "En titel som inte är sparad").Type("Input.Description", "## Bakgrund\n\nOsparad **text**.");
        form = await form.StayAsync("Lägg till finansiär");
        form.Choose("Input.Financiers[0].OrganisationId", "Malå kommun").Type("Input.Financiers[0].Amount", "1,5 mkr");

        using var response = await form.PressAsync("Förhandsvisa");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains("noindex", string.Join(",", response.Headers.GetValues("X-Robots-Tag")), StringComparison.Ordinal);
        var page = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("Förhandsvisning – inte publicerad", page.QuerySelector(".preview-banner")!.ReadableText(), StringComparison.Ordinal);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.Equal("En titel som inte är sparad", page.QuerySelector("h1")!.ReadableText());
        Assert.Contains(page.QuerySelectorAll("main strong"), s => s.ReadableText() == "text");
        var financier = page.QuerySelectorAll("table tbody tr").Single(tr => tr.QuerySelector("th a")?.ReadableText() == "Malå kommun");
        Assert.Equal("1 500 000 kr", SwedishText.Normalise(financier.QuerySelector("td.num")!.TextContent));

        var after = await app.InDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => new { p.Slug, p.Title, p.Version, p.IsPublished }).SingleAsync());
        Assert.Equal(before, after);
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/projekt/{before.Slug}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Förhandsvisa_is_refused_to_the_public_and_to_another_organisations_editor()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var id = await NewSavedProjectAsync(editor, "Hemlig förhandsvisning");
        var form = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        var fields = FormPage.Controls(form.Document.QuerySelector("form.project-form")!.QuerySelectorAll("*"))
            .Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value);
        var preview = $"/admin/projekt/{id}/forhandsvisning?handler=Preview";

        // The public, with a real token from the one form it can load.
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var response = await anonymous.PostFormAsync(preview, fields, formPage: "/admin/logga-in"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Hemlig förhandsvisning", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var other = await app.SignedInAsAsync(Roles.Editor, "leader-polaris");
        using (var response = await other.PostFormAsync(preview, fields, formPage: "/admin"))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden || FormPage.LocationPath(response) == "/admin/ingen-behorighet", $"{(int)response.StatusCode} {response.Headers.Location}");
            Assert.DoesNotContain("Hemlig förhandsvisning", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Nor may an editor show another organisation's list with their own project's form.
        fields["Input.PublisherId"] = (await app.InDbAsync(db => db.Organisations.Where(o => o.Slug == "leader-polaris").Select(o => o.Id).SingleAsync())).ToString(CultureInfo.InvariantCulture);
        using (var response = await editor.PostFormAsync(preview, fields, formPage: $"/admin/projekt/{id}"))
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden || FormPage.LocationPath(response) == "/admin/ingen-behorighet", $"{(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task A_refused_save_says_Fel_in_the_title_and_lists_the_errors_in_the_pages_order_naming_the_row()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form = await form.StayAsync("Lägg till finansiär");
        form = await form.StayAsync("Lägg till finansiär");
        form = await form.StayAsync("Lägg till kontakt");
        form.Type("Input.Title", "Fel i tur och ordning")
            .Type("Input.StatusDate", "igår")
            .Type("Input.Municipalities", "Atlantis")
            .Choose("Input.Financiers[0].OrganisationId", "Malå kommun").Type("Input.Financiers[0].Amount", "100 000 kr")
            .Choose("Input.Financiers[1].OrganisationId", "Malå kommun").Type("Input.Financiers[1].Amount", "-5").Choose("Input.Financiers[1].Currency", "SEK")
            .Type("Input.Contacts[0].Name", "Maria Lind").Type("Input.Contacts[0].Email", "maria.lind@");

        var refused = await form.StayAsync("Spara");

        Assert.StartsWith("Fel: ", refused.Document.Title, StringComparison.Ordinal);
        var items = refused.Document.QuerySelectorAll(".error-summary li").Select(li => li.ReadableText()).ToList();
        Assert.Equal(4, items.Count);
        Assert.StartsWith("”igår” är inget datum.", items[0], StringComparison.Ordinal);
        Assert.StartsWith("Hittar ingen kommun som heter ”Atlantis”.", items[1], StringComparison.Ordinal);
        Assert.Equal("Finansiär 2: Beloppet kan inte vara negativt.", items[2]);
        Assert.StartsWith("Kontakt 1: ”maria.lind@” är ingen giltig e-postadress", items[3], StringComparison.Ordinal);
        Assert.Equal("#Input_Financiers_1__Amount", refused.Document.QuerySelectorAll(".error-summary a")[2].GetAttribute("href"));
        // The message at the field itself is the rule's own, without the row's name (the row's label says it).
        Assert.Equal("Beloppet kan inte vara negativt.", refused.FieldError("Input.Financiers[1].Amount"));
        Assert.DoesNotContain("Fel: ", (await FormPage.OpenAsync(editor, NewProject)).Document.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_budget_written_as_in_a_letter_is_saved_as_its_amount()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var form = await FormPage.OpenAsync(editor, NewProject);
        var title = $"Miljonbudget {Guid.NewGuid():N}"[..28];
        form.Type("Input.Title", title).Type("Input.BudgetAmount", "1,5 mkr");

        var saved = await form.SaveAsync("Spara");

        var id = int.Parse(saved.Split('/')[^1], CultureInfo.InvariantCulture);
        var budget = await app.InDbAsync(db => db.Projects.AsNoTracking().Where(p => p.Id == id).Select(p => p.Budget).SingleAsync());
        Assert.Equal(150_000_000L, budget!.MinorUnits);
        Assert.Equal("SEK", budget.Currency);
        Assert.Equal("1 500 000", SwedishText.Normalise((await FormPage.OpenAsync(editor, saved)).Value("Input.BudgetAmount") ?? ""));
    }

    private static IElement Button(FormPage form, string text) =>
        form.Document.QuerySelectorAll("main form button").FirstOrDefault(b => b.ReadableText() == text)
        ?? throw new Xunit.Sdk.XunitException($"Ingen knapp ”{text}”: {string.Join(" | ", form.Buttons())}");

    /// <summary>A new unpublished project of Malå kommun, saved through the form by this client.</summary>
    private static async Task<int> NewSavedProjectAsync(HttpClient editor, string prefix)
    {
        var form = await FormPage.OpenAsync(editor, NewProject);
        form.Type("Input.Title", $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 11)]).Choose("Input.Status", "Pågående").Type("Input.Municipalities", "Malå");
        var saved = await form.SaveAsync("Spara");
        return int.Parse(saved.Split('/')[^1], CultureInfo.InvariantCulture);
    }
}
