using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>Writes sign-ins and account changes to the audit log that admins read (and to Serilog).</summary>
public sealed class AuditLog(RegistryDbContext db, TimeProvider clock, IHttpContextAccessor http, ILogger<AuditLog> logger)
{
    // Whatever an anonymous client typed is stored at most this long: one row can never be more than about 2 kB.
    public const int MaxSubjectLength = 254;
    public const int MaxActorLength = 254;
    public const int MaxDetailLength = 1_000;
    public const int MaxIpAddressLength = 64;

    public async Task WriteAsync(AuditKind kind, string? subject, string? detail = null, CancellationToken ct = default)
    {
        var context = http.HttpContext;
        var actor = context?.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
        var entry = db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            Kind = kind,
            Subject = Cap(subject, MaxSubjectLength),
            Actor = Cap(actor, MaxActorLength),
            IpAddress = Cap(context?.Connection.RemoteIpAddress?.ToString(), MaxIpAddressLength),
            Detail = Cap(detail, MaxDetailLength),
        }).Entity;
        await db.SaveChangesAsync(ct);
        // Not the e-mail addresses: the subject may be whatever someone typed into the sign-in form. The event
        // in the audit log, which admins read, has them; the log line points to it.
        logger.LogInformation("Granskningshändelse {AuditEventId}: {AuditKind} av användare {UserId}",
            entry.Id, kind, context?.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "-");
    }

    /// <summary>Cut to the bound with an ellipsis (so a reader sees it was cut), without control characters.</summary>
    internal static string? Cap(string? text, int max)
    {
        if (text is null) return null;
        var clean = new string(text.Where(c => !char.IsControl(c)).ToArray());
        return clean.Length <= max ? clean : string.Concat(clean.AsSpan(0, max - 1), "…");
    }

    /// <summary>Deletes the events older than the retention time; returns how many.</summary>
    public static async Task<int> PruneAsync(RegistryDbContext db, DateTime now, int retentionDays, CancellationToken ct = default)
    {
        var cutoff = now.AddDays(-retentionDays);
        return await db.AuditEvents.Where(e => e.At < cutoff).ExecuteDeleteAsync(ct);
    }
}

/// <summary>How long the audit log keeps its events (appsettings section "Security").</summary>
public sealed class AuditLogOptions
{
    /// <summary>Days an event is kept; 0 keeps them for ever. Two years by default.</summary>
    public int AuditLogRetentionDays { get; set; } = 730;
}
