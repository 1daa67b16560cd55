using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>
/// Brings a database from before the key file up to date, once, at the start that migrates it: the key file is
/// read (or created), data-protection keys stored unencrypted are deleted (a copy of an old backup holds them,
/// so they must no longer be accepted: staff sign in again, under a new, encrypted key), and plain authenticator
/// keys and recovery codes are encrypted and hashed. Later starts find nothing to do.
/// </summary>
public static class SecretsAtRest
{
    public static async Task UpgradeAsync(IServiceProvider scoped, ILogger logger)
    {
        // A key file that cannot be read or created stops the start here with one sentence, not at the first sign-in.
        _ = scoped.GetRequiredService<DataProtectionKeyFile>().Key;
        var db = scoped.GetRequiredService<RegistryDbContext>();

        var plainKeys = (await db.DataProtectionKeys.ToListAsync()).Where(k => IsUnencryptedKey(k.Xml)).ToList();
        if (plainKeys.Count > 0)
        {
            db.DataProtectionKeys.RemoveRange(plainKeys);
            await db.SaveChangesAsync();
            logger.LogWarning(
                "{Count} okrypterade dataskyddsnycklar från en tidigare version togs bort ur databasen; en ny, krypterad nyckel skapas. " +
                "All personal behöver logga in igen", plainKeys.Count);
        }

        var tokens = await db.UserTokens
            .Where(t => t.LoginProvider == StaffUserStore.InternalLoginProvider
                && (t.Name == StaffUserStore.AuthenticatorKeyName || t.Name == StaffUserStore.RecoveryCodesName))
            .ToListAsync();
        var protector = StaffUserStore.AuthenticatorKeyProtector(scoped.GetRequiredService<IDataProtectionProvider>());
        var upgraded = 0;
        foreach (var token in tokens.Where(t => !string.IsNullOrEmpty(t.Value)))
        {
            if (token.Name == StaffUserStore.AuthenticatorKeyName && !token.Value!.StartsWith(StaffUserStore.ProtectedPrefix, StringComparison.Ordinal))
                token.Value = StaffUserStore.ProtectedPrefix + protector.Protect(token.Value);
            else if (token.Name == StaffUserStore.RecoveryCodesName && !token.Value!.StartsWith(StaffUserStore.HashedPrefix, StringComparison.Ordinal))
                token.Value = StaffUserStore.HashCodes(token.UserId, token.Value.Split(';', StringSplitOptions.RemoveEmptyEntries));
            else
                continue;
            upgraded++;
        }
        if (upgraded == 0) return;
        await db.SaveChangesAsync();
        logger.LogWarning("{Count} autentiseringsnycklar och reservkodslistor från en tidigare version är nu krypterade respektive hashade", upgraded);
    }

    /// <summary>A key element whose secret is not inside an encryptedSecret element: the master key is readable as it stands.</summary>
    public static bool IsUnencryptedKey(string? xml)
    {
        if (string.IsNullOrEmpty(xml)) return false;
        var element = XElement.Parse(xml);
        // The data-protection system wraps what an encryptor returns in its own namespaced encryptedSecret element.
        return element.Name.LocalName == "key" && !element.Descendants().Any(e => e.Name.LocalName == "encryptedSecret");
    }
}
