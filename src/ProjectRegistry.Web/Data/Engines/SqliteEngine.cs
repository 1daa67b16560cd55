using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Data.Engines;

/// <summary>
/// The registry in one SQLite file beside the app (the default). Who is using the file is told by the OS lock of
/// <see cref="DatabaseLock"/>; the Swedish collation and a busy handler are registered on every connection.
/// </summary>
public sealed class SqliteEngine(IConfiguration configuration, Func<string> contentRoot) : IDatabaseEngine
{
    /// <summary>How long a start waits for another process that holds the database exclusively (a restore, a migration).</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(30);

    // SQLite primary result codes (https://www.sqlite.org/rescode.html).
    private const int SqliteError = 1, SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoError = 10, SqliteCorrupt = 11,
        SqliteFull = 13, SqliteCantOpen = 14, SqliteNotADatabase = 26;

    /// <summary>A relative SQLite file path is taken from the content root, not from wherever the shell stands.</summary>
    public string ConnectionString(bool createFolder = true)
    {
        var csb = new SqliteConnectionStringBuilder(DatabaseEngines.RawConnectionString(configuration));
        if (csb.DataSource is { Length: > 0 } file && file != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var full = Path.GetFullPath(file, contentRoot());
            if (createFolder) OwnerOnly.CreateDirectory(Path.GetDirectoryName(full)!);
            csb.DataSource = full;
        }
        return csb.ToString();
    }

    /// <summary>
    /// Every context, the app's and a tool's, talks to SQLite with the Swedish collation registered and a busy
    /// timeout.
    /// </summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        DatabaseEngines.Quiet(options.UseSqlite(connectionString).AddInterceptors(new SwedishCollation(), new BusyTimeout()));

    public IServiceCollection AddContext(IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> options) =>
        services.AddDbContext<RegistryDbContext>(options);

    public RegistryDbContext CreateContext(string connectionString) =>
        new((DbContextOptions<RegistryDbContext>)Configure(new DbContextOptionsBuilder<RegistryDbContext>(), connectionString).Options);

    /// <summary>
    /// The first process to arrive migrates and seeds under the exclusive lock; one that finds the database in use
    /// by another instance only checks that the schema is the one it expects. The shared lock is kept for the life
    /// of the process, so a restore cannot swap the file.
    /// </summary>
    public async Task PrepareAsync(IServiceProvider services, Func<Task> migrateAndSeed)
    {
        var instance = services.GetRequiredService<DatabaseLock>();
        if (await instance.TryExclusiveAsync(DatabaseLock.DefaultWait))
        {
            await migrateAndSeed();
            if (!await instance.DowngradeAsync(StartWait)) throw InUse(instance);
            return;
        }
        if (!await instance.TrySharedAsync(StartWait)) throw InUse(instance);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await Database.EnsureNotNewerAsync(db);
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
            throw new DatabaseProblemException(
                $"Databasen {instance.DatabaseFile} saknar {pending.Count} migrering(ar) som den här versionen behöver, men en annan process använder den. " +
                "Stoppa den andra processen (den äldre versionen av webbplatsen) så migrerar den här versionen databasen när den startar.");
    }

    private static DatabaseProblemException InUse(DatabaseLock instance) => new(
        $"Databasen {instance.DatabaseFile} hålls av en annan process (en återställning eller migrering pågår, låset {instance.LockFile}). Försök igen när den är klar.");

    public async Task OpenForMigrationAsync(RegistryDbContext db)
    {
        // Created 0600 before SQLite opens it, which would otherwise create it readable by everyone (umask 022).
        if (FileOf(db.Database.GetConnectionString()!) is not { } file) return;
        if (!File.Exists(file)) OwnerOnly.CreateEmptyFile(file);
        await EnableWriteAheadLogAsync(db);
    }

    /// <summary>
    /// Readers never wait for the writer and the writer never waits for readers, so the public pages stay fast
    /// while staff save. The mode is stored in the file, so once is enough. Durability: synchronous stays at
    /// SQLite's default FULL, so a commit is on disk (WAL fsynced) before the save is acknowledged; it survives
    /// a killed process and a power cut, at one fsync per save, which staff editing never notices.
    /// </summary>
    private static async Task EnableWriteAheadLogAsync(RegistryDbContext db)
    {
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

    /// <summary>
    /// EF Core keeps its migration lock on SQLite as a row in __EFMigrationsLock. A process killed while
    /// migrating leaves the row behind and every later migration waits for it forever. Only a holder of the
    /// exclusive file lock gets here, so no one else can be migrating: any row is stale.
    /// </summary>
    public async Task ReleaseStaleMigrationLockAsync(RegistryDbContext db, ILogger logger)
    {
        var exists = await db.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'").SingleAsync();
        if (exists == 0) return;
        var removed = await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"");
        if (removed > 0)
            logger.LogWarning("Ett kvarlämnat migreringslås togs bort (en tidigare start avbröts medan den migrerade)");
    }

    public string? DatabaseFile(bool createFolder = false) => FileOf(ConnectionString(createFolder));

    /// <summary>The full path of the SQLite file, or null for an in-memory database.</summary>
    private static string? FileOf(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        return csb.DataSource is { Length: > 0 } file && file != ":memory:" && csb.Mode != SqliteOpenMode.Memory
            ? Path.GetFullPath(file)
            : null;
    }

    public bool HasFile => true;

    public string RequireFile(bool createFolder = true) => DatabaseFile(createFolder)
        ?? throw new DatabaseProblemException($"Kommandot behöver en databasfil; ConnectionStrings:{DatabaseEngines.ConnectionStringName} pekar på en databas i minnet.");

    public string StateFolder => DatabaseFile() is { } file ? Path.GetDirectoryName(file)! : DatabaseEngines.AppData(contentRoot);

    public string StatePath(string besideDatabase, string inStateFolder) =>
        DatabaseFile() is { } file ? file + besideDatabase : Path.Combine(DatabaseEngines.AppData(contentRoot), inStateFolder);

    /// <summary>LIKE: case-insensitive (for A–Z), unlike instr.</summary>
    public IQueryable<Organisation> WhereNameLike(IQueryable<Organisation> organisations, string pattern) =>
        organisations.Where(o => EF.Functions.Like(o.Name, pattern, "\\"));

    /// <summary>
    /// SQLite's incremental blob I/O (sqlite3_blob_open): pages are read as the stream asks for them, where a SELECT
    /// of the column would copy the whole value into memory first (20 slow downloads of a 19 MB file took the server
    /// from 326 to 1,152 MB). The row is found by its rowid, which the integer key is. An open blob keeps its read
    /// snapshot, so the WAL cannot be checkpointed past it until the download ends: Security:FileStreams bounds how many.
    /// </summary>
    public async Task<Stream?> OpenFileContentAsync(RegistryDbContext db, long contentId, CancellationToken cancellationToken)
    {
        var column = FileContentColumn.Of(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return new SqliteBlob((SqliteConnection)db.Database.GetDbConnection(), column.Table, column.Bytes, contentId, readOnly: true);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteError)
        {
            // No such row: removed since the caller found it.
            await db.Database.CloseConnectionAsync();
            return null;
        }
    }

    public DatabaseProblemException? Describe(Exception e)
    {
        var databaseFile = SafeDatabaseFile();
        var file = databaseFile ?? "databasen";
        var folder = databaseFile is null ? "mappen" : Path.GetDirectoryName(databaseFile);
        return e switch
        {
            SqliteException { SqliteErrorCode: SqliteFull } => new($"Disken är full: {file} kan inte skrivas. Frigör utrymme på disken och starta igen.", e),
            SqliteException { SqliteErrorCode: SqliteReadOnly } => new(
                $"Databasen {file} är skrivskyddad (filen, mappen eller filsystemet). Programmet behöver kunna skriva i den och skapa {Path.GetFileName(file)}-wal och -shm bredvid den.", e),
            SqliteException { SqliteErrorCode: SqliteCantOpen } => new(
                $"Databasen {file} går inte att öppna. Kontrollera att {folder} finns och att programmet får läsa och skriva där.", e),
            SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase } => new(
                $"{file} är ingen hel SQLite-databas (filen är skadad eller av annat slag). Återställ en säkerhetskopia med kommandot restore.", e),
            SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => new(
                $"Databasen {file} var låst av en annan process längre än väntetiden. Försök igen när den är klar.", e),
            SqliteException { SqliteErrorCode: SqliteIoError } => new($"Läs- eller skrivfel på disken för {file} ({e.Message.TrimEnd('.')}). Kontrollera disken och utrymmet.", e),
            _ => DatabaseProblemException.From(e, databaseFile),
        };
    }

    /// <summary>For a message only: never throws, whatever is wrong with the configuration.</summary>
    private string? SafeDatabaseFile()
    {
        try
        {
            return DatabaseFile();
        }
        catch (Exception e) when (e is DatabaseProblemException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
