using System.Buffers.Binary;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Infrastructure.Security;

/// <summary>
/// The app's own password hashing, which the other tests' apps make cheap (RegistryAppFactory.FastPasswordHashing):
/// a stored password is PBKDF2-HMAC-SHA512 with 600,000 iterations (OWASP's figure for PBKDF2-SHA256 is 600,000; SHA512 at
/// that count is stronger still), and signing in with it works.
/// </summary>
public sealed class PasswordHashingTests : IAsyncLifetime
{
    private readonly RegistryAppFactory _app = new() { FastPasswordHashing = false };

    [Fact]
    public async Task A_stored_password_is_PBKDF2_with_HMAC_SHA512_and_600000_iterations_and_signs_in()
    {
        var email = await _app.CreateStaffAsync(Web.Domain.Roles.Editor, "mala-kommun");
        var stored = await _app.InDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync());

        // ASP.NET Core Identity's version 3 format: 0x01, then the PRF, the iteration count and the salt length as
        // big-endian 32-bit numbers, then the salt and the subkey.
        var bytes = Convert.FromBase64String(stored!);
        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1))); // KeyDerivationPrf.HMACSHA512
        Assert.Equal(600_000u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));

        using var client = await _app.SignedInClientAsync(email);
        using var start = await client.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, start.StatusCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
