using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Http;

namespace ProjectRegistry.Web.OpenData;

/// <summary>
/// What search engines read: robots.txt (the admin area kept out) and a sitemap of every public page. The
/// sitemap protocol allows 50,000 addresses a file, so /sitemap.xml is an index of /sitemap-1.xml, -2... .
/// </summary>
public static class Findability
{
    public const int MaxAddressesPerFile = 50_000;
    private const string Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>The pages that are always there, first in the first file.</summary>
    private static readonly string[] FixedPaths = ["/", "/projekt", "/organisationer", "/kommuner", "/statistik"];

    public static IEndpointRouteBuilder MapFindability(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (HttpRequest request) => Results.Text(
            $"User-agent: *\nDisallow: /admin\nAllow: /\n\nSitemap: {SiteOptions.BaseUrl(request)}/sitemap.xml\n", "text/plain; charset=utf-8"));
        app.MapGet("/sitemap.xml", SitemapIndexAsync);
        app.MapGet("/sitemap-{number:int}.xml", SitemapFileAsync).WithMetadata(new ExpensiveAnswerAttribute());
        return app;
    }

    /// <summary>The addresses in the order the files share them out: fixed pages, projects, organisations, municipalities.</summary>
    internal sealed record Counts(int Projects, int Organisations, int Municipalities)
    {
        public int Total => FixedPaths.Length + Projects + Organisations + Municipalities;
        public int Files => Math.Max(1, (Total + MaxAddressesPerFile - 1) / MaxAddressesPerFile);
    }

    /// <summary>
    /// Which part of each kind of address file <paramref name="number"/> (from 1) holds, with
    /// <paramref name="perFile"/> addresses a file: (skip, take) per kind, in the order of <see cref="Counts"/>.
    /// </summary>
    internal static IReadOnlyList<(int Skip, int Take)> Slices(int[] kindCounts, int number, int perFile)
    {
        var from = (long)(number - 1) * perFile;
        var to = from + perFile;
        var slices = new List<(int, int)>(kindCounts.Length);
        long start = 0;
        foreach (var count in kindCounts)
        {
            var skip = Math.Clamp(from - start, 0, count);
            var end = Math.Clamp(to - start, 0, count);
            slices.Add(((int)skip, (int)Math.Max(0, end - skip)));
            start += count;
        }
        return slices;
    }

    private static async Task<Counts> CountAsync(RegistryDbContext db, CancellationToken ct) => new(
        await db.PublicProjects.CountAsync(ct),
        await db.Organisations.CountAsync(ct),
        await MunicipalitiesWithProjects(db).CountAsync(ct));

    private static IQueryable<string> MunicipalitiesWithProjects(RegistryDbContext db) =>
        db.PublicProjects.SelectMany(p => p.Municipalities).Select(m => m.Code).Distinct();

    private static async Task<IResult> SitemapIndexAsync(HttpContext http, RegistryDbContext db)
    {
        var baseUrl = SiteOptions.BaseUrl(http.Request);
        var counts = await CountAsync(db, http.RequestAborted);
        return await XmlAsync(w =>
        {
            w.WriteStartElement("sitemapindex", Ns);
            for (var i = 1; i <= counts.Files; i++)
            {
                w.WriteStartElement("sitemap", Ns);
                w.WriteElementString("loc", Ns, $"{baseUrl}/sitemap-{i.ToString(CultureInfo.InvariantCulture)}.xml");
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
    }

    private static async Task<IResult> SitemapFileAsync(int number, HttpContext http, RegistryDbContext db)
    {
        var ct = http.RequestAborted;
        var counts = await CountAsync(db, ct);
        if (number < 1 || number > counts.Files) return Results.NotFound();
        var slices = Slices([FixedPaths.Length, counts.Projects, counts.Organisations, counts.Municipalities], number, MaxAddressesPerFile);
        var baseUrl = SiteOptions.BaseUrl(http.Request);

        var fixedPaths = FixedPaths.Skip(slices[0].Skip).Take(slices[0].Take).ToList();
        var projects = slices[1].Take == 0 ? [] : await db.PublicProjects.AsNoTracking().OrderBy(p => p.Id)
            .Skip(slices[1].Skip).Take(slices[1].Take).Select(p => new { p.Slug, p.UpdatedAt }).ToListAsync(ct);
        var organisations = slices[2].Take == 0 ? [] : await db.Organisations.AsNoTracking().OrderBy(o => o.Id)
            .Skip(slices[2].Skip).Take(slices[2].Take).Select(o => o.Slug).ToListAsync(ct);
        var municipalities = slices[3].Take == 0 ? [] : await MunicipalitiesWithProjects(db).OrderBy(c => c)
            .Skip(slices[3].Skip).Take(slices[3].Take).ToListAsync(ct);

        return await XmlAsync(w =>
        {
            w.WriteStartElement("urlset", Ns);
            void Url(string path, DateTime? modified = null)
            {
                w.WriteStartElement("url", Ns);
                w.WriteElementString("loc", Ns, baseUrl + path);
                if (modified is { } m) w.WriteElementString("lastmod", Ns, m.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }
            foreach (var path in fixedPaths) Url(path);
            foreach (var p in projects) Url($"/projekt/{p.Slug}", p.UpdatedAt);
            foreach (var o in organisations) Url($"/organisationer/{o}");
            foreach (var m in municipalities) Url($"/kommuner/{m}");
            w.WriteEndElement();
        });
    }

    private static async Task<IResult> XmlAsync(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        await using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true }))
        {
            await w.WriteStartDocumentAsync();
            write(w);
        }
        return Results.File(stream.ToArray(), "application/xml; charset=utf-8");
    }
}
