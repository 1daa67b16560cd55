using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Playwright;
using ProjectRegistry.Tests.TestSupport;
using Xunit.Abstractions;

namespace ProjectRegistry.BrowserTests.Deployed;

/// <summary>
/// The real app in a process of its own, started as the README deploys it, in Production, over https with a test
/// certificate, on its own SQLite file, key file, search index and log folder; an admin made with the app's own
/// <c>users add</c>; and a Chromium of its own. Started once per test class.
/// </summary>
public abstract class DeployedApp(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string AdminEmail = "drift-admin@example.se";

    private readonly TestCertificate _certificate = new();
    private RegistryProcess? _app;
    private RegistryProcess.Server? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The name of the way it is started, for screenshots and messages.</summary>
    public abstract string Mode { get; }

    public Uri BaseAddress => _server?.BaseAddress ?? throw new InvalidOperationException("Appen är inte startad.");

    /// <summary>The server's console output, for the failure messages.</summary>
    public string Output => _server?.Output ?? "";

    /// <summary>Production over https, as on a server; the local trial overrides both.</summary>
    protected virtual string EnvironmentName => "Production";

    protected virtual bool OverHttps => true;

    /// <summary>How the app is started; the place to build or publish it first.</summary>
    protected abstract Task<RegistryProcess.Launch> PrepareAsync();

    public static string RepositoryRoot { get; } = Repository.Root;

    public async Task InitializeAsync()
    {
        if (DeployedFactAttribute.SkipReason is { } reason)
        {
            diagnostics.OnMessage(new Xunit.Sdk.DiagnosticMessage(reason));
            return;
        }
        var started = Stopwatch.StartNew();
        _app = new RegistryProcess
        {
            StartedAs = await PrepareAsync(),
            EnvironmentName = EnvironmentName,
            Https = OverHttps ? _certificate : null,
            // The README's command builds the app before it runs it, on a machine that may be busy.
            CommandTimeout = TimeSpan.FromMinutes(10),
        };
        var created = await _app.RunAsync(StaffSession.Password + "\n", "users", "add", "--email", AdminEmail, "--role", "Admin");
        Assert.True(created.ExitCode == 0, $"users add misslyckades ({_app.StartedAs}): {created}");
        _server = await _app.StartServerAsync();
        diagnostics.OnMessage(new Xunit.Sdk.DiagnosticMessage($"{Mode}: {_app.StartedAs} svarar på {BaseAddress} efter {started.Elapsed.TotalSeconds:0} s."));

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
    }

    /// <summary>
    /// A fresh context (no cache, so every asset is fetched again), trusting the test certificate as a browser
    /// trusts a real one; <paramref name="storageState"/> carries a signed-in session.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(ViewportSize? viewport = null, string? storageState = null) =>
        _browser!.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? BrowserFixture.Desktop,
            Locale = "sv-SE",
            IgnoreHTTPSErrors = true,
            StorageState = storageState,
        });

    /// <summary>
    /// A signed-in admin's cookies, through the real sign-in form; signed in once per app, as one member of staff
    /// keeps a session over several pages.
    /// </summary>
    public Task<string> SignedInStateAsync() => _signedIn ??= SignInAsync();

    private Task<string>? _signedIn;

    private async Task<string> SignInAsync()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(AdminEmail);
        return await context.StorageStateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _server?.Dispose();
        _app?.Dispose();
        _certificate.Dispose();
        await CleanUpAsync();
    }

    protected virtual Task CleanUpAsync() => Task.CompletedTask;
}

/// <summary>The README's "Operations": <c>dotnet publish</c> to a folder, then <c>dotnet ProjectRegistry.Web.dll</c> there.</summary>
public sealed class PublishedApp(IMessageSink diagnostics) : DeployedApp(diagnostics)
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"projektregistret-publicerad-{Guid.NewGuid():N}");

    public override string Mode => "publicerad";

    protected override async Task<RegistryProcess.Launch> PrepareAsync()
    {
        // The README's publish command (bench/run.sh publishes the same way), for this machine's runtime (linux-x64 there).
        var published = await RegistryProcess.RunDotnetAsync(RepositoryRoot, TimeSpan.FromMinutes(15),
            "publish", "src/ProjectRegistry.Web", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false",
            "-p:PublishReadyToRun=true", "-o", _folder, "-nologo", "-v", "q");
        Assert.True(published.ExitCode == 0, $"dotnet publish misslyckades: {published}");
        return RegistryProcess.Launch.Published(_folder);
    }

    protected override Task CleanUpAsync()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The README's command for a checkout: <c>dotnet run --no-launch-profile --project src/ProjectRegistry.Web</c>.</summary>
public sealed class CheckoutApp(IMessageSink diagnostics) : DeployedApp(diagnostics)
{
    public override string Mode => "utcheckning";

    protected override Task<RegistryProcess.Launch> PrepareAsync() => Task.FromResult(RegistryProcess.Launch.Checkout(RepositoryRoot));
}

/// <summary>
/// The README's "Run it": <c>dotnet run --project src/ProjectRegistry.Web</c>, whose launch profile makes it Development
/// (the local trial), over plain http.
/// </summary>
public sealed class DevelopmentApp(IMessageSink diagnostics) : DeployedApp(diagnostics)
{
    public override string Mode => "utveckling";

    protected override string EnvironmentName => "Development";

    protected override bool OverHttps => false;

    protected override Task<RegistryProcess.Launch> PrepareAsync() => Task.FromResult(RegistryProcess.Launch.CheckoutWithLaunchProfile(RepositoryRoot));
}

/// <summary>
/// Needs Chromium, and runs in the SQLite pass only: these start the app as a process and test how it is deployed,
/// not the database engine, and take minutes.
/// </summary>
public sealed class DeployedFactAttribute : FactAttribute
{
    public static string? SkipReason => Chromium.SkipReason
        ?? (TestEngine.IsPostgres ? "Startar appen som den driftsätts (publicerad, dotnet run); prövar inte databasmotorn och körs i SQLite-omgången." : null);

    public DeployedFactAttribute()
    {
        if (SkipReason is { } reason) Skip = reason;
    }
}
