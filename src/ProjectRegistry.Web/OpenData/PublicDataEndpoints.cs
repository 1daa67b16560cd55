using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Caching;

namespace ProjectRegistry.Web.OpenData;

public static class PublicDataEndpoints
{
    /// <summary>The public answers that are not pages: the theme, downloads, findability, the API and the data catalog, from the output cache.</summary>
    public static WebApplication MapPublicData(this WebApplication app)
    {
        var publicData = app.MapGroup("").CacheOutput(PublicCache.Policy);
        publicData.MapGet("/theme.css", SiteOptions.ThemeCss);
        publicData.MapDownloads();
        publicData.MapFindability();
        publicData.MapOpenDataApi();
        publicData.MapDataCatalog();
        return app;
    }
}
