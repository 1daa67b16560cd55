using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Data.Engines;
using ProjectRegistry.Web.Data.Seeding;

namespace ProjectRegistry.Web.Infrastructure;

/// <summary>
/// Bringing the database up to date at start-up, the same on every engine: the engine's own preparation (WAL and
/// the file lock on SQLite, an advisory lock on PostgreSQL), a check that the database is not newer than the app,
/// migrations, then the seed-data import. Known problems (newer than the app, read-only, disk full, in use) end
/// the start with one log line, not a stack trace.
/// </summary>
public static class Database
{
    /// <summary>
    /// The engine configured in Database:Provider, registered once, and the app's context on it.
    /// </summary>
    public static IServiceCollection AddRegistryDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var engine = DatabaseEngines.From(configuration, environment);
        services.AddSingleton(engine);
        return engine.AddContext(services, (s, o) =>
            engine.Configure(o, engine.ConnectionString()).AddInterceptors(s.GetRequiredService<PublicCacheEviction>()));
    }

    /// <summary>
    /// Start-up of the site and of the commands that use the registry (users, import). The one process the engine
    /// lets through migrates and seeds; false (after one log line) if the start must stop.
    /// </summary>
    public static async Task<bool> PrepareAsync(WebApplication app) =>
        await ReportAsync(app.Services, app.Logger, () => app.Services.GetRequiredService<IDatabaseEngine>().PrepareAsync(app.Services, async () =>
        {
            using var scope = app.Services.CreateScope();
            await MigrateAsync(scope.ServiceProvider, app.Logger);
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportIfEmptyAsync(SeedPath(app));
        }));

    private static string SeedPath(WebApplication app) =>
        app.Configuration["SeedData:Path"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, app.Environment.ContentRootPath)
            : Path.Combine(AppContext.BaseDirectory, "seed-data");

    /// <summary>
    /// WAL, the check against a database newer than the app, a stale EF migration lock, the migrations, the
    /// roles and the secrets of earlier versions encrypted. The caller holds the exclusive lock.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider scoped, ILogger logger)
    {
        var db = scoped.GetRequiredService<RegistryDbContext>();
        var engine = scoped.GetRequiredService<IDatabaseEngine>();
        await engine.OpenForMigrationAsync(db);
        await EnsureNotNewerAsync(db);
        await engine.ReleaseStaleMigrationLockAsync(db, logger);
        await db.Database.MigrateAsync();
        await Security.StaffAccounts.EnsureRolesAsync(scoped.GetRequiredService<RoleManager<IdentityRole>>());
        await Security.SecretsAtRest.UpgradeAsync(scoped, logger);
    }

    /// <summary>A database that a newer version has migrated must not be served (or migrated) by this one.</summary>
    public static async Task EnsureNotNewerAsync(RegistryDbContext db)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync()).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
            throw new DatabaseProblemException(
                $"Databasen är nyare än programmet: den har migreringen {unknown[^1]} som den här versionen inte känner till. " +
                "Kör den nyare versionen, eller återställ en säkerhetskopia från före uppdateringen med kommandot restore.");
    }

    /// <summary>Runs a start-up step; a problem we can explain becomes one critical line and false.</summary>
    public static async Task<bool> ReportAsync(IServiceProvider services, ILogger logger, Func<Task> step)
    {
        try
        {
            await step();
            return true;
        }
        catch (SeedDataException e)
        {
            logger.LogCritical("Starten avbröts: {Problem}", e.Message);
            return false;
        }
        catch (Exception e) when (services.GetRequiredService<IDatabaseEngine>().Describe(e) is { } problem)
        {
            logger.LogCritical("Starten avbröts: {Problem}", problem.Message);
            return false;
        }
    }
}
