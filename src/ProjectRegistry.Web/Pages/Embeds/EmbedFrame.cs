using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Embeds;

/// <summary>
/// Whose embed a response is, and so which websites may frame it and whose accent colour it wears. An embed that
/// names a publisher (?organisation=, or a project card's own publisher) takes that publisher's origins and colour;
/// any other (no publisher, or an organisation that keeps no list) takes the registry's own (Site:EmbedOrigins,
/// empty by default, and Site:AccentColor): an organisation that does not publish has no say over the registry's
/// list, and a filter naming it must not open a frame that nobody chose.
/// </summary>
public sealed record EmbedFrame(IReadOnlyList<string> Origins, string? PublisherSlug)
{
    public static async Task<EmbedFrame> ForAsync(RegistryDbContext db, SiteOptions site, string? organisation, CancellationToken ct)
    {
        if (organisation is not null
            && await db.Organisations.AsNoTracking().Where(o => o.Slug == organisation && o.ListTitle != null)
                .Select(o => new { o.Slug, o.EmbedOrigins }).FirstOrDefaultAsync(ct) is { } publisher)
            return new EmbedFrame(publisher.EmbedOrigins, publisher.Slug);
        return new EmbedFrame(site.EmbedOrigins, null);
    }

    /// <summary>
    /// Sends frame-ancestors with exactly the origins. A signed-in staff member's request also allows 'self': the
    /// admin's "Bädda in" page and a project's admin page show the embed itself as their preview, from the registry's
    /// own origin. Such a request is never cached (the output cache skips signed-in requests), so the public answer,
    /// the one the cache keeps and other sites get, names the publisher's origins and nothing else.
    /// </summary>
    public void Apply(HttpContext context)
    {
        var ancestors = context.User.Identity?.IsAuthenticated == true ? ["'self'", .. Origins] : Origins.ToList();
        SecurityHeaders.AllowFramingBy(context.Response, ancestors);
    }

    /// <summary>The stylesheet that carries the accent colour (the CSP allows no inline style).</summary>
    public string ThemeHref => "/inbadda/tema.css" + (PublisherSlug is null ? "" : "?organisation=" + Uri.EscapeDataString(PublisherSlug));

    /// <summary>/inbadda/tema.css?organisation=: the publisher's accent colour, else the registry's.</summary>
    public static async Task<IResult> ThemeCssAsync(string? organisation, RegistryDbContext db, IOptions<SiteOptions> site, CancellationToken ct)
    {
        var slug = organisation;
        var accent = slug is null ? null
            : await db.Organisations.AsNoTracking().Where(o => o.Slug == slug && o.ListTitle != null).Select(o => o.AccentColor).FirstOrDefaultAsync(ct);
        return accent is null ? SiteOptions.ThemeCss(site) : SiteOptions.AccentCss(accent);
    }

    /// <summary>The iframe snippet a publisher pastes into its site: the embed's absolute address, a title, a size.</summary>
    public static string Snippet(string baseUrl, string path, string title, int height) =>
        $"<iframe src=\"{Attribute(baseUrl + path)}\" title=\"{Attribute(title)}\" " +
        $"width=\"100%\" height=\"{height}\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>";

    /// <summary>Only what an attribute value must escape: å, ä and ö stay readable in the code a person pastes.</summary>
    private static string Attribute(string value) => value.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
