using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// The real app on its own temporary SQLite file, migrated and seeded from the seed-data copied next to
/// the tests on first use. SQLite, not the EF InMemory provider, so that queries behave as in production.
/// With <c>REGISTRY_TEST_DATABASE=Postgres</c> (the second pass of .ci/run) the same app runs on a database of
/// its own on the test PostgreSQL server instead, so the whole suite checks both engines.
/// </summary>
public sealed class RegistryAppFactory : WebApplicationFactory<Program>
{
    static RegistryAppFactory()
    {
        // Each config file watcher takes an inotify instance (128 per user by default, shared with every
        // other dotnet process on the machine); a test host never needs its configuration reloaded.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"projektregistret-test-{Guid.NewGuid():N}.db");

    /// <summary>The rolling log file's folder: one per app, so hosts never share a file and a test can read its own.</summary>
    public string LogDirectory { get; } = Path.Combine(Path.GetTempPath(), $"projektregistret-test-logs-{Guid.NewGuid():N}");

    /// <summary>The key file that encrypts this app's key ring (DataProtection:KeyFile).</summary>
    public string KeyFilePath => DatabasePath + ".key";

    /// <summary>This app's search index folder (Search:IndexPath).</summary>
    public string IndexPath => DatabasePath + ".sokindex";

    /// <summary>This app's folder of uploaded import sheets (Import:Folder), beside its database file on either engine.</summary>
    public string ImportPath => DatabasePath + ".import";

    /// <summary>The PostgreSQL database of this app, when the suite runs on PostgreSQL.</summary>
    public string? PostgresConnectionString { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var fromTemplate = StartsFromSeedTemplate;
        if (TestEngine.IsPostgres)
        {
            PostgresConnectionString ??= (fromTemplate ? SeededTemplate.CreatePostgresDatabaseAsync() : PostgresServer.Required.CreateDatabaseAsync()).GetAwaiter().GetResult();
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Registry", PostgresConnectionString);
        }
        else
        {
            // A second host on the same factory (WithWebHostBuilder) finds the file already there.
            if (fromTemplate && !File.Exists(DatabasePath)) SeededTemplate.CopyToAsync(DatabasePath).GetAwaiter().GetResult();
            builder.UseSetting("ConnectionStrings:Registry", $"Data Source={DatabasePath}");
        }
        builder.UseSetting("SeedData:Path", SeedFiles.Root);
        // Not UseSetting: the test host passes settings on as command-line arguments, and that gives the section
        // Serilog:WriteTo:File an empty value of its own, which Serilog reads as a sink without a name.
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:File:Args:path"] = Path.Combine(LogDirectory, "test-.log"),
        }));
        // Request logs for hundreds of test requests would drown the test output.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Warning");
        // Every test client signs in from the same (absent) address; the rate-limit test sets its own low limit.
        builder.UseSetting("Security:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Likewise for the pages: the suite reads thousands of uncached pages from that one address.
        builder.UseSetting("Security:AnonymousUncachedPerMinute", AnonymousUncachedPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The tests sign in with a password alone (they test other things); the default, two-factor sign-in for
        // every account, is tested by those that set Security:RequireTwoFactor back to true in Settings.
        builder.UseSetting("Security:RequireTwoFactor", "false");
        // Its own key file beside its own database, removed with it (the default would be one shared file in /tmp).
        builder.UseSetting("DataProtection:KeyFile", KeyFilePath);
        // Its own search index beside its own database (on PostgreSQL the default would be one folder for all).
        builder.UseSetting("Search:IndexPath", IndexPath);
        builder.UseSetting("Import:Folder", ImportPath);
        // 600,000 PBKDF2 iterations (Program.cs) cost about half a second of a core for every account made and every
        // sign-in, and the suite makes and signs in hundreds; PasswordHashingTests checks the app's own setting.
        if (FastPasswordHashing) builder.ConfigureTestServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordHashIterations));
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (EnvironmentName is not null) builder.UseEnvironment(EnvironmentName);
        if (PeerAddress is { } peer) builder.ConfigureServices(s => s.AddTransient<IStartupFilter>(_ => new ClientAddressFromHeader(peer)));
        if (Clock is { } clock) builder.ConfigureTestServices(s => s.AddSingleton(clock));
        if (TestServices is not null) builder.ConfigureTestServices(TestServices);
    }

    /// <summary>A query in a scope of the app's own, on whichever engine the run uses.</summary>
    public async Task<T> InDbAsync<T>(Func<ProjectRegistry.Web.Data.RegistryDbContext, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProjectRegistry.Web.Data.RegistryDbContext>());
    }

    /// <summary>
    /// Whether the app starts on a copy of the seeded template (<see cref="SeededTemplate"/>) instead of migrating and
    /// importing by itself: unless the test imports other seed data, or gives the app a clock of its own (the import
    /// would then have been stamped by another clock than the app's).
    /// </summary>
    private bool StartsFromSeedTemplate => UseSeedTemplate && Clock is null && !Settings.ContainsKey("SeedData:Path");

    /// <summary>The app's clock (TimeProvider) when a test sets "now" itself; the app then makes its own database.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>False for a test of the app's own first start on an empty database.</summary>
    public bool UseSeedTemplate { get; init; } = true;

    /// <summary>False for a test of the app's own password hashing (PBKDF2 with 600,000 iterations).</summary>
    public bool FastPasswordHashing { get; init; } = true;

    public const int TestPasswordHashIterations = 1_000;

    public int SignInAttemptsPerMinute { get; init; } = 100_000;

    public int AnonymousUncachedPerMinute { get; init; } = 1_000_000;

    /// <summary>Services one test's own app adds or replaces after the app's own (a probe, a stand-in proxy).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Extra configuration for one test's own app (e.g. Security:RequireTwoFactor).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>The host's environment when not Development (the test host's default), e.g. Production.</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>
    /// The address every request comes from, as a TCP peer would be: the test server gives none, and with none
    /// the forwarded-headers middleware believes any X-Forwarded-For. A proxy test sets its proxy's address here.
    /// </summary>
    public System.Net.IPAddress? PeerAddress { get; init; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TempDatabase.Delete(DatabasePath);
        if (PostgresConnectionString is not null) await PostgresServer.Required.DropDatabaseAsync(PostgresConnectionString);
        if (Directory.Exists(LogDirectory)) Directory.Delete(LogDirectory, recursive: true);
    }
}
