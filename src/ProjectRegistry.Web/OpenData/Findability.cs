using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.OpenData;

/// <summary>What search engines read: robots.txt (the admin area kept out) and a sitemap of every public page.</summary>
public static class Findability
{
    public static IEndpointRouteBuilder MapFindability(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (HttpRequest request) => Results.Text(
            $"User-agent: *\nDisallow: /admin\nAllow: /\n\nSitemap: {SiteOptions.BaseUrl(request)}/sitemap.xml\n", "text/plain; charset=utf-8"));
        app.MapGet("/sitemap.xml", SitemapAsync);
        return app;
    }

    private static async Task<IResult> SitemapAsync(HttpContext http, RegistryDbContext db)
    {
        var baseUrl = SiteOptions.BaseUrl(http.Request);
        var projects = await db.PublicProjects.AsNoTracking().Select(p => new { p.Slug, p.UpdatedAt }).ToListAsync(http.RequestAborted);
        var organisations = await db.Organisations.AsNoTracking().Select(o => o.Slug).ToListAsync(http.RequestAborted);
        var municipalities = await db.PublicProjects.SelectMany(p => p.Municipalities).Select(m => m.Code).Distinct().ToListAsync(http.RequestAborted);

        const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        using var stream = new MemoryStream();
        await using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true }))
        {
            await w.WriteStartDocumentAsync();
            w.WriteStartElement("urlset", ns);
            void Url(string path, DateTime? modified = null)
            {
                w.WriteStartElement("url", ns);
                w.WriteElementString("loc", ns, baseUrl + path);
                if (modified is { } m) w.WriteElementString("lastmod", ns, m.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }
            Url("/");
            Url("/projekt");
            Url("/organisationer");
            Url("/kommuner");
            Url("/statistik");
            foreach (var p in projects) Url($"/projekt/{p.Slug}", p.UpdatedAt);
            foreach (var o in organisations) Url($"/organisationer/{o}");
            foreach (var m in municipalities) Url($"/kommuner/{m}");
            w.WriteEndElement();
        }
        return Results.File(stream.ToArray(), "application/xml; charset=utf-8");
    }
}
