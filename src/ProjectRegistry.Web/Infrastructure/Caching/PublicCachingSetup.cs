using Microsoft.AspNetCore.ResponseCompression;
using ProjectRegistry.Web.Infrastructure.Http;

namespace ProjectRegistry.Web.Infrastructure.Caching;

/// <summary>What the public is served from (the output cache), what misses it, and how it is compressed.</summary>
public static class PublicCachingSetup
{
    public static IServiceCollection AddPublicCaching(this IServiceCollection services, IConfiguration configuration)
    {
        // Anonymous public pages from the output cache, evicted by tag the moment staff save public data. With several
        // web nodes the cache lives in Redis (ConnectionStrings:Redis), so an eviction on one node reaches them all.
        services.AddSharedOutputCache(configuration);
        services.AddOutputCache(PublicCache.Configure);
        services.AddSingleton<PublicCacheEviction>();
        // What misses the cache: a budget per anonymous client address, and few expensive answers computed at once.
        services.Configure<PublicRequestLimitsOptions>(configuration.GetSection(PublicRequestLimitsOptions.Section));
        services.AddSingleton<PublicRequestLimits>();
        // Brotli or gzip for the public pages (never /admin, whose pages carry antiforgery tokens: BREACH).
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/html", "text/css", "text/csv", "text/plain", "application/json", "application/xml", "application/atom+xml", "application/rdf+xml", "image/svg+xml"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        return services;
    }

    /// <summary>The output cache and what sits around it in the pipeline, after authorization (the cache needs to know who asks).</summary>
    public static WebApplication UsePublicCaching(this WebApplication app)
    {
        app.Use(AcceptEncoding.NormaliseAsync);
        app.UseOutputCache();
        // Only cache misses get here: anonymous ones are counted per client address, expensive ones queue for a permit.
        app.Use(app.Services.GetRequiredService<PublicRequestLimits>().LimitUncachedAsync);
        // Inside the output cache, so that a cached page is stored compressed and served without compressing it again;
        // that pays for Brotli's and gzip's better (slower) level, which keeps the largest pages within 40 kB.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/admin"), a => a.UseResponseCompression());
        return app;
    }
}
