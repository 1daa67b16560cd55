using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>
/// The codes of an authenticator app (RFC 6238: HMAC-SHA1, 30-second steps, six digits), as Identity's own
/// provider checks them (two steps either side, for a phone whose clock is off), but each code is accepted once:
/// the last accepted time step is kept per account, and a code of that step or an earlier one is refused, so a
/// code seen over a shoulder or in a proxy's log cannot be used again within its window.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(RegistryDbContext db, TimeProvider clock) : IUserTwoFactorTokenProvider<StaffUser>
{
    public const string LastStepName = "AuthenticatorLastTimeStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Nothing is sent: the app computes the code.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        if (token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || Base32(key) is not { Length: > 0 } secret) return false;
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        for (var step = now - 2; step <= now + 2; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(secret, step)), Encoding.ASCII.GetBytes(token)))
                return await ClaimAsync(user.Id, step);
        }
        return false;
    }

    /// <summary>
    /// One statement that records the step only if it is later than the one kept: of two requests with the same
    /// code at the same moment, exactly one changes the row. The step is written with a fixed width, so that the
    /// text comparison is the numeric one. The same SQL on SQLite and PostgreSQL.
    /// </summary>
    private async Task<bool> ClaimAsync(string userId, long step)
    {
        var value = step.ToString("D12", CultureInfo.InvariantCulture);
        var changed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "AspNetUserTokens" ("UserId", "LoginProvider", "Name", "Value")
            VALUES ({userId}, {StaffUserStore.InternalLoginProvider}, {LastStepName}, {value})
            ON CONFLICT ("UserId", "LoginProvider", "Name") DO UPDATE SET "Value" = excluded."Value"
            WHERE "AspNetUserTokens"."Value" < excluded."Value"
            """);
        return changed == 1;
    }

    private static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1.
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[]? Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            var index = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (index < 0) return null;
            buffer = ((buffer << 5) | index) & 0xffff;
            bits += 5;
            if (bits < 8) continue;
            bytes.Add((byte)(buffer >> (bits - 8)));
            bits -= 8;
        }
        return [.. bytes];
    }
}
