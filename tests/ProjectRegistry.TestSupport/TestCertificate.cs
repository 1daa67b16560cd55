using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// A self-signed certificate for 127.0.0.1 and localhost, made for one test run and written as a PFX to a temporary
/// file for Kestrel (Kestrel:Certificates:Default), so that the site runs over https as a real server does: in
/// Production the staff cookie is Secure and the admin refuses plain http.
/// </summary>
public sealed class TestCertificate : IDisposable
{
    private static readonly Lazy<TestCertificate> ForTheRun = new(() =>
    {
        var certificate = new TestCertificate();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => certificate.Dispose();
        return certificate;
    });

    /// <summary>One for the run's in-process apps (the browser tests' Kestrel), removed when the run ends.</summary>
    public static TestCertificate Shared => ForTheRun.Value;

    public TestCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        // Server authentication (1.3.6.1.5.5.7.3.1): Kestrel refuses a certificate without it.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllBytes(Path, made.Export(X509ContentType.Pfx, Password));
        Certificate = X509CertificateLoader.LoadCertificate(made.RawData);
        _server = new(() => X509CertificateLoader.LoadPkcs12FromFile(Path, Password));
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"projektregistret-test-{Guid.NewGuid():N}.pfx");

    public string Password { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The public certificate, for clients that trust exactly this one.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>With its private key, for a Kestrel in the test's own process (ListenOptions.UseHttps).</summary>
    public X509Certificate2 ServerCertificate => _server.Value;

    private readonly Lazy<X509Certificate2> _server;

    public void Dispose()
    {
        Certificate.Dispose();
        if (_server.IsValueCreated) _server.Value.Dispose();
        File.Delete(Path);
    }
}
