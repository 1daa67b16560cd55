using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// A self-signed server certificate for 127.0.0.1 and localhost, made once per test run, so that the apps under test
/// answer over HTTPS as on a real server (Secure cookies, HSTS). Browsers are told to accept it (IgnoreHTTPSErrors).
/// </summary>
public static class TestCertificate
{
    private static readonly Lazy<X509Certificate2> Certificate = new(Create);

    public static X509Certificate2 Localhost => Certificate.Value;

    /// <summary>The certificate as a PFX file without a password, for a process of its own (Kestrel__Certificates__Default__Path).</summary>
    public static string PfxPath => PfxFile.Value;

    private static readonly Lazy<string> PfxFile = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"projektregistret-test-cert-{Environment.ProcessId}.pfx");
        File.WriteAllBytes(path, Localhost.Export(X509ContentType.Pfx));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    private static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        // Exported and loaded again: Kestrel on Linux needs the private key in a form it can use for TLS.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), password: null);
    }
}
