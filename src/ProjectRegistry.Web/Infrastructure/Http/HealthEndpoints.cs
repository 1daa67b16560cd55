using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProjectRegistry.Web.Data;

namespace ProjectRegistry.Web.Infrastructure.Http;

/// <summary>
/// <c>/healthz</c>: the process is up and answering (no database call, so a slow disk never restarts a healthy
/// process). <c>/readyz</c>: the database answers and has every migration this version expects; 503 otherwise,
/// so a load balancer sends no traffic to an instance that cannot serve it.
/// </summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddRegistryHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReady>("databasen", tags: [ReadyTag]);
        return services;
    }

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
    }

    /// <summary>Plain text: "ok", or what is wrong, for the operator reading a probe's output.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var text = report.Status == HealthStatus.Healthy
            ? "ok"
            : string.Join("\n", report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}"));
        return context.Response.WriteAsync(text + "\n");
    }

    private sealed class DatabaseReady(RegistryDbContext db, ILogger<DatabaseReady> logger) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                if (!await db.Database.CanConnectAsync(cancellationToken))
                    return HealthCheckResult.Unhealthy("går inte att nå");
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                return pending == 0
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"{pending} migrering(ar) är inte gjorda");
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // The probe's answer is public: the database's own words (a path, a host, a user) go to the log only.
                logger.LogError(e, "Databasen svarar inte på beredskapskontrollen");
                return HealthCheckResult.Unhealthy("svarar inte (se loggen)");
            }
        }
    }
}
