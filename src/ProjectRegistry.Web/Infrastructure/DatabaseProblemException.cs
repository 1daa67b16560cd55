namespace ProjectRegistry.Web.Infrastructure;

/// <summary>
/// Something about the database file that stops the start or a command, said in one Swedish sentence that
/// tells the operator what to do. Start-up logs it as one line and exits with code 1, instead of a stack trace.
/// The engine's own errors are described by <see cref="Data.Engines.IDatabaseEngine.Describe"/>, which comes here
/// for the rest.
/// </summary>
public sealed class DatabaseProblemException(string message, Exception? inner = null) : Exception(message, inner)
{
    // errno values .NET reports as the HResult of an IOException on Linux.
    private const int NoSpace = 28, ReadOnlyFileSystem = 30;

    /// <summary>The operator's sentence for a failure of the files around the database, or null for a real bug.</summary>
    public static DatabaseProblemException? From(Exception e, string? databaseFile)
    {
        var file = databaseFile ?? "databasen";
        var folder = databaseFile is null ? "mappen" : Path.GetDirectoryName(databaseFile);
        return e switch
        {
            DatabaseProblemException known => known,
            UnauthorizedAccessException => new($"Programmet får inte skriva i {folder}, där databasen och dess låsfil ligger. Ge det skrivrätt där.", e),
            IOException { HResult: NoSpace } => new($"Disken är full: filer bredvid {file} kan inte skapas. Frigör utrymme på disken och starta igen.", e),
            IOException { HResult: ReadOnlyFileSystem } => new($"Filsystemet där {file} ligger är skrivskyddat. Programmet behöver kunna skriva i {folder}.", e),
            _ => null,
        };
    }
}
