namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>Headers on every response: no script at all, no inline style, no framing, no sniffing, little referrer.</summary>
public static class SecurityHeaders
{
    // No page of the site, public or admin, runs script (the map, the charts and the 2FA QR code are drawn on the
    // server; JSON-LD is data, which script-src does not govern), so none is allowed: an injected <script> or a
    // script planted among the static files would not run either. A page that one day needs script must say so here.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// An embed (/inbadda/...) may be framed by exactly <paramref name="ancestors"/> (origins checked by
    /// FieldRules.EmbedOrigins, or 'self'); with none, by nobody, as every other page. Set on the response before it
    /// starts, so the output cache keeps it with the page: each cached embed carries its own publisher's list.
    /// </summary>
    public static void AllowFramingBy(HttpResponse response, IReadOnlyCollection<string> ancestors)
    {
        response.Headers.ContentSecurityPolicy = ancestors.Count == 0
            ? ContentSecurityPolicy
            : ContentSecurityPolicy.Replace("frame-ancestors 'none'", "frame-ancestors " + string.Join(' ', ancestors), StringComparison.Ordinal);
    }

    /// <summary>
    /// The two pages with script: the admin's "Bädda in" page, whose copy button runs /js/copy-snippet.js (the snippet
    /// is also in a text field, so copying works without it), and the project form (/js/project-form.js: rows without
    /// a reload, the autosaved draft, a question before leaving unsaved changes; the form is complete without it).
    /// Only the site's own files, never inline script.
    /// </summary>
    public static void AllowOwnScript(HttpResponse response) =>
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy.Replace("script-src 'none'", "script-src 'self'", StringComparison.Ordinal);

    /// <summary>True when the response's policy lets some origin frame it (an embed): X-Frame-Options DENY would refuse them all.</summary>
    private static bool IsFramable(string? policy) =>
        policy is not null && policy.Split(';').Select(d => d.Trim()).FirstOrDefault(d => d.StartsWith("frame-ancestors ", StringComparison.Ordinal)) is { } directive
        && directive != "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            // An uploaded file sets its own, stricter policy (a sandbox: Uploads/FileEndpoints).
            if (h.ContentSecurityPolicy.Count == 0) h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            // Old browsers without frame-ancestors read this instead; an embed names its framers in the CSP alone.
            var framable = IsFramable(h.ContentSecurityPolicy);
            if (!framable) h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            // Other sites may not embed our answers (images, pages, files) as no-cors loads; the open data stays
            // readable from any origin through CORS, which this header does not restrict.
            // An embed is a document the allowed sites load in a frame: a site with COEP would need it cross-origin.
            h["Cross-Origin-Resource-Policy"] = framable ? "cross-origin" : "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
