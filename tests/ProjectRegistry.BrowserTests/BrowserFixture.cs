using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using ProjectRegistry.Tests.TestSupport;
using Xunit.Abstractions;

namespace ProjectRegistry.BrowserTests;

/// <summary>
/// One app as it runs on a server, and one Chromium for the whole collection: Production settings (HSTS, Secure
/// __Host- cookies, the real CSP, the admin refused over plain http) over HTTPS with a test certificate, on a real port
/// (Kestrel), on a fresh seeded SQLite file or, in the PostgreSQL pass, a PostgreSQL database. What RegistryAppFactory
/// switches off for every test app (two-factor sign-in, the per-client budgets) is switched off here too, with the
/// reasons given there.
/// </summary>
public class BrowserFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private RegistryAppFactory? _server;

    /// <summary>The app's services, for tests that prepare data (staff accounts) the way the app itself would.</summary>
    public IServiceProvider Services => _server?.Services
        ?? throw new InvalidOperationException("The app is not started (is Chromium missing?).");
    private static readonly SemaphoreSlim Starting = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Settings a derived fixture adds to the app's (the mail fixture's SMTP server).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public Uri BaseAddress { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        if (Chromium.SkipReason is { } reason)
        {
            // A skipped test's reason is not shown by a plain `dotnet test`; this message is (see xunit.runner.json).
            diagnostics.OnMessage(new Xunit.Sdk.DiagnosticMessage(reason));
            return;
        }
        // Under CI=true the tests are not skipped, so this is where a missing browser fails them, with the fix.
        if (!Chromium.IsInstalled)
            throw new InvalidOperationException(
                $"Chromium was not found at {Chromium.ExecutablePath} and CI=true. Install it with `sudo apt-get install chromium-headless-shell`.");

        // One app built at a time: WebApplicationFactory finds the app's host through a process-wide diagnostic
        // listener, and two built at once (this fixture and the mail fixture) left one of them with the address
        // http://127.0.0.1:0.
        await Starting.WaitAsync();
        try
        {
            var port = LoopbackServers.FreePort();
            var settings = new Dictionary<string, string>(Settings);
            // Production with mail starts only with an https Site:PublicUrl, the base of every link in a mail: here the
            // server's own address, so that a test can follow the links it mails.
            if (settings.ContainsKey("Smtp:Host")) settings["Site:PublicUrl"] = $"https://127.0.0.1:{port}";
            _server = new RegistryAppFactory { EnvironmentName = "Production", Settings = settings };
            _server.UseKestrel(o => o.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(TestCertificate.Shared.ServerCertificate)));
            _server.StartServer();
            BaseAddress = _server.ClientOptions.BaseAddress;
        }
        finally
        {
            Starting.Release();
        }
        if (BaseAddress.Port == 0 || BaseAddress.Scheme != Uri.UriSchemeHttps)
            throw new InvalidOperationException($"The test app did not say which https port it listens on ({BaseAddress}).");

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
    }

    /// <summary>A fresh context per test, so cookies and the JavaScript setting never leak between tests.</summary>
    public Task<IBrowserContext> NewContextAsync(ViewportSize? viewport = null, bool javaScriptEnabled = true) =>
        _browser!.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? Desktop,
            JavaScriptEnabled = javaScriptEnabled,
            Locale = "sv-SE",
            // The test certificate is self-signed (TestCertificate).
            IgnoreHTTPSErrors = true,
        });

    public virtual async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// The same, with the app sending mail to the test run's SMTP server (Debian's aiosmtpd), for the pages that exist only
/// where mail is configured (alerts). Its own app, so the shared one keeps showing the site as it is without SMTP.
/// </summary>
public sealed class MailBrowserFixture(IMessageSink diagnostics) : BrowserFixture(diagnostics)
{
    // Outside CI without aiosmtpd the tests are skipped (BrowserMailTheory); under CI a missing server fails them.
    protected override IReadOnlyDictionary<string, string> Settings =>
        SmtpServer.Shared?.Settings ?? (Chromium.MustRun ? SmtpServer.Required.Settings : new Dictionary<string, string>());
}

[CollectionDefinition(Name)]
public sealed class SharedMailBrowser : ICollectionFixture<MailBrowserFixture>
{
    public const string Name = "Browser with mail";
}
