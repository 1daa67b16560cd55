using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Data.Seeding;

namespace ProjectRegistry.Web.Infrastructure;

/// <summary>
/// Where the database lives, and bringing it up to date at start-up: WAL, a check that the file is not newer
/// than the app, migrations, then the seed-data import. Known problems with the file (newer than the app,
/// read-only, disk full, in use) end the start with one log line, not a stack trace.
/// </summary>
public static class Database
{
    public const string ConnectionStringName = "Registry";

    /// <summary>The setting that chooses the engine: <c>Sqlite</c> (the default, one file) or <c>Postgres</c>.</summary>
    public const string ProviderSetting = "Database:Provider";

    /// <summary>The engine configured in <see cref="ProviderSetting"/>; anything else stops the start with a sentence.</summary>
    public static DatabaseProvider ProviderOf(IConfiguration configuration) => configuration[ProviderSetting] switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var v when v.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
        var v when v.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || v.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Postgres,
        var v => throw new DatabaseProblemException($"{ProviderSetting} är ”{v}”; ange Sqlite eller Postgres."),
    };

    /// <summary>
    /// The app's context on the configured engine. PostgreSQL has a context type of its own only so that EF
    /// finds its own migrations (Data/Migrations/Postgres); the model and every query are the same.
    /// </summary>
    public static IServiceCollection AddRegistryDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = ProviderOf(configuration);
        void Options(IServiceProvider s, DbContextOptionsBuilder o) =>
            Configure(o, provider, ResolveConnectionString(configuration, environment))
                .AddInterceptors(s.GetRequiredService<PublicCacheEviction>());
        return provider == DatabaseProvider.Postgres
            ? services.AddDbContext<RegistryDbContext, PostgresRegistryDbContext>(Options)
            : services.AddDbContext<RegistryDbContext>(Options);
    }

    /// <summary>How long a PostgreSQL node waits for another that is migrating and importing.</summary>
    public static readonly TimeSpan MigrationWait = TimeSpan.FromMinutes(10);

    /// <summary>How long a start waits for another process that holds the database exclusively (a restore, a migration).</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Every context, the app's and a tool's, talks to SQLite with the Swedish collation registered and a busy
    /// timeout. EF's own error events are debug-level: a failure is logged once, by whoever handles it (the
    /// exception handler with the request id, or start-up with one sentence), not again with EF's stack trace.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        Configure(options, DatabaseProvider.Sqlite, connectionString);

    /// <summary>
    /// On PostgreSQL the collation and the concurrency are the server's own (the "sv" ICU collation is created by
    /// the first migration), so neither interceptor is needed.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        (provider == DatabaseProvider.Postgres
            ? options.UseNpgsql(connectionString).AddInterceptors(new NulFreeParameters())
            : options.UseSqlite(connectionString).AddInterceptors(new SwedishCollation(), new BusyTimeout()))
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (RelationalEventId.TransactionError, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug)));

    /// <summary>A relative SQLite file path is taken from the content root, not from wherever the shell stands.</summary>
    public static string ResolveConnectionString(IConfiguration configuration, IHostEnvironment environment, bool createFolder = true)
    {
        var raw = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} saknas i konfigurationen.");
        if (ProviderOf(configuration) == DatabaseProvider.Postgres)
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(raw);
            }
            catch (ArgumentException e)
            {
                throw new DatabaseProblemException($"ConnectionStrings:{ConnectionStringName} är ingen PostgreSQL-anslutning ({e.Message.TrimEnd('.')}). Exempel: Host=127.0.0.1;Database=projektregistret;Username=registret", e);
            }
            return raw;
        }
        var csb = new SqliteConnectionStringBuilder(raw);
        if (csb.DataSource is { Length: > 0 } file && file != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var full = Path.GetFullPath(file, environment.ContentRootPath);
            if (createFolder) OwnerOnly.CreateDirectory(Path.GetDirectoryName(full)!);
            csb.DataSource = full;
        }
        return csb.ToString();
    }

    /// <summary>The full path of the SQLite file, or null for an in-memory database.</summary>
    public static string? FilePath(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        return csb.DataSource is { Length: > 0 } file && file != ":memory:" && csb.Mode != SqliteOpenMode.Memory
            ? Path.GetFullPath(file)
            : null;
    }

    /// <summary>The SQLite file the configuration points at; null for PostgreSQL and for an in-memory database.</summary>
    public static string? SqliteFilePath(IConfiguration configuration, IHostEnvironment environment, bool createFolder = true) =>
        ProviderOf(configuration) == DatabaseProvider.Postgres ? null : FilePath(ResolveConnectionString(configuration, environment, createFolder));

    public static string FilePath(IServiceProvider services, bool createFolder = true) =>
        ProviderOf(services.GetRequiredService<IConfiguration>()) == DatabaseProvider.Postgres
            ? throw new DatabaseProblemException("Databasen är PostgreSQL (Database:Provider = Postgres), inte en fil. Säkerhetskopiera med pg_dump och återställ med pg_restore; se README, avsnittet PostgreSQL.")
            : FilePath(ResolveConnectionString(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>(), createFolder))
        ?? throw new DatabaseProblemException("Kommandot behöver en databasfil; ConnectionStrings:Registry pekar på en databas i minnet.");

    /// <summary>
    /// Start-up of the site and of the commands that use the registry (users, import). The first process to
    /// arrive migrates and seeds under the exclusive lock; one that finds the database in use by another
    /// instance only checks that the schema is the one it expects. False (after one log line) if the start
    /// must stop. The shared lock is kept for the life of the process, so a restore cannot swap the file.
    /// </summary>
    public static async Task<bool> PrepareAsync(WebApplication app) =>
        await ReportAsync(app.Services, app.Logger, async () =>
        {
            if (ProviderOf(app.Configuration) == DatabaseProvider.Postgres)
            {
                await PreparePostgresAsync(app);
                return;
            }
            var instance = app.Services.GetRequiredService<DatabaseLock>();
            if (await instance.TryExclusiveAsync(DatabaseLock.DefaultWait))
            {
                using var scope = app.Services.CreateScope();
                await MigrateAsync(scope.ServiceProvider, app.Logger);
                await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportIfEmptyAsync(SeedPath(app));
                if (!await instance.DowngradeAsync(StartWait)) throw InUse(instance);
                return;
            }
            if (!await instance.TrySharedAsync(StartWait)) throw InUse(instance);
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                await EnsureNotNewerAsync(db);
                var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                if (pending.Count > 0)
                    throw new DatabaseProblemException(
                        $"Databasen {instance.DatabaseFile} saknar {pending.Count} migrering(ar) som den här versionen behöver, men en annan process använder den. " +
                        "Stoppa den andra processen (den äldre versionen av webbplatsen) så migrerar den här versionen databasen när den startar.");
            }
        });

    /// <summary>
    /// Several web nodes may start at once against one PostgreSQL database: a session advisory lock lets one of
    /// them migrate and seed while the others wait, and then find the work done. The server drops the lock with
    /// the session, so a node killed half-way never leaves it behind.
    /// </summary>
    private static async Task PreparePostgresAsync(WebApplication app)
    {
        await using var gate = new NpgsqlConnection(ResolveConnectionString(app.Configuration, app.Environment));
        await gate.OpenAsync();
        // The wait is as long as the other node's migration and import take, not Npgsql's 30-second command timeout:
        // on a loaded server a first import took longer, and the waiting node gave up with "Exception while reading".
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(7264531)", gate) { CommandTimeout = (int)MigrationWait.TotalSeconds })
            await take.ExecuteNonQueryAsync();
        using var scope = app.Services.CreateScope();
        await MigrateAsync(scope.ServiceProvider, app.Logger);
        await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportIfEmptyAsync(SeedPath(app));
        // Closing the session releases the lock.
    }

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
        // Created 0600 before SQLite opens it, which would otherwise create it readable by everyone (umask 022).
        if (db.Database.IsSqlite() && FilePath(db.Database.GetConnectionString()!) is { } file && !File.Exists(file))
            OwnerOnly.CreateEmptyFile(file);
        await EnableWriteAheadLogAsync(db);
        await EnsureNotNewerAsync(db);
        await ReleaseStaleMigrationLockAsync(db, logger);
        await db.Database.MigrateAsync();
        await Security.StaffAccounts.EnsureRolesAsync(scoped.GetRequiredService<RoleManager<IdentityRole>>());
        await Security.SecretsAtRest.UpgradeAsync(scoped, logger);
    }

    /// <summary>
    /// Readers never wait for the writer and the writer never waits for readers, so the public pages stay fast
    /// while staff save. The mode is stored in the file, so once is enough. Durability: synchronous stays at
    /// SQLite's default FULL, so a commit is on disk (WAL fsynced) before the save is acknowledged; it survives
    /// a killed process and a power cut, at one fsync per save, which staff editing never notices.
    /// </summary>
    private static async Task EnableWriteAheadLogAsync(RegistryDbContext db)
    {
        if (!db.Database.IsSqlite() || FilePath(db.Database.GetConnectionString()!) is null) return;
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = (string?)await command.ExecuteScalarAsync();
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new DatabaseProblemException($"Databasen kunde inte ställas om till WAL-läge (den svarade ”{mode}”). Kontrollera att filsystemet stöder delat minne (inte en nätverksdisk).");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
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

    /// <summary>
    /// EF Core keeps its migration lock on SQLite as a row in __EFMigrationsLock. A process killed while
    /// migrating leaves the row behind and every later migration waits for it forever. Only a holder of the
    /// exclusive file lock gets here, so no one else can be migrating: any row is stale.
    /// </summary>
    private static async Task ReleaseStaleMigrationLockAsync(RegistryDbContext db, ILogger logger)
    {
        // PostgreSQL's migration lock is an advisory lock, which the server drops with the session.
        if (!db.Database.IsSqlite()) return;
        var exists = await db.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'").SingleAsync();
        if (exists == 0) return;
        var removed = await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"");
        if (removed > 0)
            logger.LogWarning("Ett kvarlämnat migreringslås togs bort (en tidigare start avbröts medan den migrerade)");
    }

    private static DatabaseProblemException InUse(DatabaseLock instance) => new(
        $"Databasen {instance.DatabaseFile} hålls av en annan process (en återställning eller migrering pågår, låset {instance.LockFile}). Försök igen när den är klar.");

    /// <summary>Runs a start-up step; a problem we can explain becomes one critical line and false.</summary>
    public static async Task<bool> ReportAsync(IServiceProvider services, ILogger logger, Func<Task> step)
    {
        string? file = null;
        try
        {
            file = SqliteFilePath(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>(), createFolder: false);
            await step();
            return true;
        }
        catch (SeedDataException e)
        {
            logger.LogCritical("Starten avbröts: {Problem}", e.Message);
            return false;
        }
        catch (Exception e) when (DatabaseProblemException.From(e, file) is { } problem)
        {
            logger.LogCritical("Starten avbröts: {Problem}", problem.Message);
            return false;
        }
    }
}
