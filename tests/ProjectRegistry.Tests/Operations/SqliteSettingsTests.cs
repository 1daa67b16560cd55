using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Operations;

/// <summary>What every connection the app opens is set to: a busy timeout, and durable commits.</summary>
public sealed class SqliteSettingsTests
{
    private static async Task<string> PragmaAsync(DbConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [SqliteFact]
    public async Task A_connection_waits_as_long_as_its_default_timeout_and_commits_with_synchronous_full()
    {
        using var database = new TempRegistryDatabase();
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        // Microsoft.Data.Sqlite's Default Timeout is 30 s; SQLite's own busy handler gets the same.
        Assert.Equal("30000", await PragmaAsync(connection, "busy_timeout"));
        // FULL: the WAL is fsynced before a commit returns, so an acknowledged save survives a crash of the machine too.
        Assert.Equal("2", await PragmaAsync(connection, "synchronous"));
    }
}
