namespace ProjectRegistry.Web.Infrastructure;

/// <summary>
/// The database, its folder, its backups and the key file hold staff accounts and secrets: created readable by the
/// site's own user only (0700 / 0600), whatever the umask. Windows has no such modes; there the folder's ACL rules.
/// </summary>
public static class OwnerOnly
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and missing parents) as 0700; an existing folder keeps its mode.</summary>
    public static void CreateDirectory(string path)
    {
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, Folder);
    }

    /// <summary>A new file, 0600 from the moment it exists; fails if it exists already.</summary>
    public static FileStream CreateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = File;
        return new FileStream(path, options);
    }

    /// <summary>
    /// An empty file for SQLite to fill: SQLite takes a zero-length file as a new database, and gives its -wal,
    /// -shm and -journal files the database file's own mode.
    /// </summary>
    public static void CreateEmptyFile(string path)
    {
        try
        {
            using var _ = CreateFile(path);
        }
        catch (IOException) when (System.IO.File.Exists(path))
        {
            // Created in the meantime by another process: it is the one to use.
        }
    }

    /// <summary>Takes group and others' access away from an existing file (a database kept by restore).</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && System.IO.File.Exists(path)) System.IO.File.SetUnixFileMode(path, File);
    }

    public static bool IsOpenToOthers(string path) =>
        !OperatingSystem.IsWindows() && (System.IO.File.GetUnixFileMode(path) & ~(File | UnixFileMode.UserExecute)) != 0;
}
