using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace ProjectRegistry.Web.Infrastructure.Caching;

/// <summary>
/// The output cache of a single web node, in memory, bounded by what an entry really costs: the framework's own
/// store counts only the body, so an entry whose key is a long URL and whose body is a short answer (an empty
/// API page under a 6 kB query string) cost up to 80 times what it counted. Here the key (UTF-16), the tags
/// and the bookkeeping count too, and the least recently used entries go first when the limit is reached.
/// </summary>
public sealed class MemoryOutputCache : IOutputCacheStore, IDisposable
{
    /// <summary>The memory cache's entry, its options and the tag index's share of an entry, rounded up.</summary>
    internal const int EntryOverhead = 512;

    private readonly MemoryCache _cache;
    private readonly Dictionary<string, HashSet<string>> _keysByTag = new(StringComparer.Ordinal);
    private readonly Lock _tags = new();

    public MemoryOutputCache(long sizeLimitBytes) =>
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeLimitBytes });

    /// <summary>What an entry is counted as against the limit.</summary>
    internal static long Cost(string key, byte[] value, string[]? tags) =>
        value.Length + (key.Length * sizeof(char)) + EntryOverhead + (tags?.Sum(t => (t.Length * sizeof(char)) + 64) ?? 0);

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_cache.Get(key) as byte[]);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var options = new MemoryCacheEntryOptions { Size = Cost(key, value, tags), AbsoluteExpirationRelativeToNow = validFor };
        if (tags is { Length: > 0 })
        {
            lock (_tags)
            {
                foreach (var tag in tags)
                {
                    if (!_keysByTag.TryGetValue(tag, out var keys)) _keysByTag[tag] = keys = new HashSet<string>(StringComparer.Ordinal);
                    keys.Add(key);
                }
            }
            options.RegisterPostEvictionCallback(Forget, tags);
        }
        _cache.Set(key, value, options);
        return ValueTask.CompletedTask;
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        string[] keys;
        lock (_tags)
        {
            if (!_keysByTag.Remove(tag, out var set)) return ValueTask.CompletedTask;
            keys = [.. set];
        }
        foreach (var key in keys) _cache.Remove(key);
        return ValueTask.CompletedTask;
    }

    /// <summary>The number of entries held (for tests and diagnostics).</summary>
    public int Count => _cache.Count;

    /// <summary>An entry that left the cache leaves the tag index too (unless it was only replaced by a newer one).</summary>
    private void Forget(object key, object? value, EvictionReason reason, object? state)
    {
        if (reason == EvictionReason.Replaced || state is not string[] tags) return;
        lock (_tags)
        {
            foreach (var tag in tags)
                if (_keysByTag.TryGetValue(tag, out var keys) && keys.Remove((string)key) && keys.Count == 0) _keysByTag.Remove(tag);
        }
    }

    public void Dispose() => _cache.Dispose();
}
