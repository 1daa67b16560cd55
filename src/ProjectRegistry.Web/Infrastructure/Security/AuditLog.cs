using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>Writes sign-ins and account changes to the audit log that admins read (and to Serilog).</summary>
public sealed class AuditLog(RegistryDbContext db, TimeProvider clock, IHttpContextAccessor http, ILogger<AuditLog> logger)
{
    public async Task WriteAsync(AuditKind kind, string? subject, string? detail = null, CancellationToken ct = default)
    {
        var context = http.HttpContext;
        var actor = context?.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            Kind = kind,
            Subject = subject,
            Actor = actor,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
            Detail = detail,
        });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Audit {AuditKind} for {Subject} by {Actor}", kind, subject, actor ?? "-");
    }
}
