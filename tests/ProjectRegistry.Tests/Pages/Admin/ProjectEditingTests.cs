using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>
/// Staff editing projects through the one project form, posted as a browser posts it, and what the public then
/// sees. Every test makes its own projects or uses its own seeded Malå project, so the order does not matter.
/// </summary>
public class ProjectEditingTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private const string NewProject = "/admin/projekt/ny";

    private readonly HttpClient _public = app.CreateClient();

    [Fact]
    public async Task A_new_draft_is_seen_only_by_staff_until_it_is_published_with_its_amount()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (title, word) = NewTitle("Fjällbete");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form = await form.StayAsync("Lägg till finansiär");
        form = await form.StayAsync("Lägg till kontakt");
        form.Type("Input.Title", title).Choose("Input.Status", "Pågående").Type("Input.Municipalities", "Malå")
            .Choose("Input.Financiers[0].OrganisationId", "Malå kommun").Type("Input.Financiers[0].Amount", "90 000")
            .Choose("Input.Financiers[0].Currency", "SEK").Type("Input.Financiers[0].AccountingReference", "verksamhet 227, projekt 5780")
            .Type("Input.Contacts[0].Name", "Maria Lind").Type("Input.Contacts[0].Email", "maria.lind@mala.se");

        var saved = await form.SaveAsync("Spara");

        Assert.Matches("^/admin/projekt/[0-9]+$", saved);
        var edit = await FormPage.OpenAsync(editor, saved);
        Assert.Contains("Det är ett utkast", Notice(edit.Document), StringComparison.Ordinal);
        var slug = edit.Value("Input.Slug");
        Assert.False(string.IsNullOrEmpty(slug));
        Assert.DoesNotContain(title, await PublicTitlesAsync(word));
        Assert.Equal(HttpStatusCode.NotFound, await PublicStatusAsync($"/projekt/{slug}"));
        Assert.Contains("Nej, utkast", StaffRow(await editor.GetPageAsync($"/admin?q={word}"), title).ReadableText(), StringComparison.Ordinal);

        Assert.Equal(saved, await edit.SaveAsync("Spara och publicera"));

        Assert.Contains(title, await PublicTitlesAsync(word));
        var page = await _public.GetPageAsync($"/projekt/{slug}");
        Assert.Equal(title, page.QuerySelector("h1")!.ReadableText());
        var financier = page.QuerySelectorAll("table tbody tr").Single(tr => tr.QuerySelector("th a")?.ReadableText() == "Malå kommun");
        Assert.Equal("Offentlig medfinansiering", financier.QuerySelector("th .financier-kind")!.ReadableText());
        Assert.Equal("90 000 kr", SwedishText.Normalise(financier.QuerySelector("td.num")!.TextContent));
        Assert.Contains("verksamhet 227, projekt 5780", financier.ReadableText(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='mailto:maria.lind@mala.se']"));
        Assert.NotNull(page.QuerySelector("a[href='/kommuner/2418']"));
        Assert.Contains("Pågående", page.QuerySelector(".facts")!.ReadableText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.Start=2024-05|Input.End=2023-01", "Input.End", "Projektet kan inte sluta (januari 2023) innan det börjar (maj 2024).")]
    [InlineData("Input.Financiers[0].Amount=-5 000|Input.Financiers[0].Currency=SEK", "Input.Financiers[0].Amount", "Beloppet kan inte vara negativt.")]
    [InlineData("Input.BudgetAmount=100 000", "Input.BudgetCurrency", "Välj valuta för beloppet (SEK eller EUR).")]
    [InlineData("Input.Contacts[0].Name=Maria Lind|Input.Contacts[0].Email=maria.lind@", "Input.Contacts[0].Email", "”maria.lind@” är ingen giltig e-postadress")]
    [InlineData("Input.Slug=exportfokus", "Input.Slug", "Adressen /projekt/exportfokus används redan av ett annat projekt.")]
    [InlineData("Input.Municipalities=Malå, Atlantis", "Input.Municipalities", "Hittar ingen kommun som heter ”Atlantis”.")]
    [InlineData("Input.Places=Malå\nVuollerim; 20,61; 66,43", "Input.Places", "”Vuollerim”: punkten 20,61, 66,43 ligger inte i Sverige.")]
    [InlineData("Input.Places=Malå; abc; 1", "Input.Places", "”Malå”: skriv koordinaterna som latitud och longitud i decimalgrader")]
    [InlineData("Input.Places=Malå\n; 65,18; 18,74", "Input.Places", "Orten saknar namn.")]
    public async Task A_wrong_field_gets_a_Swedish_message_on_that_field_and_nothing_typed_is_lost(string typed, string field, string message)
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (title, _) = NewTitle("Felstavat");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form = await form.StayAsync("Lägg till finansiär");
        form = await form.StayAsync("Lägg till kontakt");
        var values = new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Status"] = "pagaende",
            ["Input.Municipalities"] = "Malå",
            ["Input.Purpose"] = "Att pröva formuläret\nmed två rader.",
            ["Input.Financiers[0].OrganisationId"] = (await OrganisationIdAsync("mala-kommun")).ToString(CultureInfo.InvariantCulture),
            ["Input.Financiers[0].AccountingReference"] = "verksamhet 227",
        };
        foreach (var pair in typed.Split('|').Select(p => p.Split('=', 2))) values[pair[0]] = pair[1];
        foreach (var (name, value) in values) form.Type(name, value);

        var shown = await form.StayAsync("Spara");

        Assert.Contains(message, shown.FieldError(field), StringComparison.Ordinal);
        var summary = shown.Document.QuerySelector(".error-summary");
        Assert.NotNull(summary);
        Assert.Contains(summary.QuerySelectorAll("a"), a => a.GetAttribute("href") == "#" + field.Replace('.', '_').Replace('[', '_').Replace(']', '_')
            && a.ReadableText().Contains(message.TrimEnd('.'), StringComparison.Ordinal));
        Assert.All(values, v => Assert.Equal(v.Value, shown.Value(v.Key)));
        Assert.False(await InDbAsync(db => db.Projects.IgnoreQueryFilters().AnyAsync(p => p.Title == title)));
    }

    [Fact]
    public async Task A_status_change_is_recorded_with_its_date_on_the_public_page()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        const string slug = "sikt-2-0";
        var id = await ProjectIdAsync(slug);
        var before = (await _public.GetPageAsync($"/projekt/{slug}")).QuerySelectorAll(".timeline li").Length;
        var form = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        Assert.NotEqual("slutredovisat", form.Value("Input.Status"));
        form.Choose("Input.Status", "Slutredovisat").Type("Input.StatusDate", "2025-03-15");

        await form.SaveAsync("Spara");

        var page = await _public.GetPageAsync($"/projekt/{slug}");
        var entries = page.QuerySelectorAll(".timeline li").Select(li => li.ReadableText()).ToList();
        Assert.Equal(before + 1, entries.Count);
        Assert.Equal("Slutredovisat från 15 mars 2025", entries[^1]);
        var times = page.QuerySelectorAll(".timeline li time");
        Assert.Equal("2025-03-15", times[times.Length - 1].GetAttribute("datetime"));
        Assert.Contains("Slutredovisat", page.QuerySelector(".facts")!.ReadableText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_and_removing_rows_keeps_everything_else_that_was_typed()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (title, _) = NewTitle("Radbyte");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form.Type("Input.Title", title).Type("Input.Municipalities", "Malå, Norsjö").Type("Input.Description", "## Bakgrund\n\nText som inte får försvinna.");

        form = await form.StayAsync("Lägg till finansiär");
        form.Type("Input.Financiers[0].Amount", "90 000").Choose("Input.Financiers[0].Currency", "SEK");
        form = await form.StayAsync("Lägg till kontakt");
        form.Type("Input.Contacts[0].Name", "Första kontakten");
        form = await form.StayAsync("Lägg till kontakt");
        form.Type("Input.Contacts[1].Name", "Andra kontakten").Type("Input.Contacts[1].Email", "andra@mala.se");
        form = await form.StayAsync("Lägg till länk");
        form.Type("Input.Links[0].Text", "Läs mer");

        form = await form.StayAsync("Ta bort kontakt 1");

        Assert.Equal(title, form.Value("Input.Title"));
        Assert.Equal("Malå, Norsjö", form.Value("Input.Municipalities"));
        Assert.Equal("## Bakgrund\n\nText som inte får försvinna.", form.Value("Input.Description"));
        Assert.Equal("90 000", form.Value("Input.Financiers[0].Amount"));
        Assert.Equal("SEK", form.Value("Input.Financiers[0].Currency"));
        Assert.Equal("Andra kontakten", form.Value("Input.Contacts[0].Name"));
        Assert.Equal("andra@mala.se", form.Value("Input.Contacts[0].Email"));
        Assert.Null(form.Value("Input.Contacts[1].Name"));
        Assert.Equal("Läs mer", form.Value("Input.Links[0].Text"));
        Assert.False(await InDbAsync(db => db.Projects.IgnoreQueryFilters().AnyAsync(p => p.Title == title)));
    }

    [Fact]
    public async Task Preview_renders_the_Markdown_without_script_or_javascript_links_and_saves_nothing()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        const string slug = "digitala-steget";
        var id = await ProjectIdAsync(slug);
        var before = await InDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => new { p.Version, p.Description }).SingleAsync());
        const string markdown = "## Bakgrund\n\nEtt **förhandsgranskat** stycke.\n\n<script>alert('xss')</script>\n\n"
            + "[Klicka här](javascript:alert(1)) och [Malå kommun](https://www.mala.se/)";
        var form = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        form.Type("Input.Description", markdown);

        form = await form.StayAsync("Förhandsgranska beskrivningen");

        var preview = form.Document.QuerySelector("section.preview");
        Assert.NotNull(preview);
        Assert.Contains(preview.QuerySelectorAll("h3, h4"), h => h.ReadableText() == "Bakgrund");
        Assert.Equal("förhandsgranskat", preview.QuerySelector("strong")?.ReadableText());
        // The form's own script file is the page's only script: nothing typed became one.
        Assert.All(form.Document.QuerySelectorAll("script"), s => Assert.Matches(@"^/js/project-form(\.[a-z0-9]+)?\.js$", s.GetAttribute("src") ?? ""));
        Assert.DoesNotContain(preview.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(preview.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://www.mala.se/");
        Assert.Equal(markdown, form.Value("Input.Description"));

        var after = await InDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => new { p.Version, p.Description }).SingleAsync());
        Assert.Equal(before, after);
        Assert.DoesNotContain("förhandsgranskat", (await _public.GetPageAsync($"/projekt/{slug}")).DocumentElement.ReadableText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_tabs_keep_both_changes_and_ask_only_about_the_field_both_changed()
    {
        var first = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var second = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        // A seeded project without revisions: both start from the state its first save records as revision 1.
        const string slug = "regai";
        var id = await ProjectIdAsync(slug);
        var formA = await FormPage.OpenAsync(first, $"/admin/projekt/{id}");
        var formB = await FormPage.OpenAsync(second, $"/admin/projekt/{id}");

        await formA.Type("Input.Title", "RegAI – A:s titel").Type("Input.SteeringGroup", "A:s styrgrupp").SaveAsync("Spara");
        var conflict = await formB.Type("Input.Title", "RegAI – B:s titel").Type("Input.Description", "B:s beskrivning").StayAsync("Spara");

        var section = conflict.Document.QuerySelector("section.conflict");
        Assert.NotNull(section);
        Assert.Equal("Någon annan har sparat projektet medan du redigerade", section.QuerySelector("h2")!.ReadableText());
        var choice = Assert.Single(section.QuerySelectorAll("fieldset.merge-choice"));
        Assert.Equal("Titel", choice.QuerySelector("legend")!.ReadableText());
        Assert.Equal("RegAI – A:s titel", choice.QuerySelector(".merge-theirs .merge-value")!.ReadableText());
        Assert.Equal("RegAI – B:s titel", choice.QuerySelector(".merge-mine .merge-value")!.ReadableText());
        Assert.Contains("Behåll den sparade", choice.QuerySelector(".merge-theirs label")!.ReadableText(), StringComparison.Ordinal);
        Assert.Contains("Använd min", choice.QuerySelector(".merge-mine label")!.ReadableText(), StringComparison.Ordinal);
        Assert.Contains("Styrgrupp", section.QuerySelector(".merge-taken")!.ReadableText(), StringComparison.Ordinal);
        Assert.Equal("A:s styrgrupp", conflict.Value("Input.SteeringGroup"));
        Assert.Equal("B:s beskrivning", conflict.Value("Input.Description"));
        var stored = await InDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => new { p.Title, p.SteeringGroup }).SingleAsync());
        Assert.Equal(("RegAI – A:s titel", "A:s styrgrupp"), (stored.Title, stored.SteeringGroup));

        // Saving without a choice is not a choice: the question stays, at the field.
        var unchosen = await conflict.StayAsync("Spara");
        Assert.Contains("välj om den sparade versionen ska behållas", unchosen.Document.QuerySelector("fieldset.merge-choice .field-error")!.ReadableText(), StringComparison.Ordinal);
        Assert.Equal("RegAI – A:s titel", await InDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => p.Title).SingleAsync()));

        await unchosen.Type("val[Title]", "min").SaveAsync("Spara");

        var saved = await InDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => new { p.Title, p.SteeringGroup, p.Description }).SingleAsync());
        Assert.Equal(("RegAI – B:s titel", "A:s styrgrupp", "B:s beskrivning"), (saved.Title, saved.SteeringGroup, saved.Description));
        var changes = await InDbAsync(async db => (await db.ProjectRevisions.Where(r => r.ProjectId == id).ToListAsync()).SelectMany(ProjectRegistry.Web.Editing.ProjectHistory.Changes).ToList());
        Assert.DoesNotContain(changes, c => c.Field == "Styrgrupp" && c.After is null);
        Assert.Contains(changes, c => c.Field == "Styrgrupp" && c.After == "A:s styrgrupp");
    }

    [Fact]
    public async Task Two_saves_of_different_fields_are_merged_without_a_question()
    {
        var first = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var second = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var id = await ProjectIdAsync("sikt-2-0");
        await (await FormPage.OpenAsync(first, $"/admin/projekt/{id}")).Type("Input.Purpose", "Syftet enligt A").SaveAsync("Spara");
        var formA = await FormPage.OpenAsync(first, $"/admin/projekt/{id}");
        var formB = await FormPage.OpenAsync(second, $"/admin/projekt/{id}");

        await formA.Type("Input.Goal", "Målet enligt A").SaveAsync("Spara");
        await formB.Type("Input.TargetGroups", "Målgrupp enligt B").SaveAsync("Spara");

        var saved = await InDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => new { p.Purpose, p.Goal, p.TargetGroups }).SingleAsync());
        Assert.Equal(("Syftet enligt A", "Målet enligt A", "Målgrupp enligt B"), (saved.Purpose, saved.Goal, string.Join("\n", saved.TargetGroups)));
        Assert.Contains("deras ändringar av Mål är kvar", Notice(await second.GetPageAsync($"/admin/projekt/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_with_no_change_writes_no_revision_and_says_so()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var url = await (await FormPage.OpenAsync(editor, NewProject)).Type("Input.Title", NewTitle("Oförändrat").Title)
            .Type("Input.Municipalities", "Malå").SaveAsync("Spara");
        var id = int.Parse(url.Split('/')[^1], CultureInfo.InvariantCulture);
        var before = await InDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => new { p.Version, p.UpdatedAt, Revisions = db.ProjectRevisions.Count(r => r.ProjectId == id) }).SingleAsync());

        Assert.Equal(url, await (await FormPage.OpenAsync(editor, url)).SaveAsync("Spara"));

        Assert.Equal("Inga ändringar att spara.", Notice(await editor.GetPageAsync(url)));
        Assert.Equal(before, await InDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => new { p.Version, p.UpdatedAt, Revisions = db.ProjectRevisions.Count(r => r.ProjectId == id) }).SingleAsync()));
    }

    [Fact]
    public async Task Deleting_a_project_and_bringing_it_back_are_in_the_audit_log()
    {
        var editorEmail = await app.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var editor = await app.SignedInClientAsync(editorEmail);
        var (title, _) = NewTitle("Granskad");
        var url = await (await FormPage.OpenAsync(editor, NewProject)).Type("Input.Title", title).SaveAsync("Spara");
        var id = int.Parse(url.Split('/')[^1], CultureInfo.InvariantCulture);

        await (await FormPage.OpenAsync(editor, $"{url}/ta-bort")).SaveAsync("Ja, ta bort projektet");
        var adminEmail = await app.CreateStaffAsync(Roles.Admin);
        var admin = await app.SignedInClientAsync(adminEmail);
        await (await FormPage.OpenAsync(admin, "/admin/papperskorg")).SaveAsync($"Ångra borttagningen av {title}");

        var detail = $"”{title}” (projekt {id})";
        var events = await InDbAsync(db => db.AuditEvents.Where(e => e.Detail == detail).OrderBy(e => e.Id).Select(e => new { e.Kind, e.Actor }).ToListAsync());
        Assert.Equal(new (AuditKind, string?)[] { (AuditKind.ProjectDeleted, editorEmail), (AuditKind.ProjectUndeleted, adminEmail) }, events.Select(e => (e.Kind, e.Actor)).ToArray());
        var log = (await admin.GetPageAsync("/admin/granskningslogg")).DocumentElement.ReadableText();
        Assert.Contains("Projekt borttaget", log, StringComparison.Ordinal);
        Assert.Contains(detail, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_lists_each_save_with_who_and_what_and_an_old_version_can_be_restored()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var editor = await app.SignedInClientAsync(email);
        var (title, word) = NewTitle("Historik");
        var create = await FormPage.OpenAsync(editor, NewProject);
        var url = await create.Type("Input.Title", title).Type("Input.Municipalities", "Malå").SaveAsync("Spara och publicera");
        var slug = (await FormPage.OpenAsync(editor, url)).Value("Input.Slug");
        var renamed = title + " (nytt namn)";
        await (await FormPage.OpenAsync(editor, url)).Type("Input.Title", renamed).SaveAsync("Spara");
        Assert.Equal(renamed, (await _public.GetPageAsync($"/projekt/{slug}")).QuerySelector("h1")!.ReadableText());

        var history = await FormPage.OpenAsync(editor, $"{url}/historik");

        var versions = history.Document.QuerySelectorAll("main section.box").ToList();
        Assert.Equal(["Version 2: Ändrat", "Version 1: Skapat"], versions.Select(v => v.QuerySelector("h2")!.ReadableText()));
        Assert.All(versions, v => Assert.Equal(email, v.QuerySelector("p strong")?.ReadableText()));
        var titleChange = versions[0].QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("th")!.ReadableText() == "Titel");
        Assert.Equal(title, titleChange.QuerySelector("td.diff-before")!.ReadableText());
        Assert.Equal(renamed, titleChange.QuerySelector("td.diff-after")!.ReadableText());

        Assert.Equal($"{url}/historik", await (await history.FollowAsync("Återställ till version 1")).SaveAsync("Ja, återställ till version 1"));

        Assert.Equal(title, (await _public.GetPageAsync($"/projekt/{slug}")).QuerySelector("h1")!.ReadableText());
        Assert.Contains(title, await PublicTitlesAsync(word));
        var after = await editor.GetPageAsync($"{url}/historik");
        Assert.Equal("Version 3: Återställt från en tidigare version", after.QuerySelector("main section.box h2")!.ReadableText());
        Assert.Equal(3, after.QuerySelectorAll("main section.box").Length);
    }

    [Fact]
    public async Task A_deleted_project_leaves_every_list_and_only_an_admin_brings_it_back()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (title, word) = NewTitle("Papperskorg");
        var url = await (await FormPage.OpenAsync(editor, NewProject)).Type("Input.Title", title).SaveAsync("Spara och publicera");
        var slug = (await FormPage.OpenAsync(editor, url)).Value("Input.Slug");
        var id = int.Parse(url.Split('/')[^1], CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, await PublicStatusAsync($"/projekt/{slug}"));

        Assert.Equal("/admin", await (await FormPage.OpenAsync(editor, $"{url}/ta-bort")).SaveAsync("Ja, ta bort projektet"));

        Assert.Equal(HttpStatusCode.NotFound, await PublicStatusAsync($"/projekt/{slug}"));
        Assert.DoesNotContain(title, await PublicTitlesAsync(word));
        Assert.Null(StaffRowOrNull(await editor.GetPageAsync($"/admin?q={word}"), title));
        Assert.True(IsRefused(await editor.GetAsync(new Uri("/admin/papperskorg", UriKind.Relative))), "En redaktör fick se papperskorgen.");
        Assert.True(IsRefused(await editor.PostFormAsync($"/admin/papperskorg?handler=Undelete&id={id}", new(), formPage: "/admin/projekt/ny")),
            "En redaktör fick ångra en borttagning.");
        Assert.Equal(HttpStatusCode.NotFound, await PublicStatusAsync($"/projekt/{slug}"));

        var admin = await app.SignedInAsAsync(Roles.Admin);
        var bin = await FormPage.OpenAsync(admin, "/admin/papperskorg");
        Assert.Contains(bin.Document.QuerySelectorAll("tbody th"), th => th.ReadableText() == title);
        Assert.Equal("/admin/papperskorg", await bin.SaveAsync($"Ångra borttagningen av {title}"));

        Assert.Equal(HttpStatusCode.OK, await PublicStatusAsync($"/projekt/{slug}"));
        Assert.Contains(title, await PublicTitlesAsync(word));
        Assert.NotNull(StaffRowOrNull(await editor.GetPageAsync($"/admin?q={word}"), title));
        Assert.DoesNotContain((await admin.GetPageAsync("/admin/papperskorg")).QuerySelectorAll("tbody th"), th => th.ReadableText() == title);
    }

    [Theory]
    [InlineData("mojligheternas-region")]
    [InlineData(null)]
    public async Task An_editor_cannot_publish_in_another_organisations_list(string? slug)
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var url = slug is null ? NewProject : $"/admin/projekt/{await ProjectIdAsync(slug)}";
        var (title, _) = NewTitle("Kapning");
        var form = await FormPage.OpenAsync(editor, url);
        var before = await ProjectsOfAsync("leader-polaris");
        var project = slug is null ? null : await InDbAsync(db => db.Projects.Where(p => p.Slug == slug).Select(p => new { p.PublisherId, p.Version, p.Title }).SingleAsync());
        // Not offered in the menu, so this is what a hand-made POST would send.
        form.Type("Input.PublisherId", (await OrganisationIdAsync("leader-polaris")).ToString(CultureInfo.InvariantCulture)).Type("Input.Title", title);

        using var response = await form.PressAsync("Spara");

        Assert.True(IsRefused(response), $"Sparandet gav {(int)response.StatusCode} {response.Headers.Location}, inte nekat.");
        Assert.Equal(before, await ProjectsOfAsync("leader-polaris"));
        Assert.False(await InDbAsync(db => db.Projects.IgnoreQueryFilters().AnyAsync(p => p.Title == title)));
        if (slug is not null)
            Assert.Equal(project, await InDbAsync(db => db.Projects.Where(p => p.Slug == slug).Select(p => new { p.PublisherId, p.Version, p.Title }).SingleAsync()));
    }

    [Fact]
    public async Task The_first_edit_of_a_seeded_project_keeps_the_imported_version_restorable()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        const string slug = "forstudie-park-malaborg";
        var id = await ProjectIdAsync(slug);
        var original = (await _public.GetPageAsync($"/projekt/{slug}")).QuerySelector("h1")!.ReadableText();
        // Read in long before its first save: revision 1 carries the import's time, not the save's.
        var importedAt = new DateTime(2025, 3, 1, 8, 30, 0, DateTimeKind.Utc);
        await InDbAsync(db => db.Projects.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.CreatedAt, importedAt)));
        var empty = await editor.GetPageAsync($"/admin/projekt/{id}/historik");
        Assert.Empty(empty.QuerySelectorAll("main section.box"));
        Assert.Contains("har inte ändrats sedan det lästes in", empty.DocumentElement.ReadableText(), StringComparison.Ordinal);

        await (await FormPage.OpenAsync(editor, $"/admin/projekt/{id}")).Type("Input.Title", "Park Malåborg, nytt namn").SaveAsync("Spara");

        var history = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}/historik");
        var versions = history.Document.QuerySelectorAll("main section.box").ToList();
        Assert.Equal(["Version 2: Ändrat", "Version 1: Inläst från källfilerna"], versions.Select(v => v.QuerySelector("h2")!.ReadableText()));
        Assert.StartsWith(ProjectRegistry.Web.Infrastructure.Text.SwedishTime.DayAndTime(importedAt), versions[1].QuerySelector("p")!.ReadableText(), StringComparison.Ordinal);
        Assert.Equal("Park Malåborg, nytt namn", (await _public.GetPageAsync($"/projekt/{slug}")).QuerySelector("h1")!.ReadableText());

        await (await history.FollowAsync("Återställ till version 1")).SaveAsync("Ja, återställ till version 1");

        Assert.Equal(original, (await _public.GetPageAsync($"/projekt/{slug}")).QuerySelector("h1")!.ReadableText());
        Assert.Equal(3, (await editor.GetPageAsync($"/admin/projekt/{id}/historik")).QuerySelectorAll("main section.box").Length);
    }

    [Fact]
    public async Task Saving_as_a_draft_hides_a_published_project_again()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (title, word) = NewTitle("Utkast");
        var url = await (await FormPage.OpenAsync(editor, NewProject)).Type("Input.Title", title).SaveAsync("Spara och publicera");
        var edit = await FormPage.OpenAsync(editor, url);
        var slug = edit.Value("Input.Slug");
        Assert.Equal(HttpStatusCode.OK, await PublicStatusAsync($"/projekt/{slug}"));

        await edit.SaveAsync("Spara och gör till utkast");

        Assert.Equal(HttpStatusCode.NotFound, await PublicStatusAsync($"/projekt/{slug}"));
        Assert.DoesNotContain(title, await PublicTitlesAsync(word));
        Assert.Contains("Nej, utkast", StaffRow(await editor.GetPageAsync($"/admin?q={word}"), title).ReadableText(), StringComparison.Ordinal);
        Assert.Contains("Spara och publicera", (await FormPage.OpenAsync(editor, url)).Buttons());
    }

    [Fact]
    public async Task After_a_save_the_public_pages_show_todays_date_as_last_updated()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        const string slug = "nimr";
        var id = await ProjectIdAsync(slug);
        Assert.Equal("Senast uppdaterad 11 januari 2024.", LastUpdated(await _public.GetPageAsync($"/projekt/{slug}")));
        var form = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        var title = form.Value("Input.Title")!;

        // The day as a clock in Sweden shows it, whatever zone the test machine runs in (23:30 UTC is tomorrow in Malå).
        var sweden = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
        var before = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, sweden);
        await form.Type("Input.Purpose", "Ett nytt syfte, sparat i dag.").SaveAsync("Spara");
        var days = new[] { before, TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, sweden) }
            .Select(d => SwedishText.Date(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Distinct().ToList();

        Assert.Contains(LastUpdated(await _public.GetPageAsync($"/projekt/{slug}")), days.Select(d => $"Senast uppdaterad {d}."));
        var card = (await _public.GetPageAsync("/projekt")).QuerySelectorAll("li.project-card")
            .SingleOrDefault(c => c.QuerySelector("h3")?.ReadableText() == title);
        Assert.True(card is not null, $"{title} saknas på första sidan av /projekt, som visar senast uppdaterade först.");
        Assert.Contains(card.QuerySelector(".project-card__updated")!.ReadableText(), days.Select(d => $"Uppdaterad {d}"));
    }

    [Fact]
    public async Task Places_typed_with_coordinates_are_saved_and_shown_on_the_map_and_in_the_api()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "leader-polaris");
        const string slug = "soutujarvibygden-servicekontor";
        var id = await ProjectIdAsync(slug);
        var title = (await _public.GetPageAsync($"/projekt/{slug}")).QuerySelector("h1")!.ReadableText();
        Assert.DoesNotContain(await MapMarkersAsync(), m => m.Href == $"/projekt/{slug}");
        var form = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        Assert.Equal("Soutujärvibygden", form.Value("Input.Places"));

        await form.Type("Input.Places", "Soutujärvibygden; 67,05; 21,05\nNattavaara;66.75;20.95\nDokkas").SaveAsync("Spara");

        // Shown back in the form's own line form, with a decimal comma, so the next edit starts from what was saved.
        Assert.Equal("Soutujärvibygden; 67,05; 21,05\nNattavaara; 66,75; 20,95\nDokkas", (await FormPage.OpenAsync(editor, $"/admin/projekt/{id}")).Value("Input.Places"));
        var markers = (await MapMarkersAsync()).Where(m => m.Href == $"/projekt/{slug}").ToList();
        Assert.Equal(["Nattavaara", "Soutujärvibygden"], markers.Select(m => m.Title.Split(':')[0]).Order(StringComparer.Ordinal));
        Assert.All(markers, m => Assert.Equal("marker marker--vantar-pa-beslut", m.Class));
        Assert.All(markers, m => Assert.EndsWith($": {title} (Väntar på beslut från SJV)", m.Title, StringComparison.Ordinal));
        var places = (await ApiProjectAsync(slug)).GetProperty("places").EnumerateArray()
            .Select(x => (x.GetProperty("name").GetString(), Coordinate(x, "latitude"), Coordinate(x, "longitude"))).ToList();
        Assert.Equal([("Soutujärvibygden", 67.05, 21.05), ("Nattavaara", 66.75, 20.95), ("Dokkas", (double?)null, (double?)null)], places);
        Assert.Contains("Soutujärvibygden, Nattavaara, Dokkas", (await _public.GetPageAsync($"/projekt/{slug}")).QuerySelector(".facts")!.ReadableText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_place_outside_Sweden_is_refused_on_the_field_and_nothing_is_saved_or_lost()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "leader-polaris");
        const string slug = "forstudie-arctic-circle-centre";
        var id = await ProjectIdAsync(slug);
        var before = await InDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => new { p.Version, Places = string.Join("|", p.Places.Select(x => $"{x.Name} {x.Latitude} {x.Longitude}")) }).SingleAsync());
        var form = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        Assert.Equal("Vuollerim; 66,43; 20,61", form.Value("Input.Places"));
        // Latitude and longitude swapped: a point in the Indian Ocean, not in Vuollerim.
        const string typed = "Vuollerim; 20,61; 66,43\nPorjus; 66,96; 19,82";

        using var response = await form.Type("Input.Places", typed).Type("Input.Purpose", "Ett nytt syfte som inte får försvinna.").PressAsync("Spara");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("”Vuollerim”: punkten 20,61, 66,43 ligger inte i Sverige.", shown.QuerySelector("[data-valmsg-for='Input.Places']")?.ReadableText(), StringComparison.Ordinal);
        Assert.Contains(shown.QuerySelectorAll(".error-summary a"), a => a.GetAttribute("href") == "#Input_Places");
        Assert.Equal(typed, shown.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Places']")?.Value);
        Assert.Equal("Ett nytt syfte som inte får försvinna.", shown.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Purpose']")?.Value);
        Assert.Equal(before, await InDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => new { p.Version, Places = string.Join("|", p.Places.Select(x => $"{x.Name} {x.Latitude} {x.Longitude}")) }).SingleAsync()));
        var place = Assert.Single((await ApiProjectAsync(slug)).GetProperty("places").EnumerateArray());
        Assert.Equal(66.43, place.GetProperty("latitude").GetDouble());
        Assert.DoesNotContain(await MapMarkersAsync(), m => m.Title.StartsWith("Porjus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_draft_is_left_out_of_the_statistics_and_the_map_until_it_is_published()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (title, _) = NewTitle("Kartprov");
        var before = await StatisticsOfMalaAsync();
        var form = await FormPage.OpenAsync(editor, NewProject);
        form.Type("Input.Title", title).Choose("Input.Status", "Pågående").Type("Input.Municipalities", "Malå")
            .Type("Input.Places", "Adak; 65,33; 18,60").Type("Input.BudgetAmount", "250 000").Choose("Input.BudgetCurrency", "SEK");

        var url = await form.SaveAsync("Spara");

        var slug = (await FormPage.OpenAsync(editor, url)).Value("Input.Slug");
        Assert.DoesNotContain(await MapMarkersAsync(), m => m.Href == $"/projekt/{slug}");
        Assert.Equal(before, await StatisticsOfMalaAsync());

        await (await FormPage.OpenAsync(editor, url)).SaveAsync("Spara och publicera");

        var marker = Assert.Single(await MapMarkersAsync(), m => m.Href == $"/projekt/{slug}");
        Assert.Equal($"Adak: {title} (Pågående)", marker.Title);
        Assert.Equal("marker marker--pagaende", marker.Class);
        var after = await StatisticsOfMalaAsync();
        Assert.Equal(before.Projects + 1, after.Projects);
        Assert.Equal(before.BudgetKronor + 250_000, after.BudgetKronor);
    }

    // ---- Texts that could break a page (issue 11) ----

    [Fact]
    public async Task Control_characters_are_stripped_on_save_so_the_feed_and_the_csv_stay_whole()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (title, word) = NewTitle("Styr\u0001tecken");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form.Type("Input.Title", title + "\u0007").Choose("Input.Status", "Pågående").Type("Input.Municipalities", "Malå")
            .Type("Input.Purpose", "Rad ett\r\nrad\u000b två\rrad tre\tmed tabb");

        await form.SaveAsync("Spara och publicera");

        var expected = title.Replace("\u0001", "", StringComparison.Ordinal);
        var stored = await InDbAsync(db => db.Projects.Where(p => p.Title == expected).Select(p => new { p.Title, p.Purpose, p.Slug }).SingleAsync());
        Assert.Equal("Rad ett\nrad två\nrad tre\tmed tabb", stored.Purpose);
        using var atom = await _public.GetAsync(new Uri($"/projekt.atom?q={word}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, atom.StatusCode);
        Assert.Contains(stored.Title, await atom.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var csv = await _public.GetAsync(new Uri($"/projekt.csv?q={word}", UriKind.Relative));
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains(stored.Title, text, StringComparison.Ordinal);
        Assert.DoesNotContain(text, c => char.IsControl(c) && c is not '\r' and not '\n' and not '\t');
    }

    [Fact]
    public async Task The_feed_leaves_out_a_control_character_already_stored_instead_of_failing()
    {
        var (title, word) = NewTitle("Lagrad");
        await InDbAsync(async db =>
        {
            var project = await db.Projects.SingleAsync(p => p.Slug == "barkraft");
            project.Title = title + "\u0001";
            project.Purpose = "Syfte med \u0002 i sig";
            return await db.SaveChangesAsync();
        });

        using var atom = await _public.GetAsync(new Uri($"/projekt.atom?q={word}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, atom.StatusCode);
        var feed = System.Xml.Linq.XDocument.Parse(await atom.Content.ReadAsStringAsync());
        Assert.Contains(feed.Descendants("{http://www.w3.org/2005/Atom}title"), t => t.Value.StartsWith(title + " (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Markdown_nested_too_deep_is_refused_at_the_field_and_such_text_already_stored_still_shows()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (title, _) = NewTitle("Djup");
        var deep = new string('>', 200) + " citat";
        var form = await FormPage.OpenAsync(editor, NewProject);
        form.Type("Input.Title", title).Choose("Input.Status", "Pågående").Type("Input.Description", deep);

        var preview = await form.StayAsync("Förhandsgranska beskrivningen");
        var shown = await form.StayAsync("Spara");

        Assert.Contains("citat", preview.Document.Body!.ReadableText(), StringComparison.Ordinal);
        Assert.Contains("för många nivåer", shown.FieldError("Input.Description"), StringComparison.Ordinal);
        Assert.False(await InDbAsync(db => db.Projects.IgnoreQueryFilters().AnyAsync(p => p.Title == title)));

        // Stored before the rule: the public page shows the text as typed.
        await InDbAsync(async db =>
        {
            var project = await db.Projects.SingleAsync(p => p.Slug == "digitala-steget");
            project.Description = deep;
            return await db.SaveChangesAsync();
        });
        var page = await _public.GetPageAsync("/projekt/digitala-steget");
        Assert.Contains(deep, page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_over_its_bound_gets_a_Swedish_message_at_its_field_and_nothing_is_saved()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (title, _) = NewTitle("Lång");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form = await form.StayAsync("Lägg till kontakt");
        form.Type("Input.Title", title).Choose("Input.Status", "Pågående")
            .Type("Input.Description", new string('d', 30_001)).Type("Input.Contacts[0].Name", new string('n', 201));

        var shown = await form.StayAsync("Spara");

        Assert.Equal("Beskrivningen får vara högst 30 000 tecken (nu 30 001).", SwedishText.Normalise(shown.FieldError("Input.Description")));
        Assert.Equal("Namnet får vara högst 200 tecken (nu 201).", shown.FieldError("Input.Contacts[0].Name"));
        Assert.False(await InDbAsync(db => db.Projects.IgnoreQueryFilters().AnyAsync(p => p.Title == title)));
    }

    // ---- Steps and look-ups ----

    /// <summary>What /statistik?kommun=2418 says of Malå: its number of projects and its budget in kronor (the full municipality table).</summary>
    private async Task<(int Projects, long BudgetKronor)> StatisticsOfMalaAsync()
    {
        var page = await _public.GetPageAsync("/statistik?kommun=2418&visa=kommuner");
        var count = page.QuerySelector("ul.sums li")!.ReadableText();
        var row = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.ReadableText() == "Projekt och budget per kommun")
            .QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("a")?.GetAttribute("href") == "/kommuner/2418");
        var kronor = row.QuerySelectorAll("td").Select(td => SwedishText.Normalise(td.TextContent)).Single(t => t.EndsWith(" kr", StringComparison.Ordinal));
        return (int.Parse(count.Split(' ')[0], CultureInfo.InvariantCulture), long.Parse(kronor[..^3].Replace(" ", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
    }

    private sealed record MapMarker(string Href, string Title, string Class);

    private async Task<List<MapMarker>> MapMarkersAsync() =>
        (await _public.GetPageAsync("/statistik")).QuerySelectorAll("svg.map a").Where(a => a.QuerySelector("circle") is not null)
            .Select(a => new MapMarker(a.GetAttribute("href")!, a.QuerySelector("title")!.ReadableText(), a.QuerySelector("circle")!.GetAttribute("class")!))
            .ToList();

    private async Task<System.Text.Json.JsonElement> ApiProjectAsync(string slug)
    {
        using var response = await _public.GetAsync(new Uri($"/api/v1/projects/{slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static double? Coordinate(System.Text.Json.JsonElement place, string name) =>
        place.GetProperty(name).ValueKind == System.Text.Json.JsonValueKind.Null ? null : place.GetProperty(name).GetDouble();

    /// <summary>A title nobody else uses, and one word of it to search for.</summary>
    private static (string Title, string Word) NewTitle(string prefix)
    {
        var word = "t" + Guid.NewGuid().ToString("N")[..10];
        return ($"{prefix} {word}", word);
    }

    private async Task<List<string>> PublicTitlesAsync(string word) =>
        (await _public.GetPageAsync($"/projekt?q={word}")).QuerySelectorAll("li.project-card h3").Select(h => h.ReadableText()).ToList();

    private async Task<HttpStatusCode> PublicStatusAsync(string url)
    {
        using var response = await _public.GetAsync(new Uri(url, UriKind.Relative));
        return response.StatusCode;
    }

    private static string LastUpdated(IDocument page) =>
        page.QuerySelectorAll(".project-header p").Select(p => p.ReadableText())
            .Where(t => t.Contains("Senast uppdaterad", StringComparison.Ordinal))
            .Select(t => t[t.IndexOf("Senast uppdaterad", StringComparison.Ordinal)..]).FirstOrDefault() ?? "";

    private static IElement? StaffRowOrNull(IDocument list, string title) =>
        list.QuerySelectorAll("tbody tr").SingleOrDefault(tr => tr.QuerySelector("th")?.ReadableText() == title);

    private static IElement StaffRow(IDocument list, string title) =>
        StaffRowOrNull(list, title) ?? throw new Xunit.Sdk.XunitException($"{title} saknas i personalens projektlista.");

    private static string Notice(IDocument page) => page.QuerySelector(".notice[role=status]")?.ReadableText() ?? "";

    private static bool IsRefused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && LocationPath(response) == "/admin/ingen-behorighet");

    private static string? LocationPath(HttpResponseMessage response) => FormPage.LocationPath(response);

    private async Task<T> InDbAsync<T>(Func<RegistryDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    private Task<int> ProjectIdAsync(string slug) => InDbAsync(db => db.Projects.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());

    private Task<int> OrganisationIdAsync(string slug) => InDbAsync(db => db.Organisations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync());

    private Task<string> ProjectsOfAsync(string publisher) => InDbAsync(async db => string.Join('\n',
        await db.Projects.IgnoreQueryFilters().Where(p => p.Publisher.Slug == publisher).OrderBy(p => p.Id)
            .Select(p => $"{p.Id}:{p.Version}:{p.Title}").ToListAsync()));
}
