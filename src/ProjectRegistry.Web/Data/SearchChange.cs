using Microsoft.EntityFrameworkCore;

namespace ProjectRegistry.Web.Data;

/// One change the public may see, in commit order per writer: the search index of every node applies the ones it has not seen.
public class SearchChange
{
    public long Id { get; set; }          // the sequence: autoincrement (SQLite AUTOINCREMENT so ids are never reused; PostgreSQL identity bigint)
    public int? ProjectId { get; set; }   // the project whose public record may have changed; null = everything must be read again (a rebuild)
    public DateTime At { get; set; }      // UTC

    /// <summary>Asks every node to read everything again (after a write that no per-project list describes).</summary>
    public static async Task RequestRebuildAsync(RegistryDbContext db, CancellationToken ct)
    {
        db.SearchChanges.Add(new SearchChange { ProjectId = null, At = DateTime.UtcNow });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Deletes the rows older than <paramref name="olderThanUtc"/>; a node whose index is older than the oldest
    /// row left rebuilds, so this only bounds the table.
    /// </summary>
    public static Task<int> PruneAsync(RegistryDbContext db, DateTime olderThanUtc, CancellationToken ct) =>
        db.SearchChanges.Where(c => c.At < olderThanUtc).ExecuteDeleteAsync(ct);
}
