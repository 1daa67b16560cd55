using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages.Admin;

[Collection(SeededApp.Name)]
public class AccountsTests(RegistryAppFactory app)
{
    /// <summary>Every admin-only page and handler of the account pages and the log; {id} is an existing account.</summary>
    public static TheoryData<string, string> AdminOnlyRequests => new()
    {
        { "GET", "/admin/konton" },
        { "GET", "/admin/konton/ny" },
        { "GET", "/admin/konton/{id}" },
        { "GET", "/admin/granskningslogg" },
        { "POST", "/admin/konton/ny" },
        { "POST", "/admin/konton/{id}?handler=Access" },
        { "POST", "/admin/konton/{id}?handler=Disable" },
        { "POST", "/admin/konton/{id}?handler=Enable" },
        { "POST", "/admin/konton/{id}?handler=SendLink" },
        { "POST", "/admin/konton/{id}?handler=Unlock" },
    };

    /// <summary>Pages every member of staff has: their own account and two-factor set-up.</summary>
    public static TheoryData<string, string> OwnAccountRequests => new()
    {
        { "GET", "/admin/mitt-konto" },
        { "GET", "/admin/mitt-konto/tvastegs" },
        { "POST", "/admin/mitt-konto?handler=ChangePassword" },
        { "POST", "/admin/mitt-konto/tvastegs?handler=Enable" },
        { "POST", "/admin/mitt-konto/tvastegs?handler=Disable" },
    };

    [Theory]
    [MemberData(nameof(AdminOnlyRequests))]
    [MemberData(nameof(OwnAccountRequests))]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string method, string route)
    {
        var target = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var url = route.Replace("{id}", (await app.FindUserAsync(target)).Id, StringComparison.Ordinal);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using var response = method == "GET"
            ? await client.GetAsync(new Uri(url, UriKind.Relative))
            // A real antiforgery token, from the one admin form an anonymous visitor can load.
            : await client.PostFormAsync(url, ValidFields(), formPage: "/admin/logga-in");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/logga-in", response.RedirectPath());
        Assert.False((await app.FindUserAsync(target)).IsDisabled);
    }

    [Theory]
    [MemberData(nameof(AdminOnlyRequests))]
    public async Task Editors_are_refused_admin_only_pages_and_handlers_and_nothing_changes(string method, string route)
    {
        var target = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var before = await app.FindUserAsync(target);
        var url = route.Replace("{id}", before.Id, StringComparison.Ordinal);
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var fields = ValidFields();

        using var response = method == "GET"
            ? await editor.GetAsync(new Uri(url, UriKind.Relative))
            // The editor's own valid antiforgery token, from a page an editor may see.
            : await editor.PostFormAsync(url, fields, formPage: "/admin/mitt-konto");

        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.RedirectPath() == "/admin/ingen-behorighet"),
            $"{method} {url} gav {(int)response.StatusCode} {response.Headers.Location}");
        var after = await app.FindUserAsync(target);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal(before.PasswordHash, after.PasswordHash);
        Assert.Equal(["leader-polaris"], await app.OrganisationSlugsAsync(target));
        Assert.Null(await app.FindUserOrNullAsync(fields["Input.Email"]));
    }

    [Theory]
    [InlineData("/admin/konton")]
    [InlineData("/admin/konton/ny")]
    [InlineData("/admin/konton/{id}")]
    [InlineData("/admin/granskningslogg")]
    [InlineData("/admin/mitt-konto")]
    [InlineData("/admin/mitt-konto/tvastegs")]
    public async Task Admins_can_open_every_account_page(string route)
    {
        var target = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var admin = await app.SignedInAsAsync(Roles.Admin);

        var page = await admin.GetPageAsync(route.Replace("{id}", (await app.FindUserAsync(target)).Id, StringComparison.Ordinal));

        Assert.NotNull(page.QuerySelector("main h1"));
    }

    [Fact]
    public async Task The_account_list_shows_role_organisations_status_and_two_factor()
    {
        var editor = await app.CreateStaffAsync(Roles.Editor, "leader-polaris", "mala-kommun");
        var admin = await app.SignedInAsAsync(Roles.Admin);

        var page = await admin.GetPageAsync("/admin/konton");

        var row = AccountRow(page, editor);
        var cells = row.QuerySelectorAll("td").Select(td => td.ReadableText()).ToList();
        Assert.Equal("Redaktör", cells[0]);
        Assert.Contains("Leader Polaris", cells[1], StringComparison.Ordinal);
        Assert.Contains("Malå", cells[1], StringComparison.Ordinal);
        Assert.Equal(["Aktivt", "Av", "–"], cells[2..]);
        Assert.Equal($"/admin/konton/{(await app.FindUserAsync(editor)).Id}", row.QuerySelector("th a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("table caption"));
        Assert.All(page.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
    }

    [Fact]
    public async Task Creating_an_editor_without_mail_shows_an_invitation_link_once_and_never_a_password()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var email = $"ny-redaktor-{Guid.NewGuid():N}@example.se";
        var form = await CreateFormAsync(admin);
        form.Fill("Input.Email", email).Choose("Input.Role", Roles.Editor)
            .Check("Input.OrganisationIds", (await app.OrganisationIdAsync("leader-polaris")).ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var response = await admin.SendAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var result = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        var link = result.QuerySelector("code.secret")?.TextContent;
        Assert.NotNull(link);
        Assert.Contains("/admin/valj-losenord?kod=", link, StringComparison.Ordinal);
        Assert.Contains("ingen e-post", result.Body!.ReadableText(), StringComparison.Ordinal);
        Assert.DoesNotContain("lösenordet nedan", result.Body!.ReadableText(), StringComparison.Ordinal);
        // No password exists until its owner chooses one.
        Assert.Null((await app.FindUserAsync(email)).PasswordHash);
        Assert.Equal(["leader-polaris"], await app.OrganisationSlugsAsync(email));
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.AccountCreated && e.Actor != null);
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.InvitationSent);

        await ChoosePasswordAsync(app, link, "mitt eget lösenord vid älven");
        var newcomer = await app.SignedInClientAsync(email, "mitt eget lösenord vid älven");
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync(new Uri("/admin/projekt", UriKind.Relative))).StatusCode);
        // Shown once: the account's own page does not show it again.
        var edit = await admin.GetPageAsync($"/admin/konton/{(await app.FindUserAsync(email)).Id}");
        Assert.DoesNotContain(link, edit.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_created_with_a_generated_password_must_choose_its_own_before_anything_else()
    {
        // Only the command line still makes such an account (users add --generate-password).
        var email = $"ny-redaktor-{Guid.NewGuid():N}@example.se";
        var generated = Web.Infrastructure.Security.StaffAccounts.GeneratePassword();
        using (var scope = app.Services.CreateScope())
        {
            var (user, errors) = await Web.Infrastructure.Security.StaffAccounts.CreateAsync(
                scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>(), scope.ServiceProvider.GetRequiredService<RegistryDbContext>(),
                TimeProvider.System, email, Roles.Editor, generated, [await app.OrganisationIdAsync("leader-polaris")], mustChangePassword: true);
            Assert.True(user is not null, string.Join("; ", errors));
        }
        var client = await app.SignedInClientAsync(email, generated);

        foreach (var url in new[] { "/admin", "/admin/projekt", "/admin/mitt-konto/tvastegs" })
        {
            using var sent = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal("/admin/mitt-konto?byt-losenord=1", sent.Headers.Location?.OriginalString);
        }
        var mine = await client.GetPageAsync("/admin/mitt-konto");
        Assert.Contains("Välj ett eget lösenord", Status(mine), StringComparison.Ordinal);
        var change = mine.QuerySelector<IHtmlFormElement>("main form[action*='handler=ChangePassword']")!;
        using (var same = await client.SendAsync(change.Fill("Input.CurrentPassword", generated).Fill("Input.NewPassword", generated).Fill("Input.ConfirmPassword", generated)))
            Assert.Contains("inte samma som det nuvarande", FieldError(await ParseAsync(same), "#Input_NewPassword"), StringComparison.Ordinal);
        change = (await client.GetPageAsync("/admin/mitt-konto")).QuerySelector<IHtmlFormElement>("main form[action*='handler=ChangePassword']")!;
        using (var changed = await client.SendAsync(change.Fill("Input.CurrentPassword", generated)
            .Fill("Input.NewPassword", "mitt eget lösenord vid älven").Fill("Input.ConfirmPassword", "mitt eget lösenord vid älven")))
            Assert.Equal("/admin/mitt-konto", changed.RedirectPath());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/admin/projekt", UriKind.Relative))).StatusCode);
        Assert.False((await app.FindUserAsync(email)).MustChangePassword);
    }

    [Fact]
    public async Task Creating_an_admin_needs_no_organisation()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var email = $"ny-admin-{Guid.NewGuid():N}@example.se";
        var form = await CreateFormAsync(admin);
        form.Fill("Input.Email", email).Choose("Input.Role", Roles.Admin);

        using var response = await admin.SendAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, Roles.Admin));
    }

    [Fact]
    public async Task Creating_an_account_with_an_e_mail_already_in_use_says_so_at_the_field()
    {
        var existing = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var form = await CreateFormAsync(admin);
        form.Fill("Input.Email", existing.ToUpperInvariant()).Choose("Input.Role", Roles.Admin);

        var page = await ParseAsync(await admin.SendAsync(form));

        Assert.Contains("Det finns redan ett konto", FieldError(page, "#Input_Email"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#Input_Email']"));
    }

    [Fact]
    public async Task Creating_an_account_with_an_invalid_e_mail_says_so_at_the_field()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var form = await CreateFormAsync(admin);
        form.Fill("Input.Email", "anna.kommun.se").Choose("Input.Role", Roles.Admin);

        var page = await ParseAsync(await admin.SendAsync(form));

        Assert.Contains("ingen giltig e-postadress", FieldError(page, "#Input_Email"), StringComparison.Ordinal);
        Assert.Null(await app.FindUserOrNullAsync("anna.kommun.se"));
    }

    [Fact]
    public async Task Creating_an_editor_without_an_organisation_is_refused()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var email = $"utan-org-{Guid.NewGuid():N}@example.se";
        var form = await CreateFormAsync(admin);
        form.Fill("Input.Email", email).Choose("Input.Role", Roles.Editor);

        var page = await ParseAsync(await admin.SendAsync(form));

        var error = page.QuerySelector("#Input_OrganisationIds .field-error")?.ReadableText() ?? "";
        Assert.Contains("minst en organisation", error, StringComparison.Ordinal);
        Assert.Equal(email, page.QuerySelector<IHtmlInputElement>("#Input_Email")?.Value);
        Assert.Null(await app.FindUserOrNullAsync(email));
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_session_and_stops_its_sign_in()
    {
        var (admin, adminEmail) = await SignedInAdminAsync();
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var session = await app.SignedInClientAsync(email);
        var id = (await app.FindUserAsync(email)).Id;

        using var response = await admin.SendAsync(await FormAsync(admin, id, "Disable"));

        Assert.Equal($"/admin/konton/{id}", response.RedirectPath());
        Assert.Contains("är inaktiverat", Status(await admin.GetPageAsync($"/admin/konton/{id}")), StringComparison.Ordinal);
        using (var refused = await session.GetAsync(new Uri("/admin/mitt-konto", UriKind.Relative)))
            Assert.Equal("/admin/logga-in", refused.RedirectPath());
        using (var signedOut = await session.GetAsync(new Uri("/admin/mitt-konto", UriKind.Relative)))
            Assert.Equal("/admin/logga-in", signedOut.RedirectPath());
        var attempt = await SignInAttemptAsync(app, email, StaffSession.Password);
        // The answer of a wrong password: the sign-in page does not tell that the account exists.
        Assert.Contains("Fel e-postadress eller lösenord", attempt, StringComparison.Ordinal);
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.SignInDisabledAccount);
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.AccountDisabled && e.Actor == adminEmail);
    }

    [Fact]
    public async Task Enabling_a_disabled_account_lets_it_sign_in_again()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var id = (await app.FindUserAsync(email)).Id;
        (await admin.SendAsync(await FormAsync(admin, id, "Disable"))).Dispose();

        using var response = await admin.SendAsync(await FormAsync(admin, id, "Enable"));

        Assert.Equal($"/admin/konton/{id}", response.RedirectPath());
        await app.SignedInClientAsync(email);
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.AccountEnabled);
    }

    [Fact]
    public async Task A_reset_link_without_mail_is_shown_once_and_the_old_password_works_until_a_new_one_is_chosen()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var id = (await app.FindUserAsync(email)).Id;

        using var response = await admin.SendAsync(await FormAsync(admin, id, "SendLink"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var link = (await ParseAsync(response)).QuerySelector("code.secret")?.TextContent;
        Assert.NotNull(link);
        Assert.Equal("", await SignInAttemptAsync(app, email, StaffSession.Password));
        await ChoosePasswordAsync(app, link, "ett nytt lösenord vid forsen");
        Assert.Contains("Fel e-postadress eller lösenord", await SignInAttemptAsync(app, email, StaffSession.Password), StringComparison.Ordinal);
        await app.SignedInClientAsync(email, "ett nytt lösenord vid forsen");
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.PasswordResetRequested && e.Actor != null);
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.PasswordSetFromLink);
    }

    [Fact]
    public async Task Changing_an_editors_organisations_is_saved_and_audited()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var id = (await app.FindUserAsync(email)).Id;
        var form = await FormAsync(admin, id, "Access");
        form.Uncheck("Input.OrganisationIds").Check("Input.OrganisationIds", (await app.OrganisationIdAsync("mala-kommun")).ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var response = await admin.SendAsync(form);

        Assert.Equal($"/admin/konton/{id}", response.RedirectPath());
        Assert.Equal(["mala-kommun"], await app.OrganisationSlugsAsync(email));
        var audit = await app.AuditAsync(email);
        Assert.Contains(audit, e => e.Kind == AuditKind.OrganisationsChanged && e.Detail!.Contains("Malå", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, e => e.Kind == AuditKind.RoleChanged);
    }

    [Fact]
    public async Task Making_an_editor_an_admin_is_saved_and_audited()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var id = (await app.FindUserAsync(email)).Id;
        var form = await FormAsync(admin, id, "Access");
        form.Choose("Input.Role", Roles.Admin);

        using var response = await admin.SendAsync(form);

        Assert.Equal($"/admin/konton/{id}", response.RedirectPath());
        var cells = AccountRow(await admin.GetPageAsync("/admin/konton"), email).QuerySelectorAll("td");
        Assert.Equal("Administratör", cells[0].ReadableText());
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.RoleChanged && e.Detail == "Redaktör → Administratör");
    }

    [Fact]
    public async Task Making_an_admin_an_editor_needs_an_organisation()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var email = await app.CreateStaffAsync(Roles.Admin);
        var id = (await app.FindUserAsync(email)).Id;
        var form = await FormAsync(admin, id, "Access");
        form.Choose("Input.Role", Roles.Editor);

        var page = await ParseAsync(await admin.SendAsync(form));

        Assert.Contains("minst en organisation", page.QuerySelector("#Input_OrganisationIds .field-error")?.ReadableText() ?? "", StringComparison.Ordinal);
        Assert.True(await app.IsInRoleAsync(email, Roles.Admin));
    }

    [Fact]
    public async Task An_admin_cannot_disable_their_own_account()
    {
        var (admin, adminEmail) = await SignedInAdminAsync();
        var id = (await app.FindUserAsync(adminEmail)).Id;
        var own = await admin.GetPageAsync($"/admin/konton/{id}");
        Assert.Null(own.QuerySelector("form[action*='handler=Disable']"));

        using var response = await admin.PostFormAsync($"/admin/konton/{id}?handler=Disable", [], formPage: $"/admin/konton/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Du kan inte inaktivera ditt eget konto", (await ParseAsync(response)).QuerySelector(".error-summary")?.ReadableText() ?? "", StringComparison.Ordinal);
        Assert.False((await app.FindUserAsync(adminEmail)).IsDisabled);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/admin/konton", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_demote_themselves()
    {
        var (admin, adminEmail) = await SignedInAdminAsync();
        var id = (await app.FindUserAsync(adminEmail)).Id;
        var form = await FormAsync(admin, id, "Access");
        form.Choose("Input.Role", Roles.Editor).Check("Input.OrganisationIds", (await app.OrganisationIdAsync("leader-polaris")).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var page = await ParseAsync(await admin.SendAsync(form));

        Assert.Contains("Du kan inte ta bort din egen administratörsroll", page.QuerySelector("#Input_Role .field-error")?.ReadableText() ?? "", StringComparison.Ordinal);
        Assert.True(await app.IsInRoleAsync(adminEmail, Roles.Admin));
        Assert.DoesNotContain(await app.AuditAsync(adminEmail), e => e.Kind == AuditKind.RoleChanged);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_until_an_admin_unlocks_it()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        for (var i = 0; i < 5; i++) await SignInAttemptAsync(app, email, "fel lösenord men långt nog");

        var locked = await SignInAttemptAsync(app, email, StaffSession.Password);

        Assert.Contains("tillfälligt spärrat", locked, StringComparison.Ordinal);
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.LockedOut);
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var id = (await app.FindUserAsync(email)).Id;
        Assert.NotEqual("–", AccountRow(await admin.GetPageAsync("/admin/konton"), email).QuerySelectorAll("td")[^1].ReadableText());
        using var unlocked = await admin.SendAsync(await FormAsync(admin, id, "Unlock"));
        Assert.Equal($"/admin/konton/{id}", unlocked.RedirectPath());
        await app.SignedInClientAsync(email);
    }

    [Fact]
    public async Task Sign_in_attempts_over_the_limit_per_minute_get_429()
    {
        await using var limited = new RegistryAppFactory { SignInAttemptsPerMinute = 3 };
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostFormAsync("/admin/logga-in",
                new() { ["Input.Email"] = "nagon@example.se", ["Input.Password"] = "fel lösenord men långt nog" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    internal static Dictionary<string, string> ValidFields() => new()
    {
        ["Input.Email"] = $"skulle-skapas-{Guid.NewGuid():N}@example.se",
        ["Input.Role"] = Roles.Admin,
    };

    private async Task<(HttpClient Client, string Email)> SignedInAdminAsync()
    {
        var email = await app.CreateStaffAsync(Roles.Admin);
        return (await app.SignedInClientAsync(email), email);
    }

    private static async Task<IHtmlFormElement> CreateFormAsync(HttpClient admin) =>
        (await admin.GetPageAsync("/admin/konton/ny")).QuerySelector<IHtmlFormElement>("main form[method=post]")!;

    private static async Task<IHtmlFormElement> FormAsync(HttpClient admin, string id, string handler)
    {
        var page = await admin.GetPageAsync($"/admin/konton/{id}");
        var form = page.QuerySelector<IHtmlFormElement>($"main form[action*='handler={handler}']");
        Assert.True(form is not null, $"Kontots sida har inget formulär för {handler}.");
        return form;
    }

    private static IElement AccountRow(IDocument page, string email)
    {
        var row = page.QuerySelectorAll("tbody tr").SingleOrDefault(tr => tr.QuerySelector("th")?.ReadableText() == email);
        Assert.True(row is not null, $"{email} finns inte i listan över konton.");
        return row;
    }

    private static string FieldError(IDocument page, string inputSelector) =>
        page.QuerySelector(inputSelector)?.Closest(".form-group")?.QuerySelector(".field-error")?.ReadableText() ?? "";

    private static string Status(IDocument page) => page.QuerySelector(".notice[role=status]")?.ReadableText() ?? "";

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Opens a password link as its owner would (no cookies of the admin) and chooses a password there.</summary>
    internal static async Task ChoosePasswordAsync(RegistryAppFactory factory, string link, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetPageAsync(new Uri(link).PathAndQuery);
        var form = page.QuerySelector<IHtmlFormElement>("main form[method=post]");
        Assert.True(form is not null, "Länken ledde inte till formuläret för lösenord: " + page.Body!.ReadableText());
        using var saved = await client.SendAsync(form.Fill("Input.NewPassword", password).Fill("Input.ConfirmPassword", password));
        Assert.Contains("Lösenordet är sparat", (await ParseAsync(saved)).QuerySelector("h1")!.ReadableText(), StringComparison.Ordinal);
    }

    /// <summary>A sign-in through the form; returns the page text when it did not sign in, "" when it did.</summary>
    internal static async Task<string> SignInAttemptAsync(RegistryAppFactory factory, string email, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode == HttpStatusCode.Redirect) return "";
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync())).Body!.ReadableText();
    }
}

/// <summary>Steps the admin account tests share: real forms filled in and sent, and what the database says afterwards.</summary>
internal static class AdminTestSteps
{
    public static IHtmlFormElement Fill(this IHtmlFormElement form, string name, string value)
    {
        if (form.QuerySelector<IHtmlTextAreaElement>($"textarea[name='{name}']") is { } area)
        {
            area.Value = value;
            return form;
        }
        var input = form.QuerySelector<IHtmlInputElement>($"input[name='{name}']");
        Assert.True(input is not null, $"Formuläret har inget fält {name}.");
        input.Value = value;
        return form;
    }

    /// <summary>Picks one radio button of a group.</summary>
    public static IHtmlFormElement Choose(this IHtmlFormElement form, string name, string value)
    {
        var radios = form.QuerySelectorAll<IHtmlInputElement>($"input[type=radio][name='{name}']").ToList();
        Assert.Contains(radios, r => r.Value == value);
        foreach (var r in radios) r.IsChecked = r.Value == value;
        return form;
    }

    public static IHtmlFormElement Check(this IHtmlFormElement form, string name, string value)
    {
        var box = form.QuerySelectorAll<IHtmlInputElement>($"input[type=checkbox][name='{name}']").SingleOrDefault(b => b.Value == value);
        Assert.True(box is not null, $"Formuläret har ingen kryssruta {name}={value}.");
        box.IsChecked = true;
        return form;
    }

    public static IHtmlFormElement Uncheck(this IHtmlFormElement form, string name)
    {
        foreach (var box in form.QuerySelectorAll<IHtmlInputElement>($"input[type=checkbox][name='{name}']")) box.IsChecked = false;
        return form;
    }

    /// <summary>Sends a POST form as a browser would: its own action, antiforgery token and checked controls.</summary>
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, IHtmlFormElement form)
    {
        Assert.Equal("post", form.Method, ignoreCase: true);
        var submission = form.GetSubmission();
        Assert.NotNull(submission);
        using var reader = new StreamReader(submission.Body, Encoding.UTF8);
        var content = new StringContent(await reader.ReadToEndAsync(), Encoding.UTF8, "application/x-www-form-urlencoded");
        return await client.PostAsync(new Uri(new Uri(submission.Target.Href).PathAndQuery, UriKind.Relative), content);
    }

    /// <summary>The path a redirect points to, without host or query.</summary>
    public static string? RedirectPath(this HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location)).AbsolutePath
            : null;

    public static async Task<StaffUser> FindUserAsync(this RegistryAppFactory app, string email) =>
        await app.FindUserOrNullAsync(email) ?? throw new InvalidOperationException($"Inget konto {email}.");

    public static async Task<StaffUser?> FindUserOrNullAsync(this RegistryAppFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email);
    }

    public static async Task<bool> IsInRoleAsync(this RegistryAppFactory app, string email, string role)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, role);
    }

    public static async Task<List<string>> OrganisationSlugsAsync(this RegistryAppFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.Users.Where(u => u.Email == email).SelectMany(u => u.Organisations).Select(o => o.Slug).OrderBy(s => s).ToListAsync();
    }

    public static async Task<int> OrganisationIdAsync(this RegistryAppFactory app, string slug)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Organisations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync();
    }

    /// <summary>The audit events about one account, oldest first.</summary>
    public static async Task<List<AuditEvent>> AuditAsync(this RegistryAppFactory app, string subject)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.AuditEvents.Where(e => e.Subject == subject).OrderBy(e => e.Id).ToListAsync();
    }
}
