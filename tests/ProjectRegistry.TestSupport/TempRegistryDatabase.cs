using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Data.Engines;
using ProjectRegistry.Web.Data.Seeding;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// A migrated registry database in a temporary SQLite file (or, in the PostgreSQL pass, a database of its own on
/// the test server), for tests that talk to the importer directly.
/// </summary>
public sealed class TempRegistryDatabase : IDisposable
{
    public string FilePath { get; } = Path.Combine(Path.GetTempPath(), $"projektregistret-test-{Guid.NewGuid():N}.db");

    /// <summary>For an app started on this database (ConnectionStrings:Registry).</summary>
    public string ConnectionString => _postgres ?? $"Data Source={FilePath}";

    private readonly string? _postgres = TestEngine.IsPostgres ? PostgresServer.Required.CreateDatabaseAsync().GetAwaiter().GetResult() : null;

    /// <summary>Configured as Program.cs configures it (the Swedish collation must exist on every connection).</summary>
    public RegistryDbContext CreateContext() => DatabaseEngines.Named(_postgres is null ? "Sqlite" : "Postgres").CreateContext(ConnectionString);

    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    /// <summary>Runs the importer in a context of its own, as the app does at start.</summary>
    public async Task ImportAsync(string seedRoot)
    {
        await using var db = CreateContext();
        await new SeedImporter(db, TimeProvider.System, NullLogger<SeedImporter>.Instance).ImportIfEmptyAsync(seedRoot);
    }

    public void Dispose()
    {
        TempDatabase.Delete(FilePath);
        if (_postgres is not null) PostgresServer.Required.DropDatabaseAsync(_postgres).GetAwaiter().GetResult();
    }
}

public static class TempDatabase
{
    /// <summary>Pooled connections keep the file open (and locked on Windows) until the pools are cleared.</summary>
    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal", path + ".lock", path + ".key" })
        {
            if (File.Exists(file)) File.Delete(file);
        }
        foreach (var folder in new[] { path + ".sokindex", path + ".import" })
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>A private copy of seed-data that a test may break, deleted afterwards.</summary>
public sealed class TempSeedCopy : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"seed-data-test-{Guid.NewGuid():N}");

    public TempSeedCopy()
    {
        foreach (var source in Directory.GetFiles(SeedFiles.Root, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, Path.GetRelativePath(SeedFiles.Root, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    /// <summary>Replaces the first occurrence of <paramref name="find"/> in one file; fails the test if it is not there.</summary>
    public void Replace(string relativeFile, string find, string replacement)
    {
        var path = Path.Combine(Root, relativeFile);
        var text = File.ReadAllText(path);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' finns inte i {relativeFile}; testet behöver uppdateras efter seed-data.");
        File.WriteAllText(path, string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length)));
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
