using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Data.Engines;

/// <summary>The one place that picks an engine by name: <c>Database:Provider</c>, or the EF tools' and tests' choice.</summary>
public static class DatabaseEngines
{
    public const string ConnectionStringName = "Registry";

    /// <summary>The setting that chooses the engine: <c>Sqlite</c> (the default, one file) or <c>Postgres</c>.</summary>
    public const string ProviderSetting = "Database:Provider";

    /// <summary>The engine configured in <see cref="ProviderSetting"/>; anything else stops the start with a sentence.</summary>
    public static IDatabaseEngine From(IConfiguration configuration, IHostEnvironment environment) =>
        Named(configuration[ProviderSetting], configuration, () => environment.ContentRootPath);

    /// <summary>For the EF tools and tests, which give the connection string themselves.</summary>
    public static IDatabaseEngine Named(string provider) =>
        Named(provider, new ConfigurationBuilder().Build(), Directory.GetCurrentDirectory);

    private static IDatabaseEngine Named(string? provider, IConfiguration configuration, Func<string> contentRoot) => provider switch
    {
        null or "" => new SqliteEngine(configuration, contentRoot),
        var v when v.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => new SqliteEngine(configuration, contentRoot),
        var v when v.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || v.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) =>
            new PostgresEngine(configuration, contentRoot),
        var v => throw new DatabaseProblemException($"{ProviderSetting} är ”{v}”; ange Sqlite eller Postgres."),
    };

    internal static string RawConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName)
        ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} saknas i konfigurationen.");

    /// <summary>
    /// EF's own error events are debug-level: a failure is logged once, by whoever handles it (the exception
    /// handler with the request id, or start-up with one sentence), not again with EF's stack trace.
    /// </summary>
    internal static DbContextOptionsBuilder Quiet(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (RelationalEventId.ConnectionError, LogLevel.Debug),
            (RelationalEventId.TransactionError, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug)));

    /// <summary>App_Data under the content root: where this node keeps its own files when there is no SQLite file to put them beside.</summary>
    internal static string AppData(Func<string> contentRoot) => Path.Combine(contentRoot(), "App_Data");
}
