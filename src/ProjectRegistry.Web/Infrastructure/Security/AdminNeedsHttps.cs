using Microsoft.Extensions.Options;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>
/// Outside Development the staff and antiforgery cookies are Secure only, so over plain http the admin area
/// cannot work (the antiforgery cookie would make the sign-in page a 500). Such a visit is sent to the https
/// address when Site:PublicUrl gives one, and otherwise gets a Swedish page that says the admin area needs HTTPS.
/// </summary>
public static class AdminNeedsHttps
{
    private static readonly object RefusedKey = new();

    public static IApplicationBuilder UseAdminNeedsHttps(this WebApplication app)
    {
        if (app.Environment.IsDevelopment()) return app;
        var site = app.Services.GetRequiredService<IOptions<SiteOptions>>().Value;
        return app.Use((context, next) =>
        {
            if (context.Request.IsHttps || !context.Request.Path.StartsWithSegments("/admin")) return next(context);
            if (site.HttpsPublicUrl is { } https)
            {
                context.Response.Redirect(https + context.Request.Path + context.Request.QueryString, permanent: false, preserveMethod: true);
                return Task.CompletedTask;
            }
            context.Items[RefusedKey] = true;
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });
    }

    /// <summary>True when this request's 403 is the refusal above (the error page then says why).</summary>
    public static bool WasRefused(HttpContext context) => context.Items.ContainsKey(RefusedKey);
}
