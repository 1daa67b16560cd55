using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProjectRegistry.Web.Data.Engines;

/// <summary>
/// SQLite sorts text by code point (Ä before Å, every capital before every small letter). This registers
/// a Swedish collation on every connection, declared on the name and title columns so that every ORDER BY on them sorts as a Swedish reader expects.
/// </summary>
public sealed class SwedishCollation : DbConnectionInterceptor
{
    public const string Name = "sv";
    private static readonly CompareInfo Swedish = CultureInfo.GetCultureInfo("sv-SE").CompareInfo;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
            sqlite.CreateCollation(Name, (a, b) => Swedish.Compare(a, b, CompareOptions.IgnoreCase));
    }
}
