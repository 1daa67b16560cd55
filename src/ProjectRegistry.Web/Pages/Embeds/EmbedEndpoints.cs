using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Caching;

namespace ProjectRegistry.Web.Pages.Embeds;

public static class EmbedEndpoints
{
    /// <summary>An embed's accent colour: the publisher's (?organisation=), else the site's; cached per publisher.</summary>
    public static WebApplication MapEmbedTheme(this WebApplication app)
    {
        app.MapGet("/inbadda/tema.css", (string? organisation, RegistryDbContext db, IOptions<SiteOptions> site, CancellationToken ct) =>
            EmbedFrame.ThemeCssAsync(organisation, db, site, ct)).CacheOutput(PublicCache.EmbedThemePolicy);
        return app;
    }
}
