using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>Plain SQL on a database file, beside whatever process is using it (no pooling: nothing stays open).</summary>
public static class SqliteFile
{
    public static List<string> Query(string file, string sql, SqliteOpenMode mode = SqliteOpenMode.ReadOnly)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "");
        return rows;
    }

    public static string Scalar(string file, string sql) => Query(file, sql).Single();

    public static int Count(string file, string sql) => int.Parse(Scalar(file, sql), CultureInfo.InvariantCulture);

    public static void Execute(string file, string sql) => Query(file, sql, SqliteOpenMode.ReadWriteCreate);

    public static bool TableExists(string file, string table) =>
        Count(file, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") == 1;
}
