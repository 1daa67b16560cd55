using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>Creating accounts and new passwords, the same way from the command line and the admin pages.</summary>
public static class StaffAccounts
{
    // No look-alike characters (0/O, 1/l/I), so a password read aloud or copied by hand survives.
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    /// <summary>A random password of 24 characters in groups of four: about 117 bits.</summary>
    public static string GeneratePassword()
    {
        var chars = new char[24];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }

    /// <summary>
    /// Creates an account with one role and, for an editor, its organisations. Errors are Swedish. A generated
    /// password (<paramref name="mustChangePassword"/>) must be replaced by the account's own at first sign-in.
    /// Without a password (the admin pages) the account cannot sign in until its owner chooses one from an
    /// invitation link (PasswordLinks).
    /// </summary>
    public static async Task<(StaffUser? User, IReadOnlyList<string> Errors)> CreateAsync(
        UserManager<StaffUser> users, RegistryDbContext db, TimeProvider clock,
        string email, string role, string? password, IReadOnlyCollection<int> organisationIds, bool mustChangePassword = false)
    {
        var errors = new List<string>();
        email = email.Trim();
        if (!Roles.All.Contains(role)) errors.Add($"Rollen måste vara {string.Join(" eller ", Roles.All)}.");
        if (!EmailAddress.IsValid(email)) errors.Add($"”{email}” är ingen giltig e-postadress.");
        if (role == Roles.Editor && organisationIds.Count == 0)
            errors.Add("En redaktör behöver minst en organisation vars projekt kontot ska redigera (--organisation SLUG).");
        if (errors.Count > 0) return (null, errors);

        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime, MustChangePassword = mustChangePassword };
        user.Organisations.AddRange(await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToListAsync());
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded) return (null, created.Errors.Select(e => e.Description).ToList());
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
            return (null, added.Errors.Select(e => e.Description).ToList());
        }
        return (user, []);
    }
}
