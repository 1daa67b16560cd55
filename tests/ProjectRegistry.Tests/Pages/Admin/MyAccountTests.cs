using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using ProjectRegistry.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Tests.Pages.Admin;

[Collection(SeededApp.Name)]
public class MyAccountTests(RegistryAppFactory app)
{
    private const string NewPassword = "blåbärsris vid älven i augusti";

    [Fact]
    public async Task My_account_shows_my_e_mail_role_and_organisations()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var client = await app.SignedInClientAsync(email);

        var page = await client.GetPageAsync("/admin/mitt-konto");

        var facts = page.QuerySelector("dl.facts")!.ReadableText();
        Assert.Contains(email, facts, StringComparison.Ordinal);
        Assert.Contains("Redaktör", facts, StringComparison.Ordinal);
        Assert.Contains("Malå", facts, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/admin/mitt-konto/tvastegs']"));
    }

    [Fact]
    public async Task Changing_my_password_keeps_me_signed_in_and_only_the_new_one_works()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var client = await app.SignedInClientAsync(email);

        using var response = await client.SendAsync(await PasswordFormAsync(client, StaffSession.Password, NewPassword, NewPassword));

        Assert.Equal("/admin/mitt-konto", response.RedirectPath());
        var page = await client.GetPageAsync("/admin/mitt-konto");
        Assert.Contains("Ditt lösenord är bytt", page.QuerySelector(".notice[role=status]")?.ReadableText() ?? "", StringComparison.Ordinal);
        Assert.Contains("Fel e-postadress eller lösenord", await AccountsTests.SignInAttemptAsync(app, email, StaffSession.Password), StringComparison.Ordinal);
        await app.SignedInClientAsync(email, NewPassword);
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.PasswordChanged);
    }

    [Theory]
    [InlineData("fel nuvarande lösenord", NewPassword, NewPassword, "#Input_CurrentPassword", "Det nuvarande lösenordet stämmer inte")]
    [InlineData(StaffSession.Password, NewPassword, "blåbärsris vid älven i juli", "#Input_ConfirmPassword", "inte likadana")]
    [InlineData(StaffSession.Password, "kort fras", "kort fras", "#Input_NewPassword", "minst 12 tecken")]
    [InlineData(StaffSession.Password, "password1234", "password1234", "#Input_NewPassword", "för vanligt")]
    [InlineData(StaffSession.Password, "qwertyuiopas", "qwertyuiopas", "#Input_NewPassword", "för lätt att gissa")]
    public async Task A_refused_password_change_says_why_in_Swedish_at_the_field(
        string current, string next, string again, string field, string message)
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var client = await app.SignedInClientAsync(email);

        using var response = await client.SendAsync(await PasswordFormAsync(client, current, next, again));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        var error = page.QuerySelector(field)?.Closest(".form-group")?.QuerySelector(".field-error")?.ReadableText() ?? "";
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".error-summary"));
        await app.SignedInClientAsync(email);
        Assert.DoesNotContain(await app.AuditAsync(email), e => e.Kind == AuditKind.PasswordChanged);
    }

    [Fact]
    public async Task Setting_up_an_authenticator_app_makes_sign_in_ask_for_a_code()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var client = await app.SignedInClientAsync(email);
        var setup = await client.GetPageAsync("/admin/mitt-konto/tvastegs");
        var key = SharedKey(setup);
        var qr = setup.QuerySelector<IHtmlImageElement>(".qr img");
        Assert.NotNull(qr);
        Assert.StartsWith("data:image/png;base64,", qr.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal("QR-kod för autentiseringsappen", qr.AlternativeText);

        using var response = await client.SendAsync(EnableForm(setup).Fill("Enable.Code", Totp.Code(key)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var done = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(10, done.QuerySelectorAll("code.secret").Length);
        Assert.True((await app.FindUserAsync(email)).TwoFactorEnabled);
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.TwoFactorEnabled);
        // This session goes on; the next sign-in asks for a code.
        Assert.Contains("På", (await client.GetPageAsync("/admin/mitt-konto")).QuerySelector("dl.facts")!.ReadableText(), StringComparison.Ordinal);
        // The next code: the one that turned it on has been used.
        var next = await SignInWithCodeAsync(app, email, () => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync(new Uri("/admin/mitt-konto", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_instead_of_the_app_code()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var client = await app.SignedInClientAsync(email);
        var setup = await client.GetPageAsync("/admin/mitt-konto/tvastegs");
        using var response = await client.SendAsync(EnableForm(setup).Fill("Enable.Code", Totp.Code(SharedKey(setup))));
        var codes = (await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelectorAll("code.secret").Select(c => c.TextContent).ToList();

        var next = await SignInWithCodeAsync(app, email, () => codes[0]);

        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync(new Uri("/admin/mitt-konto", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_wrong_code_does_not_turn_on_two_factor()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var client = await app.SignedInClientAsync(email);
        var setup = await client.GetPageAsync("/admin/mitt-konto/tvastegs");
        var wrong = ((int.Parse(Totp.Code(SharedKey(setup)), CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

        using var response = await client.SendAsync(EnableForm(setup).Fill("Enable.Code", wrong));

        var page = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("Koden stämmer inte", page.QuerySelector("#Enable_Code")?.Closest(".form-group")?.ReadableText() ?? "", StringComparison.Ordinal);
        Assert.Equal(SharedKey(setup), SharedKey(page));
        Assert.False((await app.FindUserAsync(email)).TwoFactorEnabled);
    }

    [Fact]
    public async Task Turning_off_two_factor_needs_my_password_and_sign_in_stops_asking_for_a_code()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var client = await app.SignedInClientAsync(email);
        var setup = await client.GetPageAsync("/admin/mitt-konto/tvastegs");
        (await client.SendAsync(EnableForm(setup).Fill("Enable.Code", Totp.Code(SharedKey(setup))))).Dispose();

        using (var refused = await client.SendAsync(await DisableFormAsync(client, "inte mitt lösenord alls")))
        {
            var page = await StaffSession.ParseAsync(await refused.Content.ReadAsStringAsync());
            Assert.Contains("Lösenordet stämmer inte", page.QuerySelector("#Disable_Password")?.Closest(".form-group")?.ReadableText() ?? "", StringComparison.Ordinal);
            Assert.True((await app.FindUserAsync(email)).TwoFactorEnabled);
        }
        using var response = await client.SendAsync(await DisableFormAsync(client, StaffSession.Password));

        Assert.Equal("/admin/mitt-konto/tvastegs", response.RedirectPath());
        Assert.False((await app.FindUserAsync(email)).TwoFactorEnabled);
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.TwoFactorDisabled);
        await app.SignedInClientAsync(email);
    }

    [Fact]
    public async Task By_default_every_account_without_two_factor_is_sent_to_set_it_up_and_can_only_replace_it()
    {
        await using var strict = new RegistryAppFactory { Settings = new() { ["Security:RequireTwoFactor"] = "true" } };
        foreach (var role in new[] { Roles.Admin, Roles.Editor })
        {
            var email = await strict.CreateStaffAsync(role, role == Roles.Editor ? new[] { "leader-polaris" } : Array.Empty<string>());
            var client = await strict.SignedInClientAsync(email);

            foreach (var url in new[] { "/admin", "/admin/mitt-konto", "/admin/projekt" })
            {
                using var sent = await client.GetAsync(new Uri(url, UriKind.Relative));
                Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
                Assert.Equal("/admin/mitt-konto/tvastegs?krav=1", sent.Headers.Location?.OriginalString);
            }
            var setup = await client.GetPageAsync("/admin/mitt-konto/tvastegs?krav=1");
            Assert.Contains("Alla konton måste använda tvåstegsverifiering", setup.QuerySelector("main")!.ReadableText(), StringComparison.Ordinal);
            var key = SharedKey(setup);
            (await client.SendAsync(EnableForm(setup).Fill("Enable.Code", Totp.Code(key)))).Dispose();

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/admin/projekt", UriKind.Relative))).StatusCode);
            // It cannot be turned off, only replaced: the old app stops working and the account is held on the setup page.
            var enabled = await client.GetPageAsync("/admin/mitt-konto/tvastegs");
            Assert.Contains("kan inte stängas av", enabled.QuerySelector("main")!.ReadableText(), StringComparison.Ordinal);
            using var replaced = await client.SendAsync(await DisableFormAsync(client, StaffSession.Password));
            Assert.Equal("/admin/mitt-konto/tvastegs", replaced.RedirectPath());
            Assert.False((await strict.FindUserAsync(email)).TwoFactorEnabled);
            using (var held = await client.GetAsync(new Uri("/admin/projekt", UriKind.Relative)))
                Assert.Equal("/admin/mitt-konto/tvastegs?krav=1", held.Headers.Location?.OriginalString);
            Assert.NotEqual(key, SharedKey(await client.GetPageAsync("/admin/mitt-konto/tvastegs")));
        }
    }

    [Fact]
    public void Two_factor_sign_in_is_required_by_default_in_the_code_and_in_appsettings_json()
    {
        Assert.True(new StaffSecurityOptions().RequireTwoFactor);
        var root = app.Services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var production = new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "appsettings.json")).Build()
            .GetSection(StaffSecurityOptions.Section).Get<StaffSecurityOptions>();
        Assert.NotNull(production);
        Assert.True(production.RequireTwoFactor);
        Assert.Equal(30, production.IdleTimeoutMinutes);
        Assert.Equal(8, production.AbsoluteTimeoutHours);
        // Only the local trial (dotnet run, the Development launch profile) signs in with a password alone.
        var development = new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "appsettings.json"))
            .AddJsonFile(Path.Combine(root, "appsettings.Development.json")).Build();
        Assert.Equal("False", development["Security:RequireTwoFactor"], ignoreCase: true);
    }

    [Fact]
    public async Task A_code_from_the_app_is_accepted_only_once()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var client = await app.SignedInClientAsync(email);
        var setup = await client.GetPageAsync("/admin/mitt-konto/tvastegs");
        var key = SharedKey(setup);
        var code = Totp.Code(key);
        (await client.SendAsync(EnableForm(setup).Fill("Enable.Code", code))).Dispose();
        Assert.True((await app.FindUserAsync(email)).TwoFactorEnabled);

        // The code that turned it on, still within its 30 seconds, does not sign in.
        Assert.Contains("redan använts", await SecondStepAsync(app, email, code), StringComparison.Ordinal);
        var next = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.Equal("", await SecondStepAsync(app, email, next));
        // Nor does a code that signed in once, nor an earlier one.
        Assert.Contains("redan använts", await SecondStepAsync(app, email, next), StringComparison.Ordinal);
        Assert.Contains("redan använts", await SecondStepAsync(app, email, Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(-30))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turning_two_factor_on_needs_my_password_and_wrong_ones_lock_the_account()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var client = await app.SignedInClientAsync(email);
        var setup = await client.GetPageAsync("/admin/mitt-konto/tvastegs");
        var key = SharedKey(setup);

        using (var refused = await client.SendAsync(EnableForm(setup).Fill("Enable.Code", Totp.Code(key)).Fill("Enable.Password", "inte mitt lösenord alls")))
        {
            var page = await StaffSession.ParseAsync(await refused.Content.ReadAsStringAsync());
            Assert.Contains("Lösenordet stämmer inte", page.QuerySelector("#Enable_Password")?.Closest(".form-group")?.ReadableText() ?? "", StringComparison.Ordinal);
        }
        Assert.False((await app.FindUserAsync(email)).TwoFactorEnabled);
        Assert.Equal(1, (await app.FindUserAsync(email)).AccessFailedCount);

        for (var i = 0; i < 3; i++)
        {
            (await client.SendAsync(EnableForm(await client.GetPageAsync("/admin/mitt-konto/tvastegs"))
                .Fill("Enable.Code", Totp.Code(key)).Fill("Enable.Password", "inte mitt lösenord alls"))).Dispose();
        }
        using var fifth = await client.SendAsync(EnableForm(await client.GetPageAsync("/admin/mitt-konto/tvastegs"))
            .Fill("Enable.Code", Totp.Code(key)).Fill("Enable.Password", "inte mitt lösenord alls"));
        // The fifth wrong password locks the account and ends the session, as five wrong sign-ins would.
        Assert.Equal("/admin/logga-in", fifth.RedirectPath());
        Assert.True((await app.FindUserAsync(email)).LockoutEnd > DateTimeOffset.UtcNow);
        Assert.Equal("/admin/logga-in", (await client.GetAsync(new Uri("/admin/mitt-konto", UriKind.Relative))).RedirectPath());
        Assert.Contains("spärrat", await AccountsTests.SignInAttemptAsync(app, email, StaffSession.Password), StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_TOTP_helper_matches_the_RFC_6238_test_vector()
    {
        // RFC 6238 appendix B: SHA-1, key "12345678901234567890", T = 59 s gives 94287082 (eight digits).
        const string key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        Assert.Equal("287082", Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(59)));
    }

    private static async Task<IHtmlFormElement> PasswordFormAsync(HttpClient client, string current, string next, string again) =>
        (await client.GetPageAsync("/admin/mitt-konto")).QuerySelector<IHtmlFormElement>("main form[action*='handler=ChangePassword']")!
            .Fill("Input.CurrentPassword", current).Fill("Input.NewPassword", next).Fill("Input.ConfirmPassword", again);

    private static async Task<IHtmlFormElement> DisableFormAsync(HttpClient client, string password) =>
        (await client.GetPageAsync("/admin/mitt-konto/tvastegs")).QuerySelector<IHtmlFormElement>("main form[action*='handler=Disable']")!
            .Fill("Disable.Password", password);

    /// <summary>The form that turns it on, with my password filled in (it asks for it again).</summary>
    private static IHtmlFormElement EnableForm(IDocument page)
    {
        var form = page.QuerySelector<IHtmlFormElement>("main form[action*='handler=Enable']");
        Assert.NotNull(form);
        return form.Fill("Enable.Password", StaffSession.Password);
    }

    /// <summary>Password, then a code: "" when it signed in, else the page's text.</summary>
    private static async Task<string> SecondStepAsync(RegistryAppFactory factory, string email, string code)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var first = await client.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = StaffSession.Password });
        Assert.Equal("/admin/logga-in/verifiering", first.RedirectPath());
        using var second = await client.PostFormAsync("/admin/logga-in/verifiering", new() { ["Code"] = code });
        if (second.StatusCode == HttpStatusCode.Redirect) return "";
        return (await StaffSession.ParseAsync(await second.Content.ReadAsStringAsync())).Body!.ReadableText();
    }

    /// <summary>The key as the page shows it for typing by hand ("abcd efgh ..."), as the app would take it.</summary>
    private static string SharedKey(IDocument page)
    {
        var shown = page.QuerySelector("#authenticator-key")?.TextContent;
        Assert.NotNull(shown);
        Assert.Matches("^([a-z2-7]{4} )*[a-z2-7]{1,4}$", shown);
        return shown.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
    }

    /// <summary>Signs in with the password, is asked for a code, and gives it: a client signed in with two factors.</summary>
    internal static async Task<HttpClient> SignInWithCodeAsync(RegistryAppFactory factory, string email, Func<string> code)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var first = await client.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = StaffSession.Password });
        Assert.Equal("/admin/logga-in/verifiering", first.RedirectPath());
        using (var withoutCode = await client.GetAsync(new Uri("/admin/mitt-konto", UriKind.Relative)))
            Assert.Equal("/admin/logga-in", withoutCode.RedirectPath());
        using var second = await client.PostFormAsync("/admin/logga-in/verifiering", new() { ["Code"] = code() });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/admin", second.RedirectPath());
        return client;
    }
}

/// <summary>RFC 6238 time-based codes (HMAC-SHA1, 30 seconds, six digits), as an authenticator app computes them.</summary>
internal static class Totp
{
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var counter = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var message = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1.
        var hash = HMACSHA1.HashData(Base32(base32Key), message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits < 8) continue;
            bytes.Add((byte)(buffer >> (bits - 8)));
            bits -= 8;
        }
        return [.. bytes];
    }
}
