using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Infrastructure.Cli;

/// <summary>
/// <c>users add --email E --role Admin|Editor [--organisation SLUG]... [--generate-password]</c>,
/// <c>users list</c>, <c>users disable|enable --email E</c>, <c>users reset-password --email E [--generate-password]</c>,
/// <c>users reset-two-factor --email E</c>:
/// the first admin and scripts. A password is read from standard input (its first line), never from the
/// command line where other users and the shell history would see it; without one, one is generated and printed once.
/// </summary>
internal static class UsersCommand
{
    public static async Task<int> RunAsync(CliCommand command, IServiceProvider services, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var db = sp.GetRequiredService<RegistryDbContext>();
        var audit = sp.GetRequiredService<AuditLog>();
        switch (command.Verb)
        {
            case "add":
                return await AddAsync(command, users, db, audit, sp.GetRequiredService<TimeProvider>(), stdin, stdout, stderr);
            case "list":
                foreach (var u in await db.Users.Include(x => x.Organisations).OrderBy(x => x.Email).ToListAsync())
                {
                    var roles = await users.GetRolesAsync(u);
                    await stdout.WriteLineAsync($"{u.Email}\t{string.Join(",", roles)}\t{(u.IsDisabled ? "inaktiverat" : "aktivt")}\t{string.Join(",", u.Organisations.Select(o => o.Slug))}");
                }
                return 0;
            case "disable" or "enable":
            {
                var user = await FindAsync(command, users, stderr);
                if (user is null) return 1;
                user.IsDisabled = command.Verb == "disable";
                await users.UpdateAsync(user);
                await users.UpdateSecurityStampAsync(user);
                await audit.WriteAsync(user.IsDisabled ? AuditKind.AccountDisabled : AuditKind.AccountEnabled, user.Email, "kommandoraden");
                await stdout.WriteLineAsync($"Kontot {user.Email} är {(user.IsDisabled ? "inaktiverat" : "aktivt igen")}.");
                return 0;
            }
            case "reset-password":
            {
                var user = await FindAsync(command, users, stderr);
                if (user is null) return 1;
                var (password, generated) = await ReadPasswordAsync(command, stdin);
                // Whoever ran the command knows it: the account chooses its own at the next sign-in.
                user.MustChangePassword = true;
                var token = await users.GeneratePasswordResetTokenAsync(user);
                var result = await users.ResetPasswordAsync(user, token, password);
                if (!result.Succeeded) return await FailAsync(stderr, result.Errors.Select(e => e.Description));
                await users.SetLockoutEndDateAsync(user, null);
                await audit.WriteAsync(AuditKind.PasswordReset, user.Email, "kommandoraden");
                await stdout.WriteLineAsync($"Nytt lösenord satt för {user.Email}.");
                if (generated) await stdout.WriteLineAsync($"Lösenord (visas bara nu): {password}");
                return 0;
            }
            case "reset-two-factor":
            {
                // For a lost phone without recovery codes, or a lost key file: the app no longer works. The account
                // signs in with its password and (where two-factor sign-in is required) sets up a new app at once.
                var user = await FindAsync(command, users, stderr);
                if (user is null) return 1;
                await users.SetTwoFactorEnabledAsync(user, false);
                await users.ResetAuthenticatorKeyAsync(user);
                await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
                await audit.WriteAsync(AuditKind.TwoFactorDisabled, user.Email, "kommandoraden");
                await stdout.WriteLineAsync($"Tvåstegsverifieringen för {user.Email} är nollställd. Kontot loggar in med lösenordet och ställer in en ny app.");
                return 0;
            }
            default:
                await stderr.WriteLineAsync("Användning: users add --email E-POST --role Admin|Editor [--organisation SLUG] [--generate-password]");
                await stderr.WriteLineAsync("            users list | users disable --email E-POST | users enable --email E-POST");
                await stderr.WriteLineAsync("            users reset-password --email E-POST [--generate-password]");
                await stderr.WriteLineAsync("            users reset-two-factor --email E-POST");
                return 2;
        }
    }

    private static async Task<int> AddAsync(
        CliCommand command, UserManager<StaffUser> users, RegistryDbContext db, AuditLog audit, TimeProvider clock,
        TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var email = command.One("email");
        var role = command.One("role");
        if (email is null || role is null) return await FailAsync(stderr, ["Ange både --email och --role (Admin eller Editor)."]);
        var slugs = command.Options.GetValueOrDefault("organisation") ?? [];
        var organisations = await db.Organisations.Where(o => slugs.Contains(o.Slug)).ToListAsync();
        var unknown = slugs.Except(organisations.Select(o => o.Slug)).ToList();
        if (unknown.Count > 0) return await FailAsync(stderr, unknown.Select(s => $"Organisationen ”{s}” finns inte."));

        var (password, generated) = await ReadPasswordAsync(command, stdin);
        var (user, errors) = await StaffAccounts.CreateAsync(users, db, clock, email, role, password, organisations.Select(o => o.Id).ToList(), mustChangePassword: generated);
        if (user is null) return await FailAsync(stderr, errors);
        await audit.WriteAsync(AuditKind.AccountCreated, user.Email, $"{Roles.Label(role)}, skapat från kommandoraden");
        await stdout.WriteLineAsync($"Kontot {user.Email} ({Roles.Label(role)}) är skapat.");
        if (generated) await stdout.WriteLineAsync($"Lösenord (visas bara nu): {password}");
        return 0;
    }

    private static async Task<(string Password, bool Generated)> ReadPasswordAsync(CliCommand command, TextReader stdin)
    {
        if (!command.Options.ContainsKey("generate-password"))
        {
            var line = Console.IsInputRedirected || stdin != Console.In ? await stdin.ReadLineAsync() : ReadHidden();
            if (!string.IsNullOrEmpty(line)) return (line, false);
        }
        return (StaffAccounts.GeneratePassword(), true);
    }

    /// <summary>At a terminal: ask for the password without echoing it.</summary>
    private static string ReadHidden()
    {
        Console.Error.Write("Lösenord (minst 12 tecken; tomt för att få ett genererat): ");
        var chars = new List<char>();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (chars.Count > 0) chars.RemoveAt(chars.Count - 1); }
            else if (!char.IsControl(key.KeyChar)) chars.Add(key.KeyChar);
        }
        Console.Error.WriteLine();
        return new string(chars.ToArray());
    }

    private static async Task<StaffUser?> FindAsync(CliCommand command, UserManager<StaffUser> users, TextWriter stderr)
    {
        var email = command.One("email");
        var user = email is null ? null : await users.FindByEmailAsync(email);
        if (user is null) await stderr.WriteLineAsync(email is null ? "Ange --email." : $"Det finns inget konto med e-postadressen {email}.");
        return user;
    }

    private static async Task<int> FailAsync(TextWriter stderr, IEnumerable<string> errors)
    {
        foreach (var e in errors) await stderr.WriteLineAsync(e);
        return 1;
    }
}
