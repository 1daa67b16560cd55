using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Infrastructure.Http;

/// <summary>
/// The reverse proxies (appsettings section "Proxy") whose X-Forwarded-For and X-Forwarded-Proto the site
/// believes, so that the sign-in limit counts real clients and an https visit is known as one. Nothing is
/// trusted by default: without a proxy named, a client could otherwise claim any address and https.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "Proxy";

    private static readonly object CameThroughProxyKey = new();

    public static void Configure(ForwardedHeadersOptions o, IConfiguration configuration)
    {
        // The framework trusts loopback by default, and with both lists empty its middleware trusts every peer:
        // only the configured addresses, and no forwarding at all when there are none.
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        foreach (var text in Values(configuration, "KnownProxies"))
            if (IPAddress.TryParse(text, out var address)) o.KnownProxies.Add(address);
        foreach (var text in Values(configuration, "KnownNetworks"))
            if (IPNetwork.TryParse(text, out var network)) o.KnownIPNetworks.Add(network);
        // Not X-Forwarded-Host: the host filtering (AllowedHosts) checks the Host header before any middleware of
        // ours runs, so a host taken from a header afterwards would pass unchecked into every absolute URL. The
        // proxy passes the client's Host on as it is (nginx: proxy_set_header Host $host).
        o.ForwardedHeaders = o.KnownProxies.Count + o.KnownIPNetworks.Count > 0
            ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
            : ForwardedHeaders.None;
        // Only the entry our own proxy appended; anything to its left was written by the client.
        o.ForwardLimit = 1;
    }

    /// <summary>What is wrong with the Proxy section, in the start's one Swedish sentence, or null.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        foreach (var text in Values(configuration, "KnownProxies"))
            if (!IPAddress.TryParse(text, out _))
                return $"Proxy:KnownProxies ska vara IP-adresser (till exempel 127.0.0.1 eller ::1), inte \"{text}\".";
        foreach (var text in Values(configuration, "KnownNetworks"))
            if (!IPNetwork.TryParse(text, out _))
                return $"Proxy:KnownNetworks ska vara nät skrivna som adress/prefix (till exempel 10.0.0.0/8), inte \"{text}\".";
        return null;
    }

    /// <summary>
    /// First in the pipeline: the client's address and scheme as the trusted proxy saw them. A request that the
    /// proxy says came over plain http is sent to https (and HSTS then keeps the browser there).
    /// </summary>
    public static void UseReverseProxy(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        var site = app.Services.GetRequiredService<IOptions<SiteOptions>>().Value;
        app.Use((context, next) =>
        {
            // Noted before the forwarding replaces the peer's address. A probe on the proxy's own machine that
            // names no scheme (curl http://127.0.0.1:8080/readyz) is not a visitor and is not redirected.
            if (options.ForwardedHeaders != ForwardedHeaders.None && IsKnown(options, context.Connection.RemoteIpAddress)
                && context.Request.Headers.ContainsKey(options.ForwardedProtoHeaderName))
                context.Items[CameThroughProxyKey] = true;
            return next(context);
        });
        app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            if (context.Request.IsHttps || !CameThroughProxy(context)) return next(context);
            var https = site.HttpsPublicUrl ?? $"https://{context.Request.Host}{context.Request.PathBase}";
            context.Response.Redirect(https + context.Request.Path + context.Request.QueryString, permanent: true, preserveMethod: true);
            return Task.CompletedTask;
        });
    }

    /// <summary>True when a trusted proxy brought the request and said which scheme the client used.</summary>
    public static bool CameThroughProxy(HttpContext context) => context.Items.ContainsKey(CameThroughProxyKey);

    private static bool IsKnown(ForwardedHeadersOptions options, IPAddress? peer)
    {
        if (peer is null) return false;
        if (peer.IsIPv4MappedToIPv6) peer = peer.MapToIPv4();
        return options.KnownProxies.Any(p => (p.IsIPv4MappedToIPv6 ? p.MapToIPv4() : p).Equals(peer))
            || options.KnownIPNetworks.Any(n => n.Contains(peer));
    }

    /// <summary>A list from the configuration: JSON array entries, or one value separated by commas (handy in an environment variable).</summary>
    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection($"{Section}:{key}");
        return new[] { section.Value }.Concat(section.GetChildren().Select(c => c.Value))
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
