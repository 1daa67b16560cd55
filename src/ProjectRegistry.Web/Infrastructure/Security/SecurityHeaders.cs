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

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            // An uploaded file sets its own, stricter policy (a sandbox: Uploads/FileEndpoints).
            if (h.ContentSecurityPolicy.Count == 0) h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            // Other sites may not embed our answers (images, pages, files) as no-cors loads; the open data stays
            // readable from any origin through CORS, which this header does not restrict.
            h["Cross-Origin-Resource-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
