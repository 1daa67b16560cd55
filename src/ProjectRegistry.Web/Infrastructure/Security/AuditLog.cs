using System.Security.Claims;
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
        var entry = db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            Kind = kind,
            Subject = subject,
            Actor = actor,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
            Detail = detail,
        }).Entity;
        await db.SaveChangesAsync(ct);
        // Not the e-mail addresses: the subject may be whatever someone typed into the sign-in form. The event
        // in the audit log, which admins read, has them; the log line points to it.
        logger.LogInformation("Granskningshändelse {AuditEventId}: {AuditKind} av användare {UserId}",
            entry.Id, kind, context?.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "-");
    }
}
