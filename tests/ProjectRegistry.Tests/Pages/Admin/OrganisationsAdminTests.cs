using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>
/// The admin's organisation pages: the list, the edit page with its publisher settings, and the LUS page.
/// Tests that change data start an app of their own, so the shared seeded app stays as seeded.
/// </summary>
[Collection(SeededApp.Name)]
public partial class OrganisationsAdminTests(RegistryAppFactory app)
{
    /// <summary>Every page and handler; {polaris} is Leader Polaris's id, {area} and {goal} a goal area and direction goal of Malå's.</summary>
    public static TheoryData<string, string> Requests => new()
    {
        { "GET", "/admin/organisationer" },
        { "GET", "/admin/organisationer/ny" },
        { "GET", "/admin/organisationer/{polaris}" },
        { "GET", "/admin/organisationer/{mala}/lus" },
        { "POST", "/admin/organisationer/ny?handler=Save" },
        { "POST", "/admin/organisationer/{polaris}?handler=Save" },
        { "POST", "/admin/organisationer/{polaris}?handler=Delete" },
        { "POST", "/admin/organisationer/{mala}/lus?handler=AddGoalArea" },
        { "POST", "/admin/organisationer/{mala}/lus?handler=RenameGoalArea" },
        { "POST", "/admin/organisationer/{mala}/lus?handler=MoveGoalArea" },
        { "POST", "/admin/organisationer/{mala}/lus?handler=DeleteGoalArea" },
        { "POST", "/admin/organisationer/{mala}/lus?handler=AddDirectionGoal" },
        { "POST", "/admin/organisationer/{mala}/lus?handler=RenameDirectionGoal" },
        { "POST", "/admin/organisationer/{mala}/lus?handler=MoveDirectionGoal" },
        { "POST", "/admin/organisationer/{mala}/lus?handler=DeleteDirectionGoal" },
        { "POST", "/admin/organisationer/{mala}/lus?handler=SaveBudget" },
        { "POST", "/admin/organisationer/{mala}/lus?handler=AddIndicator" },
        { "POST", "/admin/organisationer/{mala}/lus?handler=EditIndicator" },
        { "POST", "/admin/organisationer/{mala}/lus?handler=MoveIndicator" },
        { "POST", "/admin/organisationer/{mala}/lus?handler=DeleteIndicator" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_nothing_changes(string method, string route)
    {
        var before = await SnapshotAsync(app);
        var url = await ResolveAsync(app, route);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using var response = method == "GET"
            ? await client.GetAsync(new Uri(url, UriKind.Relative))
            // A real antiforgery token, from the one admin form an anonymous visitor can load.
            : await client.PostFormAsync(url, await HostileFieldsAsync(app), formPage: "/admin/logga-in");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/logga-in", LocationOf(response));
        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Editors_are_refused_and_nothing_changes(string method, string route)
    {
        var before = await SnapshotAsync(app);
        var url = await ResolveAsync(app, route);
        // An editor of the very organisation: editing its projects does not make one an admin of it.
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun", "leader-polaris");

        using var response = method == "GET"
            ? await editor.GetAsync(new Uri(url, UriKind.Relative))
            : await editor.PostFormAsync(url, await HostileFieldsAsync(app), formPage: "/admin");

        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && LocationOf(response) == "/admin/ingen-behorighet"),
            $"{method} {url} gav {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Theory]
    [InlineData("/admin/organisationer")]
    [InlineData("/admin/organisationer/ny")]
    [InlineData("/admin/organisationer/{polaris}")]
    [InlineData("/admin/organisationer/{mala}")]
    [InlineData("/admin/organisationer/{polaris}/lus")]
    [InlineData("/admin/organisationer/{mala}/lus")]
    public async Task Admins_see_every_page(string route)
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var page = await admin.GetPageAsync(await ResolveAsync(app, route));
        Assert.NotNull(page.QuerySelector("main h1"));
    }

    [Fact]
    public async Task Unknown_organisations_and_addresses_give_404()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        foreach (var url in new[] { "/admin/organisationer/999999", "/admin/organisationer/999999/lus", "/admin/organisationer/nyy" })
        {
            using var response = await admin.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} gav {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_list_shows_every_organisation_with_its_kind_and_what_it_publishes_owns_and_finances()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var page = await admin.GetPageAsync("/admin/organisationer");

        var rows = page.QuerySelectorAll("main table tbody tr");
        Assert.Equal(OrganisationSlugsInSeed().Count, rows.Length);
        var polaris = RowOf(page, "Leader Polaris");
        Assert.Equal(["Leaderområde (LAG)", "–", "Ja: Beviljade projekt", "16"], Cells(polaris).Take(4));
        var mala = RowOf(page, "Malå kommun");
        Assert.Equal("2418", Cells(mala)[1]);
        Assert.Equal(SeedFiles.Projects.Count(p => p.Publisher == "mala-kommun").ToString(System.Globalization.CultureInfo.InvariantCulture), Cells(mala)[3]);
        Assert.Equal(SeedFiles.Projects.Count(p => p.Financiers.Contains("mala-kommun")).ToString(System.Globalization.CultureInfo.InvariantCulture), Cells(mala)[6]);
        Assert.NotNull(page.QuerySelector("main a[href='/admin/organisationer/ny']"));
    }

    [Fact]
    public async Task Creating_an_organisation_makes_its_address_from_the_name_and_lists_it()
    {
        await using var own = new RegistryAppFactory();
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var form = await EditFormAsync(admin, "/admin/organisationer/ny");
        Fill(form, "#Input_Name", "Byaföreningen i Vuollerim");
        Fill(form, "#Input_Kind", "forening");
        Fill(form, "#Input_Description", "Driver bygdegården.");
        Fill(form, "#Input_WebsiteUrl", "https://vuollerim.example.se");

        using var response = await SubmitAsync(admin, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = LocationOf(response);
        Assert.Matches(@"^/admin/organisationer/\d+$", location);
        var saved = await admin.GetPageAsync(location);
        Assert.Contains("Byaföreningen i Vuollerim har lagts till.", saved.QuerySelector("[role=status]")?.ReadableText() ?? "", StringComparison.Ordinal);
        Assert.Equal("byaforeningen-i-vuollerim", Value(saved, "#Input_Slug"));
        Assert.Equal("forening", Value(saved, "#Input_Kind"));
        var list = await admin.GetPageAsync("/admin/organisationer");
        Assert.Equal("Förening", Cells(RowOf(list, "Byaföreningen i Vuollerim"))[0]);
        var publicPage = await own.CreateClient().GetPageAsync("/organisationer/byaforeningen-i-vuollerim");
        Assert.Equal("Byaföreningen i Vuollerim", publicPage.QuerySelector("h1")?.ReadableText());
    }

    [Fact]
    public async Task A_duplicate_address_is_refused_on_the_address_field_and_nothing_is_created()
    {
        await using var own = new RegistryAppFactory();
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var count = await CountAsync(own, db => db.Organisations.CountAsync());

        // Made from the name.
        var form = await EditFormAsync(admin, "/admin/organisationer/ny");
        Fill(form, "#Input_Name", "Leader Polaris");
        Fill(form, "#Input_Kind", "lag");
        var page = await RefusedAsync(admin, form);
        var error = FieldError(page, "Slug");
        Assert.Contains("”leader-polaris”", error, StringComparison.Ordinal);
        Assert.Contains("används redan av Leader Polaris", error, StringComparison.Ordinal);
        Assert.Contains("leader-polaris-2", error, StringComparison.Ordinal);
        Assert.Equal("Leader Polaris", Value(page, "#Input_Name"));
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#Input_Slug']"));

        // Typed, in capitals.
        form = (IHtmlFormElement)page.QuerySelector("form[action*='handler=Save']")!;
        Fill(form, "#Input_Name", "Malå kommuns utvecklingsavdelning");
        Fill(form, "#Input_Slug", "MALA-KOMMUN");
        page = await RefusedAsync(admin, form);
        Assert.Contains("används redan av Malå kommun", FieldError(page, "Slug"), StringComparison.Ordinal);

        // Characters outside a–z, 0–9 and hyphens.
        form = (IHtmlFormElement)page.QuerySelector("form[action*='handler=Save']")!;
        Fill(form, "#Input_Slug", "malå utveckling");
        page = await RefusedAsync(admin, form);
        Assert.Contains("a–z, 0–9 och bindestreck", FieldError(page, "Slug"), StringComparison.Ordinal);

        Assert.Equal(count, await CountAsync(own, db => db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task A_text_over_its_bound_is_refused_with_a_Swedish_message_and_control_characters_are_not_counted()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var count = await CountAsync(app, db => db.Organisations.CountAsync());
        var form = await EditFormAsync(admin, "/admin/organisationer/ny");
        Fill(form, "#Input_Name", "Föreningen\u0001" + new string('x', 300));
        Fill(form, "#Input_Kind", "forening");
        Fill(form, "#Input_Description", new string('b', 4_001));

        var page = await RefusedAsync(admin, form);

        Assert.Equal("Namnet får vara högst 300 tecken (nu 310).", FieldError(page, "Name"));
        Assert.Equal("Beskrivningen får vara högst 4 000 tecken (nu 4 001).", SwedishText.Normalise(FieldError(page, "Description")));
        Assert.Equal(count, await CountAsync(app, db => db.Organisations.CountAsync()));
    }

    [Theory]
    [InlineData("", "måste ha sin kommunkod")]
    [InlineData("9999", "Det finns ingen kommun med kommunkoden 9999")]
    [InlineData("Malå", "är ingen kommunkod")]
    [InlineData("2418", "hör redan till Malå kommun")]
    public async Task A_kommun_needs_the_kommunkod_of_a_municipality_not_already_in_the_registry(string code, string expected)
    {
        await using var own = new RegistryAppFactory();
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var count = await CountAsync(own, db => db.Organisations.CountAsync());
        var form = await EditFormAsync(admin, "/admin/organisationer/ny");
        Fill(form, "#Input_Name", "Testkommunen");
        Fill(form, "#Input_Kind", "kommun");
        Fill(form, "#Input_MunicipalityCode", code);

        var page = await RefusedAsync(admin, form);

        Assert.Contains(expected, FieldError(page, "MunicipalityCode"), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("#Input_Name-error.field-validation-error"));
        Assert.Equal(count, await CountAsync(own, db => db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task A_new_kommun_publishing_a_list_is_linked_to_its_municipality_and_shows_its_list()
    {
        await using var own = new RegistryAppFactory();
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var form = await EditFormAsync(admin, "/admin/organisationer/ny");
        Fill(form, "#Input_Name", "Arjeplogs kommun");
        Fill(form, "#Input_Kind", "kommun");
        Fill(form, "#Input_MunicipalityCode", " 2506 ");
        form.QuerySelector<IHtmlInputElement>("#Input_IsPublisher")!.IsChecked = true;
        Fill(form, "#Input_ListTitle", "Projekt i Arjeplog");
        Fill(form, "#Input_PublisherUnit", "Näringslivsenheten");
        Fill(form, "#Input_AreaMunicipalities", "Arjeplog");

        using var response = await SubmitAsync(admin, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var visitor = own.CreateClient();
        var municipality = await visitor.GetPageAsync("/kommuner/2506");
        Assert.Contains(municipality.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/organisationer/arjeplogs-kommun");
        var organisation = await visitor.GetPageAsync("/organisationer/arjeplogs-kommun");
        Assert.Equal("Projekt i Arjeplog", organisation.QuerySelector("#publicerar")?.ReadableText());
        Assert.Contains("Listan förs av Näringslivsenheten, Arjeplogs kommun.", organisation.Body!.ReadableText(), StringComparison.Ordinal);
        Assert.Contains("Område: Arjeplog", organisation.Body!.ReadableText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_details_typed_without_ticking_the_publisher_box_are_not_thrown_away()
    {
        await using var own = new RegistryAppFactory();
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var count = await CountAsync(own, db => db.Organisations.CountAsync());
        var form = await EditFormAsync(admin, "/admin/organisationer/ny");
        Fill(form, "#Input_Name", "Leader Lappland");
        Fill(form, "#Input_Kind", "lag");
        Fill(form, "#Input_ListTitle", "Beviljade projekt");

        var page = await RefusedAsync(admin, form);

        Assert.Contains("inte kryssat i ”Publicerar en projektlista”", FieldError(page, "IsPublisher"), StringComparison.Ordinal);
        Assert.Equal("Beviljade projekt", Value(page, "#Input_ListTitle"));
        Assert.Equal(count, await CountAsync(own, db => db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task Other_wrong_values_get_Swedish_errors_on_their_own_fields()
    {
        await using var own = new RegistryAppFactory();
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var form = await EditFormAsync(admin, await ResolveAsync(own, "/admin/organisationer/{polaris}"));
        Fill(form, "#Input_Name", "");
        Fill(form, "#Input_WebsiteUrl", "javascript:alert(1)");
        Fill(form, "#Input_ListTitle", "");
        Fill(form, "#Input_ContactRetentionMonths", "121");
        Fill(form, "#Input_SourceUpdatedOn", "11/1 2024");
        foreach (var box in form.QuerySelectorAll<IHtmlInputElement>("input[name='Input.ShownStatuses']")) box.IsChecked = false;

        var page = await RefusedAsync(admin, form);

        Assert.Contains("Skriv organisationens namn", FieldError(page, "Name"), StringComparison.Ordinal);
        Assert.Contains("https://", FieldError(page, "WebsiteUrl"), StringComparison.Ordinal);
        Assert.Contains("rubriken på projektlistan", FieldError(page, "ListTitle"), StringComparison.Ordinal);
        Assert.Contains("från 0 till 120", FieldError(page, "ContactRetentionMonths"), StringComparison.Ordinal);
        Assert.Contains("ÅÅÅÅ-MM-DD", FieldError(page, "SourceUpdatedOn"), StringComparison.Ordinal);
        Assert.Contains("minst en status", FieldError(page, "ShownStatuses"), StringComparison.Ordinal);
        Assert.Equal(6, page.QuerySelectorAll(".error-summary li").Length);
        Assert.Equal("Leader Polaris", await CountAsync(own, db => db.Organisations.Where(o => o.Slug == "leader-polaris").Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task Unknown_area_municipalities_are_named_in_the_error_and_known_ones_are_shown_back()
    {
        await using var own = new RegistryAppFactory();
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var url = await ResolveAsync(own, "/admin/organisationer/{polaris}");
        var form = await EditFormAsync(admin, url);
        Assert.Equal("Gällivare, Jokkmokk, Överkalix", Value(form.Owner!, "#Input_AreaMunicipalities"));

        Fill(form, "#Input_AreaMunicipalities", "Gällivare, Gälliware, 2510, Atlantis");
        var page = await RefusedAsync(admin, form);

        var error = FieldError(page, "AreaMunicipalities");
        Assert.Contains("”Gälliware”", error, StringComparison.Ordinal);
        Assert.Contains("”Atlantis”", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Jokkmokk", error, StringComparison.Ordinal);
        Assert.Contains("Gällivare (2523), Jokkmokk (2510)", page.QuerySelector("#area-resolved")!.ReadableText(), StringComparison.Ordinal);
        Assert.Equal(["2510", "2513", "2523"], await AreaOfAsync(own, "leader-polaris"));

        // Codes, names in any case, without accents and with " kommun" are all understood.
        form = (IHtmlFormElement)page.QuerySelector("form[action*='handler=Save']")!;
        Fill(form, "#Input_AreaMunicipalities", "gallivare, 2510 ,Överkalix kommun, Pajala");
        using var response = await SubmitAsync(admin, form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await admin.GetPageAsync(url);
        Assert.Equal("Gällivare, Jokkmokk, Pajala, Överkalix", Value(saved, "#Input_AreaMunicipalities"));
        Assert.Equal(["2510", "2513", "2521", "2523"], await AreaOfAsync(own, "leader-polaris"));
    }

    [Fact]
    public async Task Hiding_projects_before_the_SJV_decision_removes_exactly_those_from_the_public_while_staff_still_see_them()
    {
        string[] hiddenStatuses = ["under-handlaggning", "vantar-pa-beslut"];
        var all = SeedFiles.Slugs(p => p.Publisher == "leader-polaris");
        var stillPublic = SeedFiles.Slugs(p => p.Publisher == "leader-polaris" && !hiddenStatuses.Contains(p.Status));
        var hidden = all.Except(stillPublic).ToList();
        Assert.Equal(16, all.Count);
        Assert.Equal(8, stillPublic.Count);

        await using var own = new RegistryAppFactory();
        var visitor = own.CreateClient();
        Assert.Equal(all, await PublicListAsync(visitor, "leader-polaris"));
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var url = await ResolveAsync(own, "/admin/organisationer/{polaris}");
        var form = await EditFormAsync(admin, url);
        foreach (var slug in hiddenStatuses) form.QuerySelector<IHtmlInputElement>($"#status-{slug}")!.IsChecked = false;

        using var response = await SubmitAsync(admin, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(stillPublic, await PublicListAsync(visitor, "leader-polaris"));
        foreach (var slug in hidden)
        {
            using var detail = await visitor.GetAsync(new Uri($"/projekt/{slug}", UriKind.Relative));
            Assert.True(detail.StatusCode == HttpStatusCode.NotFound, $"/projekt/{slug} gav {(int)detail.StatusCode}, inte 404.");
        }
        foreach (var slug in stillPublic) await visitor.GetPageAsync($"/projekt/{slug}");

        // The settings page shows the choice back.
        var saved = await admin.GetPageAsync(url);
        Assert.Equal(
            ["beviljat", "pagaende", "slutredovisat", "avslutat"],
            saved.QuerySelectorAll<IHtmlInputElement>("input[name='Input.ShownStatuses']").Where(i => i.IsChecked).Select(i => i.Value));

        // Staff still see all sixteen in their project list.
        var editor = await own.SignedInAsAsync(Roles.Editor, "leader-polaris");
        var staffList = await editor.GetPageAsync("/admin");
        Assert.Equal(16, staffList.QuerySelectorAll("main table tbody tr").Length);
        Assert.Equal(16, await CountAsync(own, db => db.Projects.CountAsync(p => p.Publisher.Slug == "leader-polaris" && p.IsPublished)));
    }

    [Fact]
    public async Task Contact_retention_hides_contact_people_on_public_pages_of_projects_that_closed_long_ago()
    {
        // Malå's projects whose period ended over a year ago; the page must then drop names, phones and e-mails.
        var closedLongAgo = Directory.GetFiles(Path.Combine(SeedFiles.Root, "projekt", "mala-kommun"), "*.yaml")
            .Select(file => (Slug: Path.GetFileNameWithoutExtension(file), Text: File.ReadAllText(file)))
            .Where(f => PeriodEnd().Match(f.Text) is { Success: true } end
                && string.CompareOrdinal(end.Groups[1].Value, DateTime.UtcNow.AddYears(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) < 0)
            .Select(f => (f.Slug, Details: ContactDetail().Matches(ContactsBlock().Match(f.Text).Value).Select(m => m.Groups[2].Value.Trim()).ToList()))
            .Where(f => f.Details.Count > 0)
            .ToList();
        Assert.True(closedLongAgo.Count >= 5, $"Bara {closedLongAgo.Count} av Malås projekt har kontaktpersoner och ett slut för länge sedan.");

        await using var own = new RegistryAppFactory();
        var visitor = own.CreateClient();
        foreach (var (slug, details) in closedLongAgo)
        {
            var before = (await visitor.GetPageAsync($"/projekt/{slug}")).Body!.ReadableText();
            Assert.All(details, d => Assert.Contains(d, before, StringComparison.Ordinal));
        }

        var admin = await own.SignedInAsAsync(Roles.Admin);
        var form = await EditFormAsync(admin, await ResolveAsync(own, "/admin/organisationer/{mala}"));
        Fill(form, "#Input_ContactRetentionMonths", "1");
        using var response = await SubmitAsync(admin, form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        foreach (var (slug, details) in closedLongAgo)
        {
            var page = await visitor.GetPageAsync($"/projekt/{slug}");
            var contact = page.QuerySelectorAll("h2").FirstOrDefault(h => h.ReadableText() == "Kontakt")?.ParentElement;
            Assert.True(contact is not null, $"/projekt/{slug} har ingen kontaktruta.");
            Assert.All(details, d => Assert.DoesNotContain(d, contact.ReadableText(), StringComparison.Ordinal));
            Assert.Empty(contact.QuerySelectorAll("a[href^='mailto:'], a[href^='tel:']"));
        }
        // Staff keep them: the retention changes what the public sees, not what is stored.
        var stored = await CountAsync(own, db => db.Projects.Where(p => p.Publisher.Slug == "mala-kommun").SelectMany(p => p.Contacts).Select(c => c.Name).ToListAsync());
        Assert.All(closedLongAgo.SelectMany(p => p.Details).Where(d => !d.Contains('@', StringComparison.Ordinal) && !d.Any(char.IsDigit)),
            name => Assert.Contains(name, stored));
    }

    [Fact]
    public async Task Goal_areas_and_direction_goals_can_be_added_renamed_reordered_and_deleted()
    {
        await using var own = new RegistryAppFactory();
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var url = await ResolveAsync(own, "/admin/organisationer/{polaris}/lus");
        var page = await admin.GetPageAsync(url);
        Assert.Empty(page.QuerySelectorAll("main section h2[id^='area-']"));

        page = await ActAsync(admin, page, "form[action*='handler=AddGoalArea']", f => Fill(f, "#new-area-name", "Attraktiva byar"));
        Assert.Contains("Målområdet ”Attraktiva byar” har lagts till.", Status(page), StringComparison.Ordinal);
        page = await ActAsync(admin, page, "form[action*='handler=AddGoalArea']", f => Fill(f, "#new-area-name", "  Hållbar besöksnäring  "));
        Assert.Equal(["1. Attraktiva byar", "2. Hållbar besöksnäring"], AreaHeadings(page));
        Assert.Equal(["attraktiva-byar", "hallbar-besoksnaring"], await GoalAreaSlugsAsync(own, "leader-polaris"));

        // Move the second up.
        var second = AreaSection(page, "Hållbar besöksnäring");
        page = await ActInSectionAsync(admin, page, second, "button[value='upp']");
        Assert.Equal(["1. Hållbar besöksnäring", "2. Attraktiva byar"], AreaHeadings(page));

        // Rename: the slug follows the name.
        var byar = AreaSection(page, "Attraktiva byar");
        page = await ActAsync(admin, page, byar.QuerySelector<IHtmlFormElement>("form")!, null, f => Fill(f, "input[name='Input.Name']", "Levande byar"));
        Assert.Equal(["1. Hållbar besöksnäring", "2. Levande byar"], AreaHeadings(page));
        Assert.Equal(["hallbar-besoksnaring", "levande-byar"], await GoalAreaSlugsAsync(own, "leader-polaris"));

        // Direction goals under "Levande byar": add two, reorder, rename one, delete one.
        var addGoal = $"#{AreaSection(page, "Levande byar").Id} form[action*='handler=AddDirectionGoal']";
        page = await ActAsync(admin, page, addGoal, f => Fill(f, "input[name='Input.Name']", "Service på landsbygden"));
        addGoal = $"#{AreaSection(page, "Levande byar").Id} form[action*='handler=AddDirectionGoal']";
        page = await ActAsync(admin, page, addGoal, f => Fill(f, "input[name='Input.Name']", "Fler mötesplatser"));
        Assert.Equal(["Service på landsbygden", "Fler mötesplatser"], GoalNames(page, "Levande byar"));
        var goalForm = GoalForm(page, "Fler mötesplatser");
        page = await ActAsync(admin, page, goalForm, "button[value='upp']");
        Assert.Equal(["Fler mötesplatser", "Service på landsbygden"], GoalNames(page, "Levande byar"));
        page = await ActAsync(admin, page, GoalForm(page, "Service på landsbygden"), null, f => Fill(f, "input[name='Input.Name']", "Service och handel"));
        Assert.Equal(["Fler mötesplatser", "Service och handel"], GoalNames(page, "Levande byar"));
        page = await ActAsync(admin, page, GoalForm(page, "Fler mötesplatser"), "button[formaction*='handler=DeleteDirectionGoal']");
        Assert.Contains("Inriktningsmålet ”Fler mötesplatser” har tagits bort", Status(page), StringComparison.Ordinal);
        Assert.Equal(["Service och handel"], GoalNames(page, "Levande byar"));

        // The public organisation page shows the strategy in this order.
        var publicPage = await own.CreateClient().GetPageAsync("/organisationer/leader-polaris");
        var lus = publicPage.QuerySelectorAll("h3").Single(h => h.ReadableText().StartsWith("Målområden", StringComparison.Ordinal)).NextElementSibling!;
        Assert.Equal(["Hållbar besöksnäring", "Levande byar Service och handel"], lus.Children.Select(li => li.ReadableText()));

        // Delete a goal area with its unused direction goal.
        page = await ActAsync(admin, page, AreaSection(page, "Levande byar").QuerySelector<IHtmlFormElement>("form[action*='handler=RenameGoalArea']")!,
            "button[formaction*='handler=DeleteGoalArea']");
        Assert.Contains("Målområdet ”Levande byar” och dess inriktningsmål har tagits bort.", Status(page), StringComparison.Ordinal);
        Assert.Equal(["1. Hållbar besöksnäring"], AreaHeadings(page));
        Assert.Equal(0, await CountAsync(own, db => db.DirectionGoals.CountAsync(g => g.GoalArea.Organisation.Slug == "leader-polaris")));
    }

    [Fact]
    public async Task Goal_area_names_must_be_given_and_must_not_clash_within_the_publisher()
    {
        await using var own = new RegistryAppFactory();
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var url = await ResolveAsync(own, "/admin/organisationer/{mala}/lus");
        var page = await admin.GetPageAsync(url);
        var areas = AreaHeadings(page);

        // Same slug as an existing one, though spelt differently.
        page = await RefusedActAsync(admin, page, "form[action*='handler=AddGoalArea']", f => Fill(f, "#new-area-name", "Miljödriven  utveckling!"));
        var error = page.QuerySelector("#new-area-error")?.ReadableText() ?? "";
        Assert.Contains("”miljodriven-utveckling”", error, StringComparison.Ordinal);
        Assert.Contains("”Miljödriven utveckling”", error, StringComparison.Ordinal);
        Assert.Equal("Miljödriven  utveckling!", page.QuerySelector<IHtmlInputElement>("#new-area-name")!.Value);
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#new-area-name']"));

        page = await RefusedActAsync(admin, page, "form[action*='handler=AddGoalArea']", f => Fill(f, "#new-area-name", "   "));
        Assert.Contains("Skriv ett namn på målområdet.", page.QuerySelector("#new-area-error")?.ReadableText() ?? "", StringComparison.Ordinal);

        // Renaming one to another's name is refused on that row.
        var section = AreaSection(page, "Miljödriven utveckling");
        page = await RefusedActAsync(admin, page, section.QuerySelector<IHtmlFormElement>("form")!, null,
            f => Fill(f, "input[name='Input.Name']", "Platsbaserad näringslivsutveckling"));
        Assert.Contains("”Platsbaserad näringslivsutveckling”", page.QuerySelector($"#{section.Id}-error")?.ReadableText() ?? "", StringComparison.Ordinal);

        Assert.Equal(areas, AreaHeadings(await admin.GetPageAsync(url)));
    }

    [Fact]
    public async Task A_goal_area_or_direction_goal_that_projects_use_cannot_be_deleted()
    {
        const string area = "Platsbaserad näringslivsutveckling";
        var users = SeedFiles.Projects.Count(p => p.Publisher == "mala-kommun" && p.GoalAreas.Contains(area));
        Assert.True(users > 0);

        await using var own = new RegistryAppFactory();
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var url = await ResolveAsync(own, "/admin/organisationer/{mala}/lus");
        var page = await admin.GetPageAsync(url);
        var section = AreaSection(page, area);
        Assert.Contains($"{users} projekt har målområdet", section.ReadableText(), StringComparison.Ordinal);

        page = await RefusedActAsync(admin, page, section.QuerySelector<IHtmlFormElement>("form")!, "button[formaction*='handler=DeleteGoalArea']");
        var error = page.QuerySelector($"#{section.Id}-error")?.ReadableText() ?? "";
        Assert.Contains($"kan inte tas bort: {users} projekt använder det", error, StringComparison.Ordinal);

        var goalUsers = await CountAsync(own, db => db.Projects.CountAsync(p => p.DirectionGoals.Any(g => g.Name == "Fler och växande företag")));
        Assert.True(goalUsers > 0);
        page = await RefusedActAsync(admin, page, GoalForm(page, "Fler och växande företag"), "button[formaction*='handler=DeleteDirectionGoal']");
        Assert.Contains($"kan inte tas bort: {goalUsers} projekt använder det", page.QuerySelector(".error-summary")!.ReadableText(), StringComparison.Ordinal);

        Assert.Contains(area, AreaHeadings(await admin.GetPageAsync(url)).Select(h => h[3..]));
        Assert.Equal(1, await CountAsync(own, db => db.DirectionGoals.CountAsync(g => g.Name == "Fler och växande företag")));
    }

    [Fact]
    public async Task An_organisation_in_use_cannot_be_deleted_and_the_page_says_what_uses_it()
    {
        await using var own = new RegistryAppFactory();
        await own.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var url = await ResolveAsync(own, "/admin/organisationer/{mala}");
        var page = await admin.GetPageAsync(url);
        Assert.Null(page.QuerySelector("form[action*='handler=Delete']"));

        using var response = await admin.PostFormAsync($"{url}?handler=Delete", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        var message = refused.QuerySelector("#delete-heading + [role=alert]")?.ReadableText() ?? "";
        var published = SeedFiles.Projects.Count(p => p.Publisher == "mala-kommun");
        Assert.Contains("Malå kommun kan inte tas bort eftersom den används", message, StringComparison.Ordinal);
        Assert.Contains($"publicerar {published} projekt", message, StringComparison.Ordinal);
        Assert.Contains("finansierar", message, StringComparison.Ordinal);
        Assert.Contains("ett personalkonto redigerar", message, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(own, db => db.Organisations.CountAsync(o => o.Slug == "mala-kommun")));
    }

    [Fact]
    public async Task An_unused_organisation_can_be_deleted()
    {
        await using var own = new RegistryAppFactory();
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var form = await EditFormAsync(admin, "/admin/organisationer/ny");
        Fill(form, "#Input_Name", "Felstavad förening");
        Fill(form, "#Input_Kind", "forening");
        using var created = await SubmitAsync(admin, form);
        var page = await admin.GetPageAsync(LocationOf(created));

        var delete = page.QuerySelector<IHtmlFormElement>("form[action*='handler=Delete']");
        Assert.NotNull(delete);
        using var response = await SubmitAsync(admin, delete);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/organisationer", LocationOf(response));
        var list = await admin.GetPageAsync("/admin/organisationer");
        Assert.Contains("Felstavad förening har tagits bort.", Status(list), StringComparison.Ordinal);
        Assert.DoesNotContain(list.QuerySelectorAll("tbody th"), th => th.ReadableText() == "Felstavad förening");
    }

    [Fact]
    public async Task A_publisher_with_projects_keeps_its_list()
    {
        await using var own = new RegistryAppFactory();
        var admin = await own.SignedInAsAsync(Roles.Admin);
        var form = await EditFormAsync(admin, await ResolveAsync(own, "/admin/organisationer/{polaris}"));
        form.QuerySelector<IHtmlInputElement>("#Input_IsPublisher")!.IsChecked = false;

        var page = await RefusedAsync(admin, form);

        Assert.Contains("publicerar 16 projekt", FieldError(page, "IsPublisher"), StringComparison.Ordinal);
        Assert.Equal("Beviljade projekt", await CountAsync(own, db => db.Organisations.Where(o => o.Slug == "leader-polaris").Select(o => o.ListTitle).SingleAsync()));
    }

    // ---- Steps -------------------------------------------------------------------------------------------

    private static async Task<string> ResolveAsync(RegistryAppFactory factory, string route)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var ids = await db.Organisations.Where(o => o.Slug == "leader-polaris" || o.Slug == "mala-kommun").ToDictionaryAsync(o => o.Slug, o => o.Id);
        return route
            .Replace("{polaris}", ids["leader-polaris"].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{mala}", ids["mala-kommun"].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Fields a forged request would send: enough for every handler to act if it were let through.</summary>
    private static async Task<Dictionary<string, string>> HostileFieldsAsync(RegistryAppFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var area = await db.GoalAreas.Where(g => g.Organisation.Slug == "mala-kommun").OrderBy(g => g.Position).Select(g => g.Id).FirstAsync();
        var goal = await db.DirectionGoals.Where(g => g.GoalAreaId == area).OrderBy(g => g.Position).Select(g => g.Id).FirstAsync();
        return new()
        {
            ["Input.Name"] = "Kapad organisation",
            ["Input.Kind"] = "annan",
            ["Input.IsPublisher"] = "false",
            ["Input.GoalAreaId"] = area.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.DirectionGoalId"] = goal.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Direction"] = "ner",
        };
    }

    /// <summary>What any of the handlers could change, to compare before and after a refused request.</summary>
    private static async Task<string> SnapshotAsync(RegistryAppFactory factory) =>
        await CountAsync(factory, async db => string.Join('|',
            string.Join(',', await db.Organisations.OrderBy(o => o.Id).Select(o => o.Slug + ":" + o.Name + ":" + o.ListTitle).ToListAsync()),
            string.Join(',', await db.GoalAreas.OrderBy(g => g.Id).Select(g => g.Name + ":" + g.Position).ToListAsync()),
            string.Join(',', await db.DirectionGoals.OrderBy(g => g.Id).Select(g => g.Name + ":" + g.Position).ToListAsync())));

    private static async Task<T> CountAsync<T>(RegistryAppFactory factory, Func<RegistryDbContext, Task<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    private static Task<List<string>> AreaOfAsync(RegistryAppFactory factory, string slug) =>
        CountAsync(factory, db => db.Organisations.Where(o => o.Slug == slug)
            .SelectMany(o => o.AreaMunicipalities).Select(m => m.Code).OrderBy(c => c).ToListAsync());

    private static Task<List<string>> GoalAreaSlugsAsync(RegistryAppFactory factory, string slug) =>
        CountAsync(factory, db => db.GoalAreas.Where(g => g.Organisation.Slug == slug).OrderBy(g => g.Position).Select(g => g.Slug).ToListAsync());

    private static async Task<List<string>> PublicListAsync(HttpClient visitor, string organisation)
    {
        var page = await visitor.GetPageAsync($"/projekt?organisation={organisation}");
        return page.QuerySelectorAll("li.project-card h3 a")
            .Select(a => a.GetAttribute("href")!["/projekt/".Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static List<string> OrganisationSlugsInSeed() =>
        File.ReadLines(Path.Combine(SeedFiles.Root, "organisations.yaml")).Where(l => l.StartsWith("- slug:", StringComparison.Ordinal)).ToList();

    private static async Task<IHtmlFormElement> EditFormAsync(HttpClient client, string url)
    {
        var page = await client.GetPageAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>("form[action*='handler=Save']");
        Assert.NotNull(form);
        return form;
    }

    private static void Fill(IHtmlFormElement form, string selector, string value)
    {
        var element = form.QuerySelector(selector);
        Assert.True(element is not null, $"Formuläret har inget fält {selector}.");
        switch (element)
        {
            case IHtmlInputElement input: input.Value = value; break;
            case IHtmlTextAreaElement area: area.Value = value; break;
            case IHtmlSelectElement select:
                Assert.Contains(select.Options, o => o.Value == value);
                select.Value = value;
                break;
            default: Assert.Fail($"{selector} är inget formulärfält."); break;
        }
    }

    /// <summary>Posts a form as the browser would, with the button pressed (and its formaction), cookies included.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, IHtmlFormElement form, IHtmlElement? submitter = null)
    {
        var submission = submitter is null ? form.GetSubmission() : form.GetSubmission(submitter);
        Assert.NotNull(submission);
        Assert.Equal(AngleSharp.Io.HttpMethod.Post, submission.Method);
        using var reader = new StreamReader(submission.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        using var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
        return await client.PostAsync(new Uri(new Uri(submission.Target.Href).PathAndQuery, UriKind.Relative), content);
    }

    /// <summary>Submits and expects the page back (200) with the form's errors.</summary>
    private static async Task<IDocument> RefusedAsync(HttpClient client, IHtmlFormElement form, IHtmlElement? submitter = null)
    {
        using var response = await SubmitAsync(client, form, submitter);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Väntade formuläret tillbaka med fel, fick {(int)response.StatusCode} {response.Headers.Location}");
        var document = await BrowsingContext.New(Configuration.Default)
            .OpenAsync(r => r.Content(html).Address(form.Owner!.Url));
        Assert.NotNull(document.QuerySelector(".error-summary"));
        return document;
    }

    /// <summary>Fills and submits one form of a page, follows the redirect and returns the page it leads to.</summary>
    private static Task<IDocument> ActAsync(HttpClient client, IDocument page, string formSelector, Action<IHtmlFormElement> fill)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector);
        Assert.True(form is not null, $"Sidan har inget formulär {formSelector}.");
        return ActAsync(client, page, form, null, fill);
    }

    private static async Task<IDocument> ActAsync(HttpClient client, IDocument page, IHtmlFormElement form, string? buttonSelector, Action<IHtmlFormElement>? fill = null)
    {
        fill?.Invoke(form);
        var button = buttonSelector is null ? null : form.QuerySelector<IHtmlElement>(buttonSelector);
        Assert.True(buttonSelector is null || button is not null, $"Formuläret har ingen knapp {buttonSelector}.");
        using var response = await SubmitAsync(client, form, button);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Väntade en omdirigering, fick {(int)response.StatusCode}: {(await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector(".error-summary")?.ReadableText()}");
        return await client.GetPageAsync(LocationOf(response));
    }

    private static Task<IDocument> ActInSectionAsync(HttpClient client, IDocument page, IElement section, string buttonSelector) =>
        ActAsync(client, page, section.QuerySelector<IHtmlFormElement>("form")!, buttonSelector);

    private static Task<IDocument> RefusedActAsync(HttpClient client, IDocument page, string formSelector, Action<IHtmlFormElement> fill)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)!;
        return RefusedActAsync(client, page, form, null, fill);
    }

    private static async Task<IDocument> RefusedActAsync(HttpClient client, IDocument page, IHtmlFormElement form, string? buttonSelector, Action<IHtmlFormElement>? fill = null)
    {
        fill?.Invoke(form);
        var button = buttonSelector is null ? null : form.QuerySelector<IHtmlElement>(buttonSelector);
        return await RefusedAsync(client, form, button);
    }

    /// <summary>The path a redirect leads to, without its query (the sign-in page's ?tillbaka=) or fragment.</summary>
    private static string LocationOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        Assert.NotNull(location);
        return new Uri(new Uri("http://localhost"), location).AbsolutePath;
    }

    private static string Status(IDocument page) => page.QuerySelector("[role=status]")?.ReadableText() ?? "";

    private static string? Value(IDocument page, string selector) => page.QuerySelector(selector) switch
    {
        IHtmlInputElement i => i.Value,
        IHtmlSelectElement s => s.Value,
        IHtmlTextAreaElement t => t.Value,
        _ => null,
    };

    private static string FieldError(IDocument page, string field) =>
        page.QuerySelector($"#Input_{field}-error.field-validation-error")?.ReadableText()
        ?? throw new Xunit.Sdk.XunitException($"Fältet {field} visar inget fel. Sidans fel: {page.QuerySelector(".error-summary")?.ReadableText()}");

    private static IElement RowOf(IDocument page, string name)
    {
        var row = page.QuerySelectorAll("main table tbody tr").FirstOrDefault(r => r.QuerySelector("th")?.ReadableText() == name);
        Assert.True(row is not null, $"Listan har ingen rad för {name}.");
        return row;
    }

    private static List<string> Cells(IElement row) => row.QuerySelectorAll("td").Select(td => td.ReadableText()).ToList();

    private static List<string> AreaHeadings(IDocument page) =>
        page.QuerySelectorAll("main section[id^='area-'] > h2").Select(h => h.ReadableText()).ToList();

    private static IElement AreaSection(IDocument page, string name)
    {
        var section = page.QuerySelectorAll("main section[id^='area-']")
            .FirstOrDefault(s => s.QuerySelector("h2")?.ReadableText().EndsWith(". " + name, StringComparison.Ordinal) == true);
        Assert.True(section is not null, $"Sidan har inget målområde {name}.");
        return section;
    }

    private static List<string> GoalNames(IDocument page, string area) =>
        AreaSection(page, area).QuerySelectorAll("li[id^='goal-'] input[name='Input.Name']").Select(i => ((IHtmlInputElement)i).Value).ToList();

    private static IHtmlFormElement GoalForm(IDocument page, string name)
    {
        var form = page.QuerySelectorAll<IHtmlFormElement>("li[id^='goal-'] form")
            .FirstOrDefault(f => f.QuerySelector<IHtmlInputElement>("input[name='Input.Name']")?.Value == name);
        Assert.True(form is not null, $"Sidan har inget inriktningsmål {name}.");
        return form;
    }

    [GeneratedRegex(@"^\s+slut:\s*""?(\d{4}(?:-\d{2})?(?:-\d{2})?)", RegexOptions.Multiline)]
    private static partial Regex PeriodEnd();

    /// <summary>The kontakter list of a project file: up to the next top-level key.</summary>
    [GeneratedRegex(@"^kontakter:\n(?:[ -].*\n?)*", RegexOptions.Multiline)]
    private static partial Regex ContactsBlock();

    [GeneratedRegex(@"^\s+-?\s*(namn|telefon|epost):\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex ContactDetail();
}
