using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Data.Engines;

namespace ProjectRegistry.Web.Infrastructure.Cli;

/// <summary><c>backup FILE</c>, <c>restore FILE</c> and <c>migrate</c>: the SQLite file's life outside the site.</summary>
internal static class DatabaseCommands
{
    /// <summary>
    /// SQLite's online backup API copies a consistent snapshot while the site goes on reading and writing
    /// (WAL). The copy is written beside the target, checked with integrity_check and only then given its
    /// name, so FILE is either a whole, checked backup or absent. An existing FILE is never overwritten.
    /// </summary>
    public static async Task<int> BackupAsync(IServiceProvider services, string? target, TextWriter stdout, TextWriter stderr)
    {
        if (target is null) return await CliCommand.UsageAsync(stderr, "Ange filen som säkerhetskopian ska skrivas till: backup FIL");
        var source = services.GetRequiredService<IDatabaseEngine>().RequireFile();
        target = Path.GetFullPath(target);
        if (!File.Exists(source))
            return await FailAsync(stderr, $"Databasen {source} finns inte; det finns inget att säkerhetskopiera.");
        if (File.Exists(target))
            return await FailAsync(stderr, $"{target} finns redan. Välj ett nytt filnamn; en säkerhetskopia skrivs aldrig över.");

        // Shared: the site keeps running; only a restore (exclusive) would have to wait for the copy.
        using var instance = new DatabaseLock(source);
        if (!await instance.TrySharedAsync(DatabaseLock.DefaultWait))
            return await FailAsync(stderr, $"Databasen {source} hålls av en återställning eller migrering just nu. Försök igen när den är klar.");

        OwnerOnly.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".tmp";
        try
        {
            // A backup holds the staff accounts: readable by the owner only, like the database.
            Delete(temporary);
            OwnerOnly.CreateEmptyFile(temporary);
            using (var from = Open(source, SqliteOpenMode.ReadWrite))
            using (var to = Open(temporary, SqliteOpenMode.ReadWriteCreate))
            {
                from.BackupDatabase(to);
                // One self-contained file: no -wal beside it to forget when it is copied elsewhere.
                Execute(to, "PRAGMA journal_mode = DELETE;");
            }
            var check = Inspect(temporary);
            if (check.Problem is not null) return await FailAsync(stderr, $"Kopian klarade inte kontrollen och är borttagen: {check.Problem}");
            File.Move(temporary, target);
            await stdout.WriteLineAsync(
                $"Säkerhetskopian är skriven till {target}: {check.Projects} projekt, {Size(target)}, integrity_check: ok.");
            return 0;
        }
        finally
        {
            Delete(temporary);
        }
    }

    /// <summary>
    /// Replaces the database with a backup. The backup is checked first (integrity_check, a registry's
    /// migration history, not newer than this version); the replaced database, with its WAL folded in, is kept
    /// as <c>&lt;db&gt;.fore-restore-&lt;time&gt;</c>. Refused while the site or a command has the database open.
    /// </summary>
    public static async Task<int> RestoreAsync(IServiceProvider services, string? source, TextWriter stdout, TextWriter stderr)
    {
        if (source is null) return await CliCommand.UsageAsync(stderr, "Ange säkerhetskopian som ska läsas tillbaka: restore FIL");
        var target = services.GetRequiredService<IDatabaseEngine>().RequireFile();
        source = Path.GetFullPath(source);
        if (!File.Exists(source)) return await FailAsync(stderr, $"Säkerhetskopian {source} finns inte.");
        if (string.Equals(source, target, StringComparison.Ordinal))
            return await FailAsync(stderr, "Säkerhetskopian är samma fil som databasen.");

        var check = Inspect(source);
        if (check.Problem is not null) return await FailAsync(stderr, $"{source} läses inte tillbaka: {check.Problem}");
        using (var scope = services.CreateScope())
        {
            var known = scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
            if (check.Migrations.FirstOrDefault(m => !known.Contains(m)) is { } newer)
                return await FailAsync(stderr, $"{source} läses inte tillbaka: den är från en nyare version av programmet (migreringen {newer}).");
        }

        using var instance = new DatabaseLock(target);
        if (!await instance.TryExclusiveAsync(DatabaseLock.DefaultWait))
            return await FailAsync(stderr,
                $"Webbplatsen eller ett annat kommando använder {target} just nu (låset {instance.LockFile} hålls). " +
                "Stoppa webbplatsen först; databasen byts aldrig ut under en process som har den öppen.");

        string? kept = null;
        if (File.Exists(target))
        {
            var clock = services.GetRequiredService<TimeProvider>();
            kept = $"{target}.fore-restore-{clock.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            FoldWriteAheadLog(target);
            // Whatever the checkpoint left travels with its database: a WAL is part of the file it belongs to.
            foreach (var suffix in new[] { "", "-wal", "-journal" })
            {
                if (!File.Exists(target + suffix)) continue;
                File.Move(target + suffix, kept + suffix);
                // A database of an earlier version may have been created readable by everyone.
                OwnerOnly.Restrict(kept + suffix);
            }
            Delete(target + "-shm");
        }

        var temporary = target + ".restore-tmp";
        try
        {
            Delete(temporary);
            OwnerOnly.CreateEmptyFile(temporary);
            using (var from = Open(source, SqliteOpenMode.ReadOnly))
            using (var to = Open(temporary, SqliteOpenMode.ReadWriteCreate))
                from.BackupDatabase(to);
            File.Move(temporary, target);
        }
        finally
        {
            Delete(temporary);
        }

        // The search index describes the registry that was replaced: the next start builds it from the backup.
        var index = Search.SearchIndex.PathOf(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>(),
            services.GetRequiredService<IDatabaseEngine>());
        if (Directory.Exists(index)) Directory.Delete(index, recursive: true);
        await stdout.WriteLineAsync($"Databasen {target} är återställd från {source} ({check.Projects} projekt).");
        await stdout.WriteLineAsync(kept is null
            ? "Det fanns ingen databas att ersätta."
            : $"Databasen som ersattes är sparad som {kept}.");
        await stdout.WriteLineAsync("Starta webbplatsen igen; är säkerhetskopian från en äldre version migreras den när webbplatsen startar.");
        return 0;
    }

    /// <summary>
    /// Applies the migrations (and creates the staff roles) without serving and without importing seed-data.
    /// Needs the database to itself: with the site running it only reports whether anything is pending.
    /// </summary>
    public static async Task<int> MigrateAsync(IServiceProvider services, TextWriter stdout, TextWriter stderr)
    {
        // On PostgreSQL there is no file and no file lock: EF's migration lock there is the server's own.
        var engine = services.GetRequiredService<IDatabaseEngine>();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var path = engine.HasFile ? engine.RequireFile() : null;
        var file = path ?? $"(PostgreSQL, {db.Database.GetDbConnection().Database})";
        using var instance = new DatabaseLock(path);
        if (!await instance.TryExclusiveAsync(DatabaseLock.DefaultWait))
        {
            if (!await instance.TrySharedAsync(DatabaseLock.DefaultWait))
                return await FailAsync(stderr, $"Databasen {file} hålls av en återställning eller migrering just nu. Försök igen när den är klar.");
            await Database.EnsureNotNewerAsync(db);
            var waiting = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (waiting.Count == 0)
            {
                await stdout.WriteLineAsync($"Databasen {file} har redan alla {db.Database.GetMigrations().Count()} migreringar; inget att göra.");
                return 0;
            }
            return await FailAsync(stderr,
                $"{waiting.Count} migrering(ar) väntar, men webbplatsen eller ett kommando använder {file}. Stoppa webbplatsen och kör migrate igen.");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseCommands));
        await Database.MigrateAsync(scope.ServiceProvider, logger);
        await stdout.WriteLineAsync(pending.Count == 0
            ? $"Databasen {file} har redan alla {db.Database.GetMigrations().Count()} migreringar; inget att göra."
            : $"Databasen {file} är migrerad: {string.Join(", ", pending)}.");
        return 0;
    }

    private sealed record Inspection(string? Problem, int Projects, IReadOnlyList<string> Migrations);

    /// <summary>Is this file a whole registry database? integrity_check, the migration history, and its projects.</summary>
    private static Inspection Inspect(string file)
    {
        try
        {
            using var connection = Open(file, SqliteOpenMode.ReadOnly);
            var integrity = Query(connection, "PRAGMA integrity_check;");
            if (integrity is not ["ok"]) return new($"integrity_check svarar: {string.Join("; ", integrity.Take(5))}", 0, []);
            var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table';");
            if (!tables.Contains("__EFMigrationsHistory") || !tables.Contains("Projects"))
                return new("det är ingen databas från projektregistret (tabellerna __EFMigrationsHistory och Projects saknas).", 0, []);
            var migrations = Query(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId;");
            var projects = int.Parse(Query(connection, "SELECT COUNT(*) FROM Projects;")[0], CultureInfo.InvariantCulture);
            return new(null, projects, migrations);
        }
        catch (SqliteException e)
        {
            return new($"filen går inte att läsa som SQLite-databas ({e.Message.TrimEnd('.')}).", 0, []);
        }
    }

    /// <summary>Moves what the WAL holds into the database file, so that the file alone is the whole database.</summary>
    private static void FoldWriteAheadLog(string file)
    {
        try
        {
            using var connection = Open(file, SqliteOpenMode.ReadWrite);
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException)
        {
            // A damaged database is kept as it is, with its -wal beside it (the caller moves both).
        }
    }

    // No pooling: each file is closed, and its WAL folded in, as soon as the connection is disposed.
    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "");
        return rows;
    }

    private static string Size(string file) =>
        string.Create(CultureInfo.GetCultureInfo("sv-SE"), $"{new FileInfo(file).Length / 1024.0 / 1024.0:0.0} MB");

    private static void Delete(string file)
    {
        if (File.Exists(file)) File.Delete(file);
    }

    private static async Task<int> FailAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync(message);
        return 1;
    }
}
