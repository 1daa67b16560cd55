using Microsoft.AspNetCore.OutputCaching;

namespace ProjectRegistry.Web.Infrastructure.Caching;

/// <summary>
/// The output cache of several web nodes, in Redis (<c>ConnectionStrings:Redis</c>), so that the eviction after a
/// staff save reaches every node. Redis is a cache, not a dependency: while it is unreachable every request is
/// a miss rendered from the database (logged once a minute as a warning), never an error page.
/// </summary>
public static class SharedOutputCache
{
    public static IServiceCollection AddSharedOutputCache(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetConnectionString(PublicCache.RedisConnectionStringName) is not { Length: > 0 } redis)
        {
            // Before AddOutputCache, whose own store (which counts only bodies) is added only when none is.
            var megabytes = configuration.GetValue(PublicCache.MemoryLimitSetting, PublicCache.DefaultMemoryLimitMegabytes);
            services.AddSingleton<IOutputCacheStore>(_ => new MemoryOutputCache(Math.Max(1, megabytes) * 1024L * 1024));
            return services;
        }
        services.AddStackExchangeRedisOutputCache(o =>
        {
            o.Configuration = redis;
            o.InstanceName = "projektregistret:";
        });
        var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(registered);
        services.AddSingleton<IOutputCacheStore>(s => new Resilient(
            (IOutputCacheStore)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(s)
                ?? ActivatorUtilities.CreateInstance(s, registered.ImplementationType!)),
            s.GetRequiredService<ILogger<Resilient>>(),
            s.GetRequiredService<TimeProvider>()));
        return services;
    }

    internal sealed class Resilient(IOutputCacheStore inner, ILogger<Resilient> logger, TimeProvider time) : IOutputCacheStore
    {
        private long _lastWarning = long.MinValue;

        public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
        {
            try
            {
                return await inner.GetAsync(key, cancellationToken);
            }
            catch (Exception e) when (IsCacheFailure(e, cancellationToken))
            {
                Warn(e);
                return null;
            }
        }

        public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            try
            {
                await inner.SetAsync(key, value, tags, validFor, cancellationToken);
            }
            catch (Exception e) when (IsCacheFailure(e, cancellationToken))
            {
                Warn(e);
            }
        }

        public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            try
            {
                await inner.EvictByTagAsync(tag, cancellationToken);
            }
            catch (Exception e) when (IsCacheFailure(e, cancellationToken))
            {
                // Entries written before Redis went away can outlive this save until they expire (PublicCache.Lifetime).
                logger.LogError(e, "Den delade cachen (Redis) kunde inte tömmas efter en sparning; sidor kan visa gammalt innehåll i högst {Minutes} minuter",
                    PublicCache.Lifetime.TotalMinutes);
            }
        }

        private static bool IsCacheFailure(Exception e, CancellationToken ct) => !(e is OperationCanceledException && ct.IsCancellationRequested);

        private void Warn(Exception e)
        {
            var now = time.GetTimestamp();
            var last = Interlocked.Read(ref _lastWarning);
            if (last != long.MinValue && time.GetElapsedTime(last, now) < TimeSpan.FromMinutes(1)) return;
            if (Interlocked.CompareExchange(ref _lastWarning, now, last) != last) return;
            logger.LogWarning("Den delade cachen (Redis) svarar inte ({Problem}); sidorna byggs från databasen tills den är tillbaka", e.Message);
        }
    }
}
