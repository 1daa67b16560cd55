using Serilog.Context;

namespace ProjectRegistry.Web.Infrastructure.Http;

/// <summary>
/// Every log line written while a request is handled carries its id ({RequestId} in the output templates),
/// so the lines of one request can be found together; a 5xx page shows the same id as its reference.
/// </summary>
public static class RequestIdLogging
{
    public static IApplicationBuilder UseRequestIdInLogs(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        using (LogContext.PushProperty("RequestId", context.TraceIdentifier))
            await next(context);
    });
}
