using Microsoft.Data.Sqlite;
using Npgsql;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// The registry database as a new site makes it (every migration applied, seed-data imported), made once per test
/// run and copied for each app that starts from the seed data. Migrating and importing was most of an app's start
/// (about 1.5 s of 2 on this machine, for some ninety apps a run); a copy takes a few milliseconds. The app still
/// runs its own start on the copy (migrations to apply: none; roles; the import skipped: not empty; its own index).
/// The tests of migrating and importing themselves start from an empty database (<see cref="TempRegistryDatabase"/>,
/// <see cref="RegistryProcess"/>).
/// </summary>
public static class SeededTemplate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TempRegistryDatabase? _template;

    /// <summary>Writes a copy of the template to <paramref name="path"/> (SQLite).</summary>
    public static async Task CopyToAsync(string path)
    {
        var template = await TemplateAsync();
        await using var source = new SqliteConnection($"Data Source={template.FilePath};Mode=ReadOnly;Pooling=False");
        await using var target = new SqliteConnection($"Data Source={path};Pooling=False");
        await source.OpenAsync();
        await target.OpenAsync();
        // SQLite's online backup: the whole database, whatever is still in the template's WAL.
        source.BackupDatabase(target);
    }

    /// <summary>A new PostgreSQL database made from the template; its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync()
    {
        var template = await TemplateAsync();
        await Gate.WaitAsync();
        try
        {
            // CREATE DATABASE ... TEMPLATE refuses while anyone is connected to the template, an idle pooled connection too.
            await using (var pooled = new NpgsqlConnection(template.ConnectionString)) NpgsqlConnection.ClearPool(pooled);
            return await PostgresServer.Required.CreateDatabaseAsync(new NpgsqlConnectionStringBuilder(template.ConnectionString).Database);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<TempRegistryDatabase> TemplateAsync()
    {
        if (Volatile.Read(ref _template) is { } made) return made;
        await Gate.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var template = new TempRegistryDatabase();
            await template.MigrateAsync();
            await template.ImportAsync(SeedFiles.Root);
            SqliteConnection.ClearAllPools();
            // Removed with the run: the temporary file, or the database on an existing PostgreSQL server
            // (REGISTRY_TEST_POSTGRES); a server the tests started goes with its folder anyway.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => template.Dispose();
            Volatile.Write(ref _template, template);
            return template;
        }
        finally
        {
            Gate.Release();
        }
    }
}
