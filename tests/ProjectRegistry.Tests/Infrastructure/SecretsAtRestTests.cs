using System.Net;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.Pages.Admin;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Tests.Infrastructure;

/// <summary>
/// What a copy of the database (a stolen backup) gives away: with the key file elsewhere, neither the keys that
/// sign staff cookies nor the secrets of two-factor sign-in.
/// </summary>
[Collection(SeededApp.Name)]
public class SecretsAtRestTests(RegistryAppFactory app)
{
    [Fact]
    public async Task The_database_holds_no_readable_key_ring_no_TOTP_secret_and_no_recovery_code()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var client = await app.SignedInClientAsync(email);
        var setup = await client.GetPageAsync("/admin/mitt-konto/tvastegs");
        var key = setup.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var form = setup.QuerySelector<IHtmlFormElement>("main form[action*='handler=Enable']")!
            .Fill("Enable.Code", Totp.Code(key)).Fill("Enable.Password", StaffSession.Password);
        using var enabled = await client.SendAsync(form);
        var codes = (await StaffSession.ParseAsync(await enabled.Content.ReadAsStringAsync())).QuerySelectorAll("code.secret").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Count);
        var id = (await app.FindUserAsync(email)).Id;

        // The rows as they lie in the database, read past the app.
        var keyRing = await app.InDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        var tokens = await app.InDbAsync(db => db.UserTokens.Where(t => t.UserId == id).Select(t => t.Value ?? "").ToListAsync());

        Assert.NotEmpty(keyRing);
        foreach (var xml in keyRing.Select(XElement.Parse).Where(x => x.Name.LocalName == "key"))
        {
            Assert.Empty(xml.Descendants("masterKey"));
            Assert.Single(xml.Descendants(), e => e.Name.LocalName == "encryptedSecret");
        }
        Assert.NotEmpty(tokens);
        Assert.All(tokens, value =>
        {
            Assert.DoesNotContain(key, value, StringComparison.OrdinalIgnoreCase);
            Assert.All(codes, code => Assert.DoesNotContain(code, value, StringComparison.OrdinalIgnoreCase));
        });
    }

    [Fact]
    public async Task Another_app_on_the_database_with_another_key_file_cannot_read_a_staff_cookie()
    {
        await using var first = new RegistryAppFactory();
        var email = await first.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var cookies = new CookieContainer();
        var owner = first.CreateDefaultClient(new CookieContainerHandler(cookies));
        using (var signIn = await owner.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = StaffSession.Password }))
            Assert.Equal("/admin", signIn.RedirectPath());
        var database = first.PostgresConnectionString ?? $"Data Source={first.DatabasePath}";

        // What a thief with the database alone can run: the app, on that database, with a key file of its own.
        await using var thief = new RegistryAppFactory { Settings = new() { ["ConnectionStrings:Registry"] = database } };
        // And a second node as it should be set up: the same database and the same key file.
        await using var node = new RegistryAppFactory { Settings = new() { ["ConnectionStrings:Registry"] = database, ["DataProtection:KeyFile"] = first.KeyFilePath } };

        using var stolen = await CopyOf(cookies, thief).GetAsync(new Uri("/admin/mitt-konto", UriKind.Relative));
        Assert.Equal("/admin/logga-in", stolen.RedirectPath());
        using var shared = await CopyOf(cookies, node).GetAsync(new Uri("/admin/mitt-konto", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
    }

    [Fact]
    public async Task Keys_and_two_factor_secrets_left_in_plain_text_by_an_earlier_version_are_removed_or_encrypted_at_start()
    {
        using var database = new TempRegistryDatabase();
        await database.MigrateAsync();
        var plainKey = PlainKeyOfAnEarlierVersion();
        const string totpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        var user = new StaffUser { UserName = "tidigare@example.se", Email = "tidigare@example.se", NormalizedEmail = "TIDIGARE@EXAMPLE.SE", NormalizedUserName = "TIDIGARE@EXAMPLE.SE", SecurityStamp = Guid.NewGuid().ToString(), TwoFactorEnabled = true };
        await using (var db = database.CreateContext())
        {
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "key-tidigare", Xml = plainKey });
            db.Users.Add(user);
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = StaffUserStore.InternalLoginProvider, Name = StaffUserStore.AuthenticatorKeyName, Value = totpSecret });
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = StaffUserStore.InternalLoginProvider, Name = StaffUserStore.RecoveryCodesName, Value = "BCDFG-HJKMN;PQRTV-WXY23" });
            await db.SaveChangesAsync();
        }

        await using var upgraded = new RegistryAppFactory { Settings = new() { ["ConnectionStrings:Registry"] = database.ConnectionString } };
        _ = upgraded.Services;

        await using (var db = database.CreateContext())
        {
            Assert.False(await db.DataProtectionKeys.AnyAsync(k => k.FriendlyName == "key-tidigare"));
            Assert.DoesNotContain(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync(), SecretsAtRest.IsUnencryptedKey);
            var tokens = await db.UserTokens.Where(t => t.UserId == user.Id).Select(t => t.Value ?? "").ToListAsync();
            Assert.DoesNotContain(tokens, t => t.Contains(totpSecret, StringComparison.Ordinal) || t.Contains("BCDFG", StringComparison.Ordinal));
        }
        using var scope = upgraded.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var found = (await users.FindByEmailAsync(user.Email))!;
        Assert.Equal(totpSecret, await users.GetAuthenticatorKeyAsync(found));
        Assert.Equal(2, await users.CountRecoveryCodesAsync(found));
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(found, "PQRTV-WXY23")).Succeeded);
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(found, "PQRTV-WXY23")).Succeeded);
        var log = string.Concat(Directory.GetFiles(upgraded.LogDirectory).Select(f => ReadShared(f)));
        Assert.Contains("1 okrypterade dataskyddsnycklar", log, StringComparison.Ordinal);
    }

    [SqliteFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_new_database_its_folder_and_the_key_file_are_readable_by_the_owner_only()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"projektregistret-rattigheter-{Guid.NewGuid():N}");
        var file = Path.Combine(folder, "App_Data", "projektregistret.db");
        try
        {
            await using (var fresh = new RegistryAppFactory { Settings = new() { ["ConnectionStrings:Registry"] = $"Data Source={file}", ["DataProtection:KeyFile"] = "" } })
            {
                _ = fresh.Services;
                const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
                Assert.Equal(ownerOnly, File.GetUnixFileMode(file));
                Assert.Equal(ownerOnly, File.GetUnixFileMode(file + "-wal"));
                // The default key file lies beside the database.
                Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(folder, "App_Data", DataProtectionKeyFile.DefaultName)));
            }
        }
        finally
        {
            TempDatabase.Delete(file);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static HttpClient CopyOf(CookieContainer cookies, RegistryAppFactory other)
    {
        var copied = new CookieContainer();
        copied.Add(cookies.GetAllCookies());
        return other.CreateDefaultClient(new CookieContainerHandler(copied));
    }

    /// <summary>A key as the data-protection system writes it with no encryptor configured, as versions before the key file did.</summary>
    private static string PlainKeyOfAnEarlierVersion()
    {
        var folder = Directory.CreateTempSubdirectory("projektregistret-nycklar-");
        try
        {
            DataProtectionProvider.Create(folder).CreateProtector("tidigare").Protect("något");
            var xml = File.ReadAllText(Assert.Single(folder.GetFiles("key-*.xml")).FullName);
            Assert.True(SecretsAtRest.IsUnencryptedKey(xml));
            return xml;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
