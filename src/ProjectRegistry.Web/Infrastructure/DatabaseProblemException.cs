using Microsoft.Data.Sqlite;
using Npgsql;

namespace ProjectRegistry.Web.Infrastructure;

/// <summary>
/// Something about the database file that stops the start or a command, said in one Swedish sentence that
/// tells the operator what to do. Start-up logs it as one line and exits with code 1, instead of a stack trace.
/// </summary>
public sealed class DatabaseProblemException(string message, Exception? inner = null) : Exception(message, inner)
{
    // SQLite primary result codes (https://www.sqlite.org/rescode.html).
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoError = 10, SqliteCorrupt = 11,
        SqliteFull = 13, SqliteCantOpen = 14, SqliteNotADatabase = 26;

    // errno values .NET reports as the HResult of an IOException on Linux.
    private const int NoSpace = 28, ReadOnlyFileSystem = 30;

    /// <summary>The operator's sentence for a failure we know how to explain, or null for a real bug.</summary>
    public static DatabaseProblemException? From(Exception e, string? databaseFile)
    {
        var file = databaseFile ?? "databasen";
        var folder = databaseFile is null ? "mappen" : Path.GetDirectoryName(databaseFile);
        return e switch
        {
            DatabaseProblemException known => known,
            SqliteException { SqliteErrorCode: SqliteFull } => new($"Disken är full: {file} kan inte skrivas. Frigör utrymme på disken och starta igen.", e),
            SqliteException { SqliteErrorCode: SqliteReadOnly } => new(
                $"Databasen {file} är skrivskyddad (filen, mappen eller filsystemet). Programmet behöver kunna skriva i den och skapa {Path.GetFileName(file)}-wal och -shm bredvid den.", e),
            SqliteException { SqliteErrorCode: SqliteCantOpen } => new(
                $"Databasen {file} går inte att öppna. Kontrollera att {folder} finns och att programmet får läsa och skriva där.", e),
            SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase } => new(
                $"{file} är ingen hel SQLite-databas (filen är skadad eller av annat slag). Återställ en säkerhetskopia med kommandot restore.", e),
            SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => new(
                $"Databasen {file} var låst av en annan process längre än väntetiden. Försök igen när den är klar.", e),
            SqliteException { SqliteErrorCode: SqliteIoError } => new($"Läs- eller skrivfel på disken för {file} ({e.Message.TrimEnd('.')}). Kontrollera disken och utrymmet.", e),
            PostgresException { SqlState: "28P01" or "28000" } pg => new(
                $"PostgreSQL vägrade inloggningen ({pg.MessageText}). Kontrollera användare och lösenord i ConnectionStrings:Registry.", e),
            PostgresException { SqlState: "3D000" } pg => new(
                $"PostgreSQL-databasen finns inte ({pg.MessageText}). Skapa den (createdb) och starta igen; tabellerna skapas vid starten.", e),
            PostgresException { SqlState: "53100" } => new("PostgreSQL-serverns disk är full. Frigör utrymme på servern och försök igen.", e),
            PostgresException { SqlState: "25006" } => new("PostgreSQL-databasen är skrivskyddad (en läsreplik?). Peka ConnectionStrings:Registry på den skrivbara servern.", e),
            NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException } => new(
                $"PostgreSQL-servern svarar inte ({e.Message.TrimEnd('.')}). Kontrollera att den kör och att Host och Port i ConnectionStrings:Registry stämmer.", e),
            UnauthorizedAccessException => new($"Programmet får inte skriva i {folder}, där databasen och dess låsfil ligger. Ge det skrivrätt där.", e),
            IOException { HResult: NoSpace } => new($"Disken är full: filer bredvid {file} kan inte skapas. Frigör utrymme på disken och starta igen.", e),
            IOException { HResult: ReadOnlyFileSystem } => new($"Filsystemet där {file} ligger är skrivskyddat. Programmet behöver kunna skriva i {folder}.", e),
            _ => null,
        };
    }
}
