using ProjectRegistry.Web.Data.Engines;

namespace ProjectRegistry.Web.Infrastructure;

/// <summary>
/// Who is using the SQLite file, told by an OS lock on <c>&lt;db&gt;.lock</c> beside it (flock on Linux, a share
/// mode on Windows). Every process that serves or reads the registry (the site, <c>users</c>, <c>import</c>,
/// <c>backup</c>) holds it shared for as long as it runs; what changes the schema or swaps the file (start-up
/// migration, <c>migrate</c>, <c>restore</c>) needs it exclusive. The OS drops the lock when the process dies,
/// even by SIGKILL, so unlike a row in the database it is never left behind.
/// </summary>
public sealed class DatabaseLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private FileStream? _held;

    public DatabaseLock(IDatabaseEngine engine)
        : this(engine.DatabaseFile(createFolder: true))
    {
    }

    public DatabaseLock(string? databaseFile)
    {
        DatabaseFile = databaseFile;
        LockFile = databaseFile is null ? null : databaseFile + ".lock";
    }

    public string? DatabaseFile { get; }

    /// <summary>Null for an in-memory database, which no other process can reach, and for PostgreSQL, which has its own locks.</summary>
    public string? LockFile { get; }

    public bool IsExclusive { get; private set; }

    /// <summary>How long to wait for a command that is just finishing before giving up.</summary>
    public static TimeSpan DefaultWait { get; } = TimeSpan.FromSeconds(3);

    public Task<bool> TryExclusiveAsync(TimeSpan wait, CancellationToken ct = default) => TryAsync(exclusive: true, wait, ct);

    public Task<bool> TrySharedAsync(TimeSpan wait, CancellationToken ct = default) => TryAsync(exclusive: false, wait, ct);

    /// <summary>After a migration: let commands and other instances in again while this process goes on using the file.</summary>
    public async Task<bool> DowngradeAsync(TimeSpan wait, CancellationToken ct = default)
    {
        Release();
        return await TrySharedAsync(wait, ct);
    }

    private async Task<bool> TryAsync(bool exclusive, TimeSpan wait, CancellationToken ct)
    {
        if (LockFile is null)
        {
            IsExclusive = exclusive;
            return true;
        }
        Release();
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                // FileShare.None takes LOCK_EX, any sharing LOCK_SH (.NET's FileStream on Unix); both non-blocking.
                _held = new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, exclusive ? FileShare.None : FileShare.ReadWrite);
                IsExclusive = exclusive;
                return true;
            }
            catch (IOException e) when (IsSharingViolation(e))
            {
                if (DateTime.UtcNow >= deadline) return false;
                await Task.Delay(Poll, ct);
            }
        }
    }

    // Other IOExceptions (read-only folder, full disk) are real problems for the caller to report.
    // EWOULDBLOCK from flock is errno 11 on Linux and 35 on macOS; Windows reports a sharing or lock violation.
    private static bool IsSharingViolation(IOException e) =>
        e.GetType() == typeof(IOException) && e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    private void Release()
    {
        _held?.Dispose();
        _held = null;
        IsExclusive = false;
    }

    public void Dispose() => Release();
}
