using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ProjectRegistry.Web.Infrastructure.Caching;

// In the namespace of Database.cs, which registers it, until that file (being reworked into Data/Engines) can name
// ProjectRegistry.Web.Infrastructure.Caching; it belongs with PublicCache.
namespace ProjectRegistry.Web.Infrastructure;

/// <summary>
/// Evicts the public cache after a save that changed public data has been committed: at once for a plain
/// save, or when the surrounding transaction commits (evicting before the commit would let a request in
/// between cache the old data again).
/// </summary>
public sealed class PublicCacheEviction(IOutputCacheStore store, ILogger<PublicCacheEviction> logger)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> Pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) EvictIfPending(eventData.Context).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) await EvictIfPending(eventData.Context);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null && eventData.Context is not null) Pending.Remove(eventData.Context);
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        EvictIfPending(eventData.Context).AsTask().GetAwaiter().GetResult();

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await EvictIfPending(eventData.Context);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is not null) Pending.Remove(eventData.Context);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private static void Note(DbContext? context)
    {
        if (context is null) return;
        if (context.ChangeTracker.Entries().Any(e => e.State is not (EntityState.Unchanged or EntityState.Detached) && PublicCache.IsPublic(e.Entity)))
            Pending.AddOrUpdate(context, true);
    }

    private async ValueTask EvictIfPending(DbContext? context)
    {
        if (context is null || !Pending.Remove(context)) return;
        // The save is stored whatever happens here; a failed eviction is logged and the entry expires on its own.
        try
        {
            await store.EvictByTagAsync(PublicCache.Tag, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not evict the public page cache after a save; pages may be stale for up to {Minutes} minutes", PublicCache.Lifetime.TotalMinutes);
        }
    }
}
