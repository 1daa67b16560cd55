using ProjectRegistry.Web.Infrastructure.Security;
using Serilog;

namespace ProjectRegistry.Web.Infrastructure.Http;

/// <summary>What every request passes before routing: the real client, its request id, headers, errors, limits, a log line.</summary>
public static class FrontDoor
{
    public static WebApplication UseFrontDoor(this WebApplication app)
    {
        // First: the real client's address and scheme when a trusted proxy forwards them (and plain http through it goes to https).
        app.UseReverseProxy();
        // Then, so that every log line of a request, the error handler's too, carries the request id.
        app.UseRequestIdInLogs();
        app.UseSecurityHeaders();
        app.UseExceptionHandler("/fel/500");
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseStatusCodePagesWithReExecute("/fel/{0}");
        // Kestrel keeps its default limits (8 kB request line, 32 kB headers); a query string longer than any filter gets
        // the Swedish 414 page here, below Kestrel's limit, whose own 414 has no body.
        app.Use(PublicRequestLimits.BoundQueryStringAsync);
        // One line per request, through this host's logger (the middleware would otherwise use the static one).
        app.UseSerilogRequestLogging(o => o.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        // Outside Development the admin's cookies are Secure only: over plain http, a redirect to https or a Swedish page.
        app.UseAdminNeedsHttps();
        return app;
    }
}
