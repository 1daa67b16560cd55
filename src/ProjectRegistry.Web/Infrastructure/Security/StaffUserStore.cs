using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>
/// Identity's store, but the secrets of two-factor sign-in never lie in the database as plain text: the
/// authenticator key (the TOTP secret) is encrypted with data protection, whose key ring is itself encrypted with
/// the key file; recovery codes are kept only as hashes.
/// </summary>
public sealed class StaffUserStore(RegistryDbContext context, IDataProtectionProvider dataProtection, IdentityErrorDescriber describer, ILogger<StaffUserStore> logger)
    : UserStore<StaffUser, IdentityRole, RegistryDbContext>(context, describer)
{
    /// <summary>Identity's own names for the rows in AspNetUserTokens.</summary>
    public const string InternalLoginProvider = "[AspNetUserStore]";
    public const string AuthenticatorKeyName = "AuthenticatorKey";
    public const string RecoveryCodesName = "RecoveryCodes";

    /// <summary>Tells an encrypted key and hashed codes from the plain values that versions before them stored.</summary>
    public const string ProtectedPrefix = "dp1:";
    public const string HashedPrefix = "pbkdf2:";

    private readonly IDataProtector _protector = AuthenticatorKeyProtector(dataProtection);

    public static IDataProtector AuthenticatorKeyProtector(IDataProtectionProvider provider) =>
        provider.CreateProtector("ProjectRegistry.AuthenticatorKey");

    public override Task SetAuthenticatorKeyAsync(StaffUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, InternalLoginProvider, AuthenticatorKeyName, ProtectedPrefix + _protector.Protect(key), cancellationToken);

    /// <summary>
    /// Null when the key cannot be decrypted (the key file was replaced): the app then accepts no code from it,
    /// and its owner signs in with a recovery code and sets up the app again.
    /// </summary>
    public override async Task<string?> GetAuthenticatorKeyAsync(StaffUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, InternalLoginProvider, AuthenticatorKeyName, cancellationToken);
        // A plain key of an earlier version; SecretsAtRest encrypts those at start.
        if (stored is null || !stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal)) return stored;
        try
        {
            return _protector.Unprotect(stored[ProtectedPrefix.Length..]);
        }
        catch (CryptographicException e)
        {
            logger.LogWarning(e, "Autentiseringsnyckeln för användare {UserId} går inte att dekryptera (är nyckelfilen utbytt?)", user.Id);
            return null;
        }
    }

    public override Task ReplaceCodesAsync(StaffUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, InternalLoginProvider, RecoveryCodesName, HashCodes(user.Id, recoveryCodes), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(StaffUser user, string code, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, InternalLoginProvider, RecoveryCodesName, cancellationToken) ?? "";
        if (!stored.StartsWith(HashedPrefix, StringComparison.Ordinal)) return await base.RedeemCodeAsync(user, code, cancellationToken);
        var hashes = stored[HashedPrefix.Length..].Split(';', StringSplitOptions.RemoveEmptyEntries);
        var given = Convert.FromBase64String(Hash(user.Id, code));
        var match = hashes.FirstOrDefault(h => CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(h), given));
        if (match is null) return false;
        await SetTokenAsync(user, InternalLoginProvider, RecoveryCodesName, HashedPrefix + string.Join(';', hashes.Where(h => h != match)), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(StaffUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, InternalLoginProvider, RecoveryCodesName, cancellationToken) ?? "";
        return stored.StartsWith(HashedPrefix, StringComparison.Ordinal)
            ? stored[HashedPrefix.Length..].Split(';', StringSplitOptions.RemoveEmptyEntries).Length
            : await base.CountCodesAsync(user, cancellationToken);
    }

    public static string HashCodes(string userId, IEnumerable<string> codes) =>
        HashedPrefix + string.Join(';', codes.Select(c => Hash(userId, c)));

    /// <summary>
    /// PBKDF2-SHA256, 100,000 iterations, salted with the account. A code is 10 random characters of 26 (47 bits)
    /// and only stands in for the second factor, so SHA-256 alone would do against someone who must also know the
    /// password; the iterations make brute-forcing a stolen backup's codes cost years instead of hours, for one
    /// 40 ms hash per sign-in with a code. Hashed, not encrypted: the codes still work when the key file is lost,
    /// which is when they are needed.
    /// </summary>
    private static string Hash(string userId, string code) => Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2(
        Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant()), Encoding.UTF8.GetBytes("recovery-code:" + userId),
        100_000, HashAlgorithmName.SHA256, 32));
}
