using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Caching;

namespace ProjectRegistry.Tests.Infrastructure;

/// <summary>The in-memory output cache of a single node holds what its limit says, counting keys as well as bodies.</summary>
public class MemoryOutputCacheTests
{
    [Fact]
    public async Task Entries_with_long_keys_and_short_bodies_are_counted_at_what_they_cost()
    {
        // A 100-byte answer under a 4,000-character key: the framework's store counted 100 bytes of the 8 kB it holds.
        await using var app = new RegistryAppFactory { Settings = { [PublicCache.MemoryLimitSetting] = "1" } };
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        var body = new byte[100];

        var keys = Enumerable.Range(0, 300).Select(i => $"GET\u001eHTTP\u001e/projekt\u001eQq={i}{new string('a', 4000)}").ToList();
        foreach (var key in keys) await store.SetAsync(key, body, [PublicCache.Tag], TimeSpan.FromMinutes(1), CancellationToken.None);

        var kept = 0;
        foreach (var key in keys) if (await store.GetAsync(key, CancellationToken.None) is not null) kept++;
        // 1 MB over about 8.7 kB an entry.
        Assert.InRange(kept, 1, 1024 * 1024 / 8_000);
    }

    [Fact]
    public async Task Evicting_the_tag_empties_the_store_and_its_index()
    {
        using var store = new MemoryOutputCache(1024 * 1024);
        await store.SetAsync("a", [1], [PublicCache.Tag], TimeSpan.FromMinutes(1), CancellationToken.None);
        await store.SetAsync("b", [2], [PublicCache.Tag, "annan"], TimeSpan.FromMinutes(1), CancellationToken.None);
        await store.SetAsync("c", [3], null, TimeSpan.FromMinutes(1), CancellationToken.None);

        await store.EvictByTagAsync(PublicCache.Tag, CancellationToken.None);

        Assert.Null(await store.GetAsync("a", CancellationToken.None));
        Assert.Null(await store.GetAsync("b", CancellationToken.None));
        Assert.NotNull(await store.GetAsync("c", CancellationToken.None));
    }
}
