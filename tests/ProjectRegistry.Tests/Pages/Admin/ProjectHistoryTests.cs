using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>
/// The history page's restore, for revisions written in every snapshot format the registry has stored. A revision is
/// kept for years; a renamed property of the form must never empty a field when an old one is restored.
/// </summary>
public class ProjectHistoryTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    /// <summary>
    /// A snapshot exactly as revisions were written up to December 2026 (format 1): the form class itself, serialised
    /// under "Form", with no "Format" member. Organisation ids are filled in per database.
    /// </summary>
    private const string FormatOne = """
        {"Form":{"Version":0,"Title":"Exportfokus, version från 2024","Slug":"exportfokus","ShortName":"Exportfokus 2024",
        "PublisherId":{mala},"Status":"pagaende","StatusDate":null,"OwnerId":{gold},"SteeringGroup":"En person per kommun",
        "Purpose":"Fler utländska gäster","Goal":"Ökad beläggning","SubGoals":"30 företag\n10 mässor","TargetGroups":"Företag i besöksnäringen",
        "Description":"Projektet **bekostar** mässor.","Start":"2018-09","End":"2021-12-31","BudgetAmount":"3 900 000","BudgetCurrency":"SEK",
        "FinancingNote":"Kommunerna delar lika","Municipalities":"Malå, Norsjö","Places":"Malå; 65,18; 18,74","GoalAreaIds":[],"DirectionGoalIds":[],
        "Partners":[{"OrganisationId":{gold},"Role":"Samordnare","Amount":"100 000","Currency":"SEK"}],
        "Financiers":[{"OrganisationId":{mala},"Amount":"90 000","Currency":"SEK","AccountingReference":"verksamhet 228","Note":"Beslut 2018"}],
        "Contacts":[{"Name":"Karin Fällman Stenlund","Role":"Projektledare","Organisation":"Gold of Lapland","Phone":"0953-141 00","Email":"karin@example.se","IsRoleMailbox":false}],
        "Links":[{"Kind":"slutrapport","Text":"Läs slutrapporten","Url":"https://www.example.se/slutrapport.pdf"}],
        "Identifiers":[{"Registry":"jordbruksverket","Value":"2018-1234"}]},
        "IsPublished":true,"IsDeleted":false}
        """;

    [Fact]
    public async Task A_revision_stored_in_the_first_snapshot_format_restores_every_field()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var id = await app.InDbAsync(db => db.Projects.Where(p => p.Slug == "exportfokus").Select(p => p.Id).SingleAsync());
        var organisations = await app.InDbAsync(db => db.Organisations.ToDictionaryAsync(o => o.Slug, o => o.Id));
        var json = FormatOne.Replace("{mala}", organisations["mala-kommun"].ToString(), StringComparison.Ordinal)
            .Replace("{gold}", organisations["gold-of-lapland"].ToString(), StringComparison.Ordinal);
        // Version 1 is the old state to restore; version 2, the current one, offers no restore of itself.
        await app.InDbAsync(async db =>
        {
            foreach (var (number, snapshot) in new[] { (1, json), (2, json.Replace("version från 2024", "version från 2025", StringComparison.Ordinal)) })
                db.ProjectRevisions.Add(new ProjectRevision
                {
                    ProjectId = id, Number = number, Kind = RevisionKind.Edited, CreatedAt = new DateTime(2024, 1, 11, 9, number, 0, DateTimeKind.Utc),
                    UserName = "anna@mala.se", ChangesJson = "[]", SnapshotJson = snapshot,
                });
            return await db.SaveChangesAsync();
        });

        var history = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}/historik");
        await (await history.FollowAsync("Återställ till version 1")).SaveAsync("Ja, återställ till version 1");

        var form = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        var expected = new Dictionary<string, string>
        {
            ["Input.Title"] = "Exportfokus, version från 2024",
            ["Input.ShortName"] = "Exportfokus 2024",
            ["Input.Status"] = "pagaende",
            ["Input.SteeringGroup"] = "En person per kommun",
            ["Input.Purpose"] = "Fler utländska gäster",
            ["Input.Goal"] = "Ökad beläggning",
            ["Input.SubGoals"] = "30 företag\n10 mässor",
            ["Input.TargetGroups"] = "Företag i besöksnäringen",
            ["Input.Description"] = "Projektet **bekostar** mässor.",
            ["Input.Start"] = "2018-09",
            ["Input.End"] = "2021-12-31",
            ["Input.BudgetAmount"] = "3 900 000",
            ["Input.FinancingNote"] = "Kommunerna delar lika",
            ["Input.Municipalities"] = "Malå, Norsjö",
            ["Input.Places"] = "Malå; 65,18; 18,74",
            ["Input.Partners[0].Role"] = "Samordnare",
            ["Input.Partners[0].Amount"] = "100 000",
            ["Input.Financiers[0].Amount"] = "90 000",
            ["Input.Financiers[0].AccountingReference"] = "verksamhet 228",
            ["Input.Financiers[0].Note"] = "Beslut 2018",
            ["Input.Contacts[0].Name"] = "Karin Fällman Stenlund",
            ["Input.Contacts[0].Phone"] = "0953-141 00",
            ["Input.Contacts[0].Email"] = "karin@example.se",
            ["Input.Links[0].Text"] = "Läs slutrapporten",
            ["Input.Links[0].Url"] = "https://www.example.se/slutrapport.pdf",
            ["Input.Identifiers[0].Value"] = "2018-1234",
        };
        foreach (var (field, value) in expected)
            Assert.True(SwedishText.Normalise(form.Value(field) ?? "") == SwedishText.Normalise(value), $"{field}: ”{form.Value(field)}”, not ”{value}”");
        Assert.Equal(organisations["gold-of-lapland"].ToString(), form.Value("Input.OwnerId"));
        Assert.Equal(organisations["mala-kommun"].ToString(), form.Value("Input.Financiers[0].OrganisationId"));
        Assert.Null(form.Value("Input.Financiers[1].OrganisationId"));

        var page = await app.CreateClient().GetPageAsync("/projekt/exportfokus");
        Assert.Equal("Exportfokus, version från 2024", page.QuerySelector("h1")!.ReadableText());
        Assert.NotNull(page.QuerySelector("a[href='https://www.example.se/slutrapport.pdf']"));
        Assert.NotNull(page.QuerySelector("a[href='/kommuner/2417']"));
        Assert.Null(page.QuerySelector("a[href='/kommuner/2404']"));
    }

    [Fact]
    public async Task A_save_stores_the_current_snapshot_format_and_it_restores()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var id = await app.InDbAsync(db => db.Projects.Where(p => p.Slug == "regai").Select(p => p.Id).SingleAsync());
        var original = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        await original.Type("Input.Title", "RegAI, nytt namn").Type("Input.Purpose", "Ett nytt syfte").SaveAsync("Spara");

        var stored = await app.InDbAsync(db => db.ProjectRevisions.Where(r => r.ProjectId == id).OrderBy(r => r.Number).Select(r => r.SnapshotJson).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, json => Assert.Contains("\"Format\":2", json, StringComparison.Ordinal));

        await (await (await FormPage.OpenAsync(editor, $"/admin/projekt/{id}/historik")).FollowAsync("Återställ till version 1")).SaveAsync("Ja, återställ till version 1");

        var restored = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        foreach (var field in new[] { "Input.Title", "Input.Purpose", "Input.Start", "Input.End", "Input.Municipalities", "Input.Financiers[0].Amount" })
            Assert.Equal(original.Value(field), restored.Value(field));
    }

    [Fact]
    public async Task A_snapshot_from_before_results_restores_and_leaves_the_project_without_results()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var id = await app.InDbAsync(db => db.Projects.Where(p => p.Slug == "nimr").Select(p => p.Id).SingleAsync());
        var indicator = await app.InDbAsync(async db =>
        {
            var added = new Indicator { OrganisationId = await db.Organisations.Where(o => o.Slug == "mala-kommun").Select(o => o.Id).SingleAsync(), Name = "Nya företag " + Guid.NewGuid().ToString("N")[..6], Unit = "företag" };
            db.Indicators.Add(added);
            await db.SaveChangesAsync();
            return added;
        });
        // The state before results existed, as the current format without the two new members.
        // A save with a change (one without writes no revision) records the imported state as version 1.
        var before = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        await before.Type("Input.ShortName", "NIMR, sparat en gång").SaveAsync("Spara");
        var old = await app.InDbAsync(db => db.ProjectRevisions.Where(r => r.ProjectId == id).OrderBy(r => r.Number).Select(r => r.SnapshotJson).FirstAsync());
        var withoutResults = old.Replace(",\"Results\":[]", "", StringComparison.Ordinal).Replace(",\"ResultsText\":null", "", StringComparison.Ordinal);
        await app.InDbAsync(async db =>
        {
            var first = await db.ProjectRevisions.Where(r => r.ProjectId == id).OrderBy(r => r.Number).FirstAsync();
            first.SnapshotJson = withoutResults;
            return await db.SaveChangesAsync();
        });
        Assert.DoesNotContain("Results", withoutResults, StringComparison.Ordinal);

        var form = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        form = await form.StayAsync("Lägg till indikator");
        await form.Choose("Input.Results[0].IndicatorId", $"{indicator.Name} (företag)").Type("Input.Results[0].Achieved", "4")
            .Type("Input.ResultsText", "Fyra nya företag.").SaveAsync("Spara");
        Assert.Equal("4", (await FormPage.OpenAsync(editor, $"/admin/projekt/{id}")).Value("Input.Results[0].Achieved"));

        await (await (await FormPage.OpenAsync(editor, $"/admin/projekt/{id}/historik")).FollowAsync("Återställ till version 1")).SaveAsync("Ja, återställ till version 1");

        var restored = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        Assert.Null(restored.Value("Input.Results[0].IndicatorId"));
        Assert.Equal("", restored.Value("Input.ResultsText") ?? "");
        Assert.Equal(before.Value("Input.Title"), restored.Value("Input.Title"));
        Assert.Equal(0, await app.InDbAsync(db => db.ProjectIndicatorValues.CountAsync(v => v.ProjectId == id)));
    }

    [Fact]
    public async Task The_history_shows_the_date_each_status_took_effect()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var create = await FormPage.OpenAsync(editor, "/admin/projekt/ny");
        var url = await create.Type("Input.Title", $"Statusdatum {Guid.NewGuid():N}").Choose("Input.Status", "Pågående")
            .Type("Input.StatusDate", "2025-02-01").SaveAsync("Spara");
        await (await FormPage.OpenAsync(editor, url)).Choose("Input.Status", "Slutredovisat").Type("Input.StatusDate", "2026-01-15").SaveAsync("Spara");

        var history = await FormPage.OpenAsync(editor, $"{url}/historik");

        Assert.Equal(["Pågående: från 2025-02-01", "Slutredovisat: från 2026-01-15"],
            history.Document.QuerySelectorAll(".status-dates li").Select(li => li.ReadableText()));
    }

    [Fact]
    public async Task Restoring_a_revision_asks_first_and_says_what_would_change()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var word = Guid.NewGuid().ToString("N")[..10];
        var url = await (await FormPage.OpenAsync(editor, "/admin/projekt/ny")).Type("Input.Title", $"Före {word}").SaveAsync("Spara");
        await (await FormPage.OpenAsync(editor, url)).Type("Input.Title", $"Efter {word}").SaveAsync("Spara");
        var id = int.Parse(url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Task<string> TitleAsync() => app.InDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => p.Title).SingleAsync());

        var confirm = await (await FormPage.OpenAsync(editor, $"{url}/historik")).FollowAsync("Återställ till version 1");

        Assert.Equal($"Efter {word}", await TitleAsync());
        Assert.Equal("Återställa till version 1?", confirm.Document.QuerySelector("#confirm-heading")!.ReadableText());
        var row = confirm.Document.QuerySelectorAll(".confirm tbody tr").Single(tr => tr.QuerySelector("th")!.ReadableText() == "Titel");
        Assert.Equal(($"Efter {word}", $"Före {word}"), (row.QuerySelector("td.diff-before")!.ReadableText(), row.QuerySelector("td.diff-after")!.ReadableText()));
        Assert.Equal($"{url}/historik", confirm.Document.QuerySelectorAll(".confirm a").Single(a => a.ReadableText() == "Avbryt").GetAttribute("href"));

        Assert.Equal($"{url}/historik", await confirm.SaveAsync("Ja, återställ till version 1"));

        Assert.Equal($"Före {word}", await TitleAsync());
    }
}
