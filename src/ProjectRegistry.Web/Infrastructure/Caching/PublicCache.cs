using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Pages.Projects;
using ProjectRegistry.Web.Pages.Shared;

namespace ProjectRegistry.Web.Infrastructure.Caching;

/// <summary>
/// The public pages and open-data answers are the same for every anonymous reader, so they are served from
/// the output cache; the moment staff save anything the public sees, every cached answer is evicted (one
/// tag), so a page never shows stale data after a save. Signed-in staff always get fresh pages (the
/// default policy never caches an authenticated request).
/// </summary>
public static class PublicCache
{
    /// <summary>A public answer that reads no query string.</summary>
    public const string Policy = "public";
    /// <summary>/projekt and its downloads: the filters of <see cref="ProjectFilter"/>.</summary>
    public const string ProjectListPolicy = "public-project-list";
    /// <summary>/projekt.csv and /projekt.xlsx: the list's filters and the chosen columns (?kolumner=).</summary>
    public const string ProjectDownloadPolicy = "public-project-download";
    public const string StatisticsPolicy = "public-statistics";
    /// <summary>A page whose only query key is the page of its list (?sida=).</summary>
    public const string PagedPolicy = "public-paged";
    public const string OrganisationListPolicy = "public-organisation-list";
    public const string OrganisationPolicy = "public-organisation";
    public const string ApiProjectsPolicy = "public-api-projects";
    /// <summary>An embed's stylesheet: the publisher's accent colour (?organisation=).</summary>
    public const string EmbedThemePolicy = "public-embed-theme";
    public const string Tag = "registry";

    /// <summary>
    /// The query keys each public answer reads, taken from the code that parses them; a key not listed here
    /// is not part of the cache key, so <c>/statistik?x=1</c>, <c>?x=2</c>... are all the cached /statistik.
    /// A page that reads a new key must add it to its list, or the cache serves the page without it.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> QueryKeysByPolicy = new Dictionary<string, string[]>
    {
        [Policy] = [],
        [ProjectListPolicy] = ProjectFilter.QueryKeys,
        [ProjectDownloadPolicy] = [.. ProjectFilter.QueryKeys, OpenData.DownloadColumns.QueryKey],
        [StatisticsPolicy] = Pages.Statistics.IndexModel.QueryKeys,
        [PagedPolicy] = [Pager.QueryKey],
        [OrganisationListPolicy] = Pages.Organisations.IndexModel.QueryKeys,
        [OrganisationPolicy] = Pages.Organisations.DetailsModel.QueryKeys,
        [ApiProjectsPolicy] = OpenData.Api.ProjectQueryKeys,
        [EmbedThemePolicy] = ["organisation"],
    };

    /// <summary>ConnectionStrings:Redis: a shared output cache for several web nodes; absent, each node caches in memory.</summary>
    public const string RedisConnectionStringName = "Redis";

    /// <summary>A backstop for what no save announces (the date moving past a contact's retention period).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Answers larger than this are not cached (the cache gives up buffering them and they stream as usual).</summary>
    public const long MaximumBodySize = 2 * 1024 * 1024;

    /// <summary>OutputCache:MemoryLimitMegabytes: what the in-memory store may hold, keys and bookkeeping counted (default 64).</summary>
    public const string MemoryLimitSetting = "OutputCache:MemoryLimitMegabytes";
    public const int DefaultMemoryLimitMegabytes = 64;

    public static void Configure(OutputCacheOptions options)
    {
        // The store itself, bounded so that a crawler walking every filter combination cannot take the server's
        // memory, is made by AddSharedOutputCache (MemoryOutputCache, or Redis): options.SizeLimit is not used.
        // A page is tens of kB; the full CSV and JSON downloads (16 MB at 10,000 projects) are not kept: buffering
        // one while it streams, and serving it from memory to many readers at once, took the server past 800 MB.
        // They stream from the database in chunks instead.
        options.MaximumBodySize = MaximumBodySize;
        foreach (var (name, keys) in QueryKeysByPolicy)
        {
            options.AddPolicy(name, b => b.Expire(Lifetime).Tag(Tag)
                .SetVaryByQuery(keys)
                // The cache keeps the compressed answer (compression runs inside it, see Program.cs), one per encoding;
                // the header is first cut down to the one encoding the server will use (AcceptEncoding.NormaliseAsync),
                // so there are three variants of a page, not one per spelling of a browser's header.
                .SetVaryByHeader(HeaderNames.AcceptEncoding)
                // Not the raw Host (any junk host would be a new entry), but the base of the absolute links the
                // page carries: the one thing in it that the host can change.
                .SetVaryByHost(false)
                .VaryByValue(c => new("base", SiteOptions.BaseUrl(c.Request))));
        }
    }

    /// <summary>
    /// Entities whose change can alter a public page: the types marked <see cref="PublicDataAttribute"/>, and the
    /// many-to-many link rows. Staff accounts, sign-ins, revisions, drafts, import mappings and the audit log are not
    /// marked, so a sign-in or the form's autosave every 30 seconds does not empty the cache.
    /// </summary>
    internal static bool IsPublic(object entity) => entity is Dictionary<string, object> || PublicTypes.GetOrAdd(entity.GetType(), IsMarkedPublic);

    private static readonly ConcurrentDictionary<Type, bool> PublicTypes = new();

    private static bool IsMarkedPublic(Type type) => Attribute.IsDefined(type, typeof(PublicDataAttribute));
}

/// <summary>
/// Cuts a request's Accept-Encoding down to the one encoding the response compression will use (br, gzip or
/// identity), before the output cache reads it for the key: otherwise every spelling of the header ("gzip, br",
/// "br;q=0.9, *", a random string) is a cache entry of its own. Compression then sees the same single value,
/// so the entry always holds what its key says.
/// </summary>
public static class AcceptEncoding
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";
    public const string Identity = "identity";

    public static Task NormaliseAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.Headers.AcceptEncoding = Choose(context.Request.Headers.AcceptEncoding);
        return next(context);
    }

    /// <summary>
    /// The client's most preferred of br and gzip (br on a tie, as the compression middleware orders its
    /// providers), or identity when it accepts neither or prefers identity to both.
    /// </summary>
    public static string Choose(Microsoft.Extensions.Primitives.StringValues header)
    {
        if (!StringWithQualityHeaderValue.TryParseList(header, out var offers)) return Identity;
        double? Quality(string name) => offers.FirstOrDefault(o => o.Value.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } offer ? offer.Quality ?? 1 : null;
        // Identity is acceptable unless refused outright, but any encoding offered comes before it.
        double Of(string name) => Quality(name) ?? Quality("*") ?? (name == Identity ? 0.001 : 0);
        var (br, gzip, identity) = (Of(Brotli), Of(Gzip), Of(Identity));
        if (br <= 0 && gzip <= 0) return Identity;
        var best = br >= gzip ? Brotli : Gzip;
        return Math.Max(br, gzip) < identity ? Identity : best;
    }
}
