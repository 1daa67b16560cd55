using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Cli;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>The <c>users</c> commands that create the first admin and serve scripts, run against the test app's services.</summary>
[Collection(SeededApp.Name)]
public partial class UsersCommandTests(RegistryAppFactory app)
{
    private sealed record Outcome(int ExitCode, string Out, string Error);

    private async Task<Outcome> RunAsync(string stdin, params string[] args)
    {
        var command = CliCommand.Parse(args);
        Assert.NotNull(command);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await command.RunAsync(app.Services, new StringReader(stdin), output, error);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    private static string NewEmail() => $"cli-{Guid.NewGuid():N}@example.se";

    [Fact]
    public async Task Adding_an_admin_with_a_password_on_standard_input_lets_it_sign_in()
    {
        var email = NewEmail();

        var result = await RunAsync(StaffSession.Password + "\n", "users", "add", "--email", email, "--role", "Admin");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(email, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(StaffSession.Password, result.Out, StringComparison.Ordinal);
        Assert.True(await app.IsInRoleAsync(email, Roles.Admin));
        var client = await app.SignedInClientAsync(email);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri("/admin/konton", UriKind.Relative))).StatusCode);
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.AccountCreated);
    }

    [Fact]
    public async Task Without_a_password_one_is_generated_printed_once_and_works()
    {
        var email = NewEmail();

        var result = await RunAsync("", "users", "add", "--email", email, "--role", "Editor", "--organisation", "leader-polaris");

        Assert.Equal(0, result.ExitCode);
        var printed = GeneratedPassword().Matches(result.Out);
        Assert.Single(printed);
        var client = await app.SignedInClientAsync(email, printed[0].Groups[1].Value);
        Assert.Equal(new[] { "leader-polaris" }, await app.OrganisationSlugsAsync(email));
        // Printed on a terminal: the account chooses its own before anything else.
        Assert.Equal("/admin/mitt-konto", (await client.GetAsync(new Uri("/admin", UriKind.Relative))).RedirectPath());
    }

    [Theory]
    [InlineData("Chef", StaffSession.Password, "Rollen måste vara Admin eller Editor")]
    [InlineData("Admin", "kort fras", "Lösenordet måste ha minst 12 tecken")]
    [InlineData("Admin", "password1234", "Lösenordet är för vanligt")]
    [InlineData("Admin", "qwertyuiopas", "Lösenordet är för lätt att gissa")]
    public async Task A_bad_role_or_password_exits_1_with_a_Swedish_message_and_creates_nothing(string role, string password, string message)
    {
        var email = NewEmail();

        var result = await RunAsync(password + "\n", "users", "add", "--email", email, "--role", role);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Null(await app.FindUserOrNullAsync(email));
    }

    [Fact]
    public async Task Resetting_two_factor_lets_the_account_sign_in_with_its_password_and_set_up_a_new_app()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        }
        Assert.Equal("", await AccountsTests.SignInAttemptAsync(app, email, StaffSession.Password));

        var result = await RunAsync("", "users", "reset-two-factor", "--email", email);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("nollställd", result.Out, StringComparison.Ordinal);
        Assert.False((await app.FindUserAsync(email)).TwoFactorEnabled);
        // Signs in with the password alone (the test app does not require the second factor); no old recovery code is left.
        var client = await app.SignedInClientAsync(email);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri("/admin/mitt-konto", UriKind.Relative))).StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            Assert.Equal(0, await users.CountRecoveryCodesAsync((await users.FindByEmailAsync(email))!));
        }
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.TwoFactorDisabled && e.Detail == "kommandoraden");
    }

    [Fact]
    public async Task A_password_reset_on_the_command_line_must_be_replaced_at_the_next_sign_in()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");

        var result = await RunAsync("", "users", "reset-password", "--email", email);

        Assert.Equal(0, result.ExitCode);
        var printed = GeneratedPassword().Matches(result.Out);
        var client = await app.SignedInClientAsync(email, Assert.Single(printed).Groups[1].Value);
        using var sent = await client.GetAsync(new Uri("/admin/projekt", UriKind.Relative));
        Assert.Equal("/admin/mitt-konto?byt-losenord=1", sent.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Disabling_from_the_command_line_stops_sign_in()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");

        var result = await RunAsync("", "users", "disable", "--email", email);

        Assert.Equal(0, result.ExitCode);
        Assert.True((await app.FindUserAsync(email)).IsDisabled);
        Assert.Contains("Fel e-postadress eller lösenord", await AccountsTests.SignInAttemptAsync(app, email, StaffSession.Password), StringComparison.Ordinal);
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.SignInDisabledAccount);
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.AccountDisabled);
    }

    [Fact]
    public async Task Disabling_an_unknown_account_exits_1()
    {
        var result = await RunAsync("", "users", "disable", "--email", NewEmail());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Det finns inget konto", result.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Lösenord \(visas bara nu\): (\S+)")]
    private static partial Regex GeneratedPassword();
}
