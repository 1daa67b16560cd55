using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>
/// Links to choose a password: an invitation for a new account (72 hours) and a reset asked for on the sign-in page
/// (one hour). The link carries the account's id and 256 random bits; only the bits' SHA-256 is stored, with the
/// times, as a row of AspNetUserTokens (one per account and kind: a new link replaces the last). Used once: the row
/// is deleted by the same statement that checks it is still there, so two tabs cannot both use one link.
/// </summary>
public sealed class PasswordLinks(RegistryDbContext db, TimeProvider clock)
{
    // Not Identity's own provider names, so that the store's TOTP and recovery-code handling never touches these.
    private const string Provider = "[Registret]";
    public const string Invitation = "inbjudan";
    public const string Reset = "aterstallning";
    public const string PagePath = "/admin/valj-losenord";

    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromHours(72);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);

    /// <summary>At most one reset mail per account in this time, however often it is asked for.</summary>
    public static readonly TimeSpan ResetInterval = TimeSpan.FromMinutes(5);

    public sealed record Found(StaffUser User, string Kind);

    /// <summary>A new link's code (the query value of <see cref="PagePath"/>); any earlier one of the kind stops working.</summary>
    public async Task<string> IssueAsync(StaffUser user, string kind, CancellationToken ct = default)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var value = string.Join('|', (now + (kind == Invitation ? InvitationLifetime : ResetLifetime)).ToString("O", CultureInfo.InvariantCulture),
            now.ToString("O", CultureInfo.InvariantCulture), Hash(secret));
        await db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == Provider && t.Name == kind).ExecuteDeleteAsync(ct);
        db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = Provider, Name = kind, Value = value });
        await db.SaveChangesAsync(ct);
        return $"{user.Id}.{secret}";
    }

    public static string Url(string baseUrl, string code) => $"{baseUrl}{PagePath}?kod={Uri.EscapeDataString(code)}";

    /// <summary>When the account's last link of the kind was made, or null.</summary>
    public async Task<DateTime?> IssuedAtAsync(string userId, string kind, CancellationToken ct = default)
    {
        var value = await Row(userId, kind).Select(t => t.Value).FirstOrDefaultAsync(ct);
        return Parse(value) is { } v ? v.Issued : null;
    }

    /// <summary>The account a code belongs to, while it is unused and within its time; otherwise null.</summary>
    public async Task<Found?> FindAsync(string? code, CancellationToken ct = default)
    {
        if (code is null || code.Length > 200 || code.Split('.') is not [var userId, var secret] || secret.Length == 0) return null;
        var rows = await db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.LoginProvider == Provider && (t.Name == Invitation || t.Name == Reset))
            .Select(t => new { t.Name, t.Value }).ToListAsync(ct);
        var hash = Encoding.ASCII.GetBytes(Hash(secret));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
        {
            if (Parse(row.Value) is not { } v || v.Expires <= now) continue;
            if (!CryptographicOperations.FixedTimeEquals(hash, Encoding.ASCII.GetBytes(v.Hash))) continue;
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
            return user is null || user.IsDisabled ? null : new Found(user, row.Name);
        }
        return null;
    }

    /// <summary>Uses up the link (true), or false when another request used it first.</summary>
    public async Task<bool> ConsumeAsync(string? code, Found found, CancellationToken ct = default)
    {
        var secret = code?.Split('.') is [_, var s] ? s : "";
        var hash = Hash(secret);
        // The value ends with the hash, so the delete removes exactly the row that was checked, or nothing.
        var deleted = await Row(found.User.Id, found.Kind).Where(t => t.Value != null && t.Value.EndsWith("|" + hash)).ExecuteDeleteAsync(ct);
        return deleted == 1;
    }

    private IQueryable<IdentityUserToken<string>> Row(string userId, string kind) =>
        db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == kind);

    private static (DateTime Expires, DateTime Issued, string Hash)? Parse(string? value) =>
        value?.Split('|') is [var expires, var issued, var hash]
        && DateTime.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var e)
        && DateTime.TryParse(issued, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var i)
            ? (e, i, hash)
            : null;

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The texts of the account mails, in one place so that the admin's and the sign-in page's say the same.</summary>
public static class AccountMails
{
    public static (string Subject, string Text) Invitation(string siteName, string baseUrl, string email, string roleLabel, string link) => (
        $"Välkommen till {siteName} – välj ditt lösenord",
        $"""
        Hej!

        Du har fått ett konto som {roleLabel.ToLowerInvariant()} i {siteName}, för e-postadressen {email}.

        Välj ditt eget lösenord här. Länken gäller i 72 timmar och kan användas en gång:

        {link}

        Sedan loggar du in på {baseUrl}{StaffSecurity.SignInPath} med din e-postadress och ditt lösenord.

        Har du inte väntat dig det här meddelandet kan du bortse från det; inget konto används utan lösenord.

        Hälsningar
        {siteName}
        """);

    public static (string Subject, string Text) Reset(string siteName, string link) => (
        $"Nytt lösenord till {siteName}",
        $"""
        Hej!

        Någon har bett om ett nytt lösenord för ditt konto i {siteName}. Välj ett nytt lösenord här. Länken gäller
        i en timme och kan användas en gång:

        {link}

        Om det inte var du kan du bortse från meddelandet: ditt lösenord är oförändrat.

        Hälsningar
        {siteName}
        """);
}
