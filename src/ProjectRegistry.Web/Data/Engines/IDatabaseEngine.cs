using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Data.Engines;

/// <summary>
/// What differs between the engines the registry runs on: chosen once from <c>Database:Provider</c>
/// (<see cref="DatabaseEngines.From"/>) and registered as a singleton, so that pages, commands and start-up ask it
/// instead of asking which engine it is. The model, the queries and the start-up sequence are the same on both.
/// </summary>
public interface IDatabaseEngine
{
    /// <summary>ConnectionStrings:Registry as this engine reads it; a relative SQLite file is taken from the content root.</summary>
    string ConnectionString(bool createFolder = true);

    /// <summary>EF on this engine, with the interceptors it needs; EF's own error events are debug-level.</summary>
    DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString);

    /// <summary>Registers <see cref="RegistryDbContext"/> as the context type whose migrations are this engine's.</summary>
    IServiceCollection AddContext(IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> options);

    /// <summary>A context outside the app's services (the EF tools, tests), configured as the app's are.</summary>
    RegistryDbContext CreateContext(string connectionString);

    /// <summary>
    /// Start-up: runs <paramref name="migrateAndSeed"/> in the one process allowed to, while any other process
    /// starting at the same time waits or only checks the schema. Throws <see cref="DatabaseProblemException"/>
    /// when the start must stop.
    /// </summary>
    Task PrepareAsync(IServiceProvider services, Func<Task> migrateAndSeed);

    /// <summary>Before anything reads the database in a migration: what the engine needs of the file itself.</summary>
    Task OpenForMigrationAsync(RegistryDbContext db);

    /// <summary>Before migrating: removes a migration lock a killed process left behind, where the engine can leave one.</summary>
    Task ReleaseStaleMigrationLockAsync(RegistryDbContext db, ILogger logger);

    /// <summary>The SQLite file; null for PostgreSQL and for an in-memory database.</summary>
    string? DatabaseFile(bool createFolder = false);

    /// <summary>
    /// Whether the database is a file on this machine, which <c>backup</c> and <c>restore</c> copy and
    /// <c>migrate</c> locks (SQLite); PostgreSQL's are pg_dump, pg_restore and the server's own locks.
    /// </summary>
    bool HasFile { get; }

    /// <summary>The file for <c>backup</c>, <c>restore</c> and <c>migrate</c>; a <see cref="DatabaseProblemException"/> saying what to do where there is none.</summary>
    string RequireFile(bool createFolder = true);

    /// <summary>The folder of this node's own files when nothing else is configured: beside the SQLite file, else App_Data under the content root.</summary>
    string StateFolder { get; }

    /// <summary>
    /// A file or folder of this node's own named after the database: <c>&lt;db&gt;<paramref name="besideDatabase"/></c>
    /// beside the SQLite file, else <paramref name="inStateFolder"/> in <see cref="StateFolder"/>.
    /// </summary>
    string StatePath(string besideDatabase, string inStateFolder);

    /// <summary>
    /// Organisations whose name matches a LIKE <paramref name="pattern"/> (escaped with <c>\</c>) whatever the case.
    /// </summary>
    IQueryable<Organisation> WhereNameLike(IQueryable<Organisation> organisations, string pattern);

    /// <summary>
    /// The stored bytes of one file (<see cref="ProjectFileContent.Bytes"/>) as a stream that reads them from the
    /// database as it is read, never whole in memory; null when the row is gone. It uses the context's connection,
    /// so it is read and disposed before the context is used again.
    /// </summary>
    Task<Stream?> OpenFileContentAsync(RegistryDbContext db, long contentId, CancellationToken cancellationToken);

    /// <summary>The operator's sentence for a failure we know how to explain, or null for a real bug.</summary>
    DatabaseProblemException? Describe(Exception e);
}
