using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Net.Http.Headers;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Infrastructure;

/// <summary>
/// The public pages and open-data answers are the same for every anonymous reader, so they are served from
/// the output cache; the moment staff save anything the public sees, every cached answer is evicted (one
/// tag), so a page never shows stale data after a save. Signed-in staff always get fresh pages (the
/// default policy never caches an authenticated request).
/// </summary>
public static class PublicCache
{
    public const string Policy = "public";
    public const string Tag = "registry";

    /// <summary>ConnectionStrings:Redis: a shared output cache for several web nodes; absent, each node caches in memory.</summary>
    public const string RedisConnectionStringName = "Redis";

    /// <summary>A backstop for what no save announces (the date moving past a contact's retention period).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Answers larger than this are not cached (the cache gives up buffering them and they stream as usual).</summary>
    public const long MaximumBodySize = 2 * 1024 * 1024;

    public static void Configure(OutputCacheOptions options)
    {
        // Bounded so that a crawler walking every filter combination cannot take the server's memory.
        options.SizeLimit = 64 * 1024 * 1024;
        // A page is tens of kB; the full CSV and JSON downloads (16 MB at 10,000 projects) are not kept: buffering
        // one while it streams, and serving it from memory to many readers at once, took the server past 800 MB.
        // They stream from the database in chunks instead.
        options.MaximumBodySize = MaximumBodySize;
        // The cache keeps the compressed answer (compression runs inside it, see Program.cs), one per encoding a
        // client accepts, so a page is compressed once per edit rather than once per request.
        options.AddPolicy(Policy, b => b.Expire(Lifetime).Tag(Tag).SetVaryByHeader(HeaderNames.AcceptEncoding));
    }

    /// <summary>
    /// Entities whose change can alter a public page. Staff accounts, sign-ins, revisions and the audit log
    /// cannot, so a sign-in does not empty the cache.
    /// </summary>
    internal static bool IsPublic(object entity) => entity is not (StaffUser or ProjectRevision or AuditEvent)
        && (entity.GetType().Namespace == typeof(Project).Namespace || entity is Dictionary<string, object>); // the latter: many-to-many links
}

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
