using Microsoft.EntityFrameworkCore;

namespace ProjectRegistry.Web.Data;

// TEMPORARY STUB (lead): replaced by the 'changes' branch.
public class SearchChange
{
    public long Id { get; set; }
    public int? ProjectId { get; set; }
    public DateTime At { get; set; }

    public static Task<int> PruneAsync(RegistryDbContext db, DateTime olderThanUtc, CancellationToken ct) =>
        db.SearchChanges.Where(c => c.At < olderThanUtc).ExecuteDeleteAsync(ct);

    public static async Task RequestRebuildAsync(RegistryDbContext db, CancellationToken ct)
    {
        db.SearchChanges.Add(new SearchChange { At = DateTime.UtcNow });
        await db.SaveChangesAsync(ct);
    }
}
