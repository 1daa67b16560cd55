using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Data.Engines;

/// <summary>
/// The registry on a PostgreSQL server, for several web nodes sharing one database. The collation and the
/// concurrency are the server's own (the "sv" ICU collation is created by the first migration), and the context
/// type is <see cref="PostgresRegistryDbContext"/> only so that EF finds its own migrations (Data/Migrations/Postgres).
/// </summary>
public sealed class PostgresEngine(IConfiguration configuration, Func<string> contentRoot) : IDatabaseEngine
{
    /// <summary>How long a PostgreSQL node waits for another that is migrating and importing.</summary>
    public static readonly TimeSpan MigrationWait = TimeSpan.FromMinutes(10);

    public string ConnectionString(bool createFolder = true)
    {
        var raw = DatabaseEngines.RawConnectionString(configuration);
        try
        {
            _ = new NpgsqlConnectionStringBuilder(raw);
        }
        catch (ArgumentException e)
        {
            throw new DatabaseProblemException($"ConnectionStrings:{DatabaseEngines.ConnectionStringName} är ingen PostgreSQL-anslutning ({e.Message.TrimEnd('.')}). Exempel: Host=127.0.0.1;Database=projektregistret;Username=registret", e);
        }
        return raw;
    }

    /// <summary>Neither SQLite interceptor is needed; text parameters lose the NUL character PostgreSQL refuses.</summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        DatabaseEngines.Quiet(options.UseNpgsql(connectionString).AddInterceptors(new NulFreeParameters()));

    public IServiceCollection AddContext(IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> options) =>
        services.AddDbContext<RegistryDbContext, PostgresRegistryDbContext>(options);

    public RegistryDbContext CreateContext(string connectionString) =>
        new PostgresRegistryDbContext((DbContextOptions<PostgresRegistryDbContext>)Configure(
            new DbContextOptionsBuilder<PostgresRegistryDbContext>(), connectionString).Options);

    /// <summary>
    /// Several web nodes may start at once against one PostgreSQL database: a session advisory lock lets one of
    /// them migrate and seed while the others wait, and then find the work done. The server drops the lock with
    /// the session, so a node killed half-way never leaves it behind.
    /// </summary>
    public async Task PrepareAsync(IServiceProvider services, Func<Task> migrateAndSeed)
    {
        await using var gate = new NpgsqlConnection(ConnectionString());
        await gate.OpenAsync();
        // The wait is as long as the other node's migration and import take, not Npgsql's 30-second command timeout:
        // on a loaded server a first import took longer, and the waiting node gave up with "Exception while reading".
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(7264531)", gate) { CommandTimeout = (int)MigrationWait.TotalSeconds })
            await take.ExecuteNonQueryAsync();
        await migrateAndSeed();
        // Closing the session releases the lock.
    }

    public Task OpenForMigrationAsync(RegistryDbContext db) => Task.CompletedTask;

    /// <summary>PostgreSQL's migration lock is an advisory lock, which the server drops with the session.</summary>
    public Task ReleaseStaleMigrationLockAsync(RegistryDbContext db, ILogger logger) => Task.CompletedTask;

    public string? DatabaseFile(bool createFolder = false) => null;

    public bool HasFile => false;

    public string RequireFile(bool createFolder = true) => throw new DatabaseProblemException(
        "Databasen är PostgreSQL (Database:Provider = Postgres), inte en fil. Säkerhetskopiera med pg_dump och återställ med pg_restore; se README, avsnittet PostgreSQL.");

    public string StateFolder => DatabaseEngines.AppData(contentRoot);

    public string StatePath(string besideDatabase, string inStateFolder) => Path.Combine(StateFolder, inStateFolder);

    /// <summary>
    /// PostgreSQL refuses LIKE on the case-insensitive (nondeterministic) "sv" collation of names: there the
    /// name is matched under ICU's deterministic root collation with ILIKE, case-insensitive beyond A–Z too.
    /// </summary>
    public IQueryable<Organisation> WhereNameLike(IQueryable<Organisation> organisations, string pattern) =>
        organisations.Where(o => EF.Functions.ILike(EF.Functions.Collate(o.Name, "und-x-icu"), pattern, "\\"));

    public DatabaseProblemException? Describe(Exception e) => e switch
    {
        PostgresException { SqlState: "28P01" or "28000" } pg => new(
            $"PostgreSQL vägrade inloggningen ({pg.MessageText}). Kontrollera användare och lösenord i ConnectionStrings:Registry.", e),
        PostgresException { SqlState: "3D000" } pg => new(
            $"PostgreSQL-databasen finns inte ({pg.MessageText}). Skapa den (createdb) och starta igen; tabellerna skapas vid starten.", e),
        PostgresException { SqlState: "53100" } => new("PostgreSQL-serverns disk är full. Frigör utrymme på servern och försök igen.", e),
        PostgresException { SqlState: "25006" } => new("PostgreSQL-databasen är skrivskyddad (en läsreplik?). Peka ConnectionStrings:Registry på den skrivbara servern.", e),
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException } => new(
            $"PostgreSQL-servern svarar inte ({e.Message.TrimEnd('.')}). Kontrollera att den kör och att Host och Port i ConnectionStrings:Registry stämmer.", e),
        _ => DatabaseProblemException.From(e, databaseFile: null),
    };
}
