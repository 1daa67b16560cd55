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

    /// <summary>
    /// The column read with SequentialAccess, so that Npgsql hands the bytea over as it arrives from the server
    /// instead of buffering the row: the stream reads from the connection's own buffer.
    /// </summary>
    public async Task<Stream?> OpenFileContentAsync(RegistryDbContext db, long contentId, CancellationToken cancellationToken)
    {
        var column = FileContentColumn.Of(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var command = new NpgsqlCommand($"SELECT \"{column.Bytes}\" FROM \"{column.Table}\" WHERE \"{column.Key}\" = @id",
            (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.AddWithValue("id", contentId);
        NpgsqlDataReader? reader = null;
        try
        {
            reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess | System.Data.CommandBehavior.SingleRow, cancellationToken);
            if (await reader.ReadAsync(cancellationToken)) return new ColumnStream(reader.GetStream(0), reader, command);
        }
        catch
        {
            if (reader is not null) await reader.DisposeAsync();
            await command.DisposeAsync();
            throw;
        }
        await reader.DisposeAsync();
        await command.DisposeAsync();
        return null;
    }

    /// <summary>A column's stream that ends its reader and command with it, so that the connection is free again.</summary>
    private sealed class ColumnStream(Stream column, NpgsqlDataReader reader, NpgsqlCommand command) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => column.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => column.Read(buffer);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            column.ReadAsync(buffer, offset, count, cancellationToken);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            column.ReadAsync(buffer, cancellationToken);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await column.DisposeAsync();
            await reader.DisposeAsync();
            await command.DisposeAsync();
            await base.DisposeAsync();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                column.Dispose();
                reader.Dispose();
                command.Dispose();
            }
            base.Dispose(disposing);
        }
    }

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
