using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using ProjectRegistry.Web.Data.Engines;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>
/// The 256-bit key that encrypts the data-protection key ring kept in the database (DataProtection:KeyFile,
/// by default dataprotection.key beside the SQLite file). It never lives in the database, so a copy of the
/// database or of a backup cannot be used to forge a staff cookie or to read a TOTP secret. Every web node must
/// have the same file. Created (mode 0600) on the first start that finds none.
/// </summary>
public sealed class DataProtectionKeyFile
{
    public const string Setting = "DataProtection:KeyFile";
    public const string DefaultName = "dataprotection.key";

    private readonly Lazy<byte[]> _key;

    public DataProtectionKeyFile(IConfiguration configuration, IHostEnvironment environment, IDatabaseEngine engine, ILogger<DataProtectionKeyFile> logger)
    {
        Path = ResolvePath(configuration, environment, engine);
        _key = new Lazy<byte[]>(() => LoadOrCreate(logger));
    }

    public string Path { get; }

    public byte[] Key => _key.Value;

    /// <summary>Names the key file in each encrypted key without revealing it, so a wrong file is told apart from a damaged key.</summary>
    public string KeyId => Convert.ToHexStringLower(SHA256.HashData(Key))[..16];

    public static string ResolvePath(IConfiguration configuration, IHostEnvironment environment, IDatabaseEngine engine) =>
        configuration[Setting] is { Length: > 0 } configured
            ? System.IO.Path.GetFullPath(configured, environment.ContentRootPath)
            : System.IO.Path.Combine(engine.StateFolder, DefaultName);

    private byte[] LoadOrCreate(ILogger logger)
    {
        try
        {
            if (!File.Exists(Path)) Create(logger);
            else if (OwnerOnly.IsOpenToOthers(Path))
                logger.LogWarning("Nyckelfilen {KeyFile} kan läsas av andra än ägaren; ändra det med chmod 600", Path);
            var key = TryDecode(File.ReadAllText(Path).Trim());
            return key is { Length: 32 } ? key : throw new DatabaseProblemException(
                $"Nyckelfilen {Path} ({Setting}) ska innehålla en nyckel på 32 byte i base64. Lägg tillbaka den rätta filen; " +
                "tas den bort skapas en ny vid nästa start, och då måste all personal logga in igen och ställa in tvåstegsverifieringen på nytt.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseProblemException($"Nyckelfilen {Path} ({Setting}) går inte att läsa eller skapa: {e.Message}", e);
        }
    }

    private static byte[]? TryDecode(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Written to a file of its own and then linked into place, so two nodes starting at once never read half a
    /// key: the second finds the first one's file and uses it.
    /// </summary>
    private void Create(ILogger logger)
    {
        OwnerOnly.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = OwnerOnly.CreateFile(temporary))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            File.Move(temporary, Path, overwrite: false);
            logger.LogWarning(
                "Nyckelfilen {KeyFile} skapades. Den krypterar nycklarna i databasen: ha samma fil på varje webbnod, " +
                "förvara en kopia säkert och aldrig tillsammans med databasens säkerhetskopior", Path);
        }
        catch (IOException) when (File.Exists(Path))
        {
            // Another process created it first; its key is the one to use.
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}

/// <summary>
/// AES-256-GCM with the key file: a custom encryptor rather than ProtectKeysWithCertificate, because a 32-byte
/// file is one thing to copy to every node and to keep safe, with no certificate to create, expire or find in a
/// store on Linux; GCM both hides the key and refuses a changed one.
/// </summary>
public sealed class KeyFileXmlEncryptor(DataProtectionKeyFile keyFile) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(12);
        var sealedBytes = new byte[nonce.Length + 16 + plaintext.Length];
        nonce.CopyTo(sealedBytes, 0);
        using (var aes = new AesGcm(keyFile.Key, 16))
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16));
        var element = new XElement("encryptedKey",
            new XComment(" Krypterad med nyckelfilen (DataProtection:KeyFile), AES-256-GCM. "),
            new XAttribute("keyFile", keyFile.KeyId),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(KeyFileXmlDecryptor));
    }
}

/// <summary>Created by the data-protection system from the type named in each key, hence the service provider.</summary>
public sealed class KeyFileXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var keyFile = services.GetRequiredService<DataProtectionKeyFile>();
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        if (sealedBytes.Length < 28) throw new CryptographicException("Den krypterade nyckeln är för kort.");
        var plaintext = new byte[sealedBytes.Length - 28];
        try
        {
            using var aes = new AesGcm(keyFile.Key, 16);
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plaintext);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException(string.Create(CultureInfo.InvariantCulture,
                $"En nyckel i databasen går inte att dekryptera med nyckelfilen {keyFile.Path} (id {keyFile.KeyId}); den krypterades med id {(string?)encryptedElement.Attribute("keyFile")}. Alla noder måste ha samma nyckelfil."), e);
        }
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}

public static class KeyFileEncryption
{
    /// <summary>Every new key of the ring is encrypted with the key file before it is written to the database.</summary>
    public static IDataProtectionBuilder ProtectKeysWithKeyFile(this IDataProtectionBuilder builder)
    {
        builder.Services.AddSingleton<DataProtectionKeyFile>();
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<DataProtectionKeyFile>((o, keyFile) => o.XmlEncryptor = new KeyFileXmlEncryptor(keyFile));
        return builder;
    }
}
