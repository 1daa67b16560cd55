using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProjectRegistry.Web.Data.Engines;

/// <summary>
/// SQLite's own busy handler on every connection, as long as the connection's DefaultTimeout (30 s unless the
/// connection string says otherwise). Microsoft.Data.Sqlite already retries a busy statement until that
/// timeout, but between tries it sleeps 150 ms; SQLite's handler waits in steps of a few milliseconds, so a
/// save queued behind another writer goes through as soon as the file is free.
/// </summary>
public sealed class BusyTimeout : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Set(connection);
        return Task.CompletedTask;
    }

    private static void Set(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
            SQLitePCL.raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
    }
}
