using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using ProjectRegistry.Tests.TestSupport;
using Xunit.Abstractions;

namespace ProjectRegistry.BrowserTests;

/// <summary>
/// One app on a real port (Kestrel, a fresh seeded SQLite file, or a PostgreSQL database in the PostgreSQL pass)
/// and one Chromium for the whole run.
/// </summary>
public class BrowserFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"projektregistret-browser-{Guid.NewGuid():N}.db");
    private RegistryServer? _server;
    private string? _postgres;

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
                $"Chromium was not found at {Chromium.ExecutablePath} and CI=true. Install it with `sudo apt-get install chromium`.");

        // The PostgreSQL pass of .ci/run (REGISTRY_TEST_DATABASE=Postgres) runs the browser tests there too.
        _postgres = TestEngine.IsPostgres ? await PostgresServer.Required.CreateDatabaseAsync() : null;
        // One app built at a time: WebApplicationFactory finds the app's host through a process-wide diagnostic
        // listener, and two built at once (this fixture and the mail fixture, in the PostgreSQL pass) left one of them
        // with the address http://127.0.0.1:0. The collections also run one after the other (xunit.runner.json).
        await Starting.WaitAsync();
        try
        {
            _server = new RegistryServer(_postgres ?? $"Data Source={_databasePath}", _postgres is not null, _databasePath + ".key", Settings);
            _server.UseKestrel(0);
            _server.StartServer();
            BaseAddress = _server.ClientOptions.BaseAddress;
        }
        finally
        {
            Starting.Release();
        }
        if (BaseAddress.Port == 0) throw new InvalidOperationException($"The test app did not say which port it listens on ({BaseAddress}).");

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            // Without the networking switches Chromium keeps calling home, which this machine's closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh context per test, so cookies and the JavaScript setting never leak between tests.</summary>
    public Task<IBrowserContext> NewContextAsync(ViewportSize? viewport = null, bool javaScriptEnabled = true) =>
        _browser!.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? Desktop,
            JavaScriptEnabled = javaScriptEnabled,
            Locale = "sv-SE",
        });

    public virtual async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        if (_postgres is not null) await PostgresServer.Required.DropDatabaseAsync(_postgres);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm", _databasePath + ".key" })
            File.Delete(file);
    }

    private sealed class RegistryServer(string connectionString, bool postgres, string keyFile, IReadOnlyDictionary<string, string> settings)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            if (postgres) builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Registry", connectionString);
            // The request log of a whole browser run would bury the test output.
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            // Every browser test signs in from 127.0.0.1; the limit of 10 a minute is tested in the integration tests.
            builder.UseSetting("Security:SignInAttemptsPerMinute", "100000");
            builder.UseSetting("Security:AnonymousUncachedPerMinute", "0");
            // Password-only sign-in: the browser tests test the pages; two-factor sign-in is tested in the integration tests.
            builder.UseSetting("Security:RequireTwoFactor", "false");
            builder.UseSetting("DataProtection:KeyFile", keyFile);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
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
