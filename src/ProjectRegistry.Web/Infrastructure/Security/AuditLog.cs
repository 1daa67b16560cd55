using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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

/// <summary>
/// Prunes the audit log when the site starts and once a day after that, by the injected clock. Each node does it;
/// the delete is idempotent. A failed daily run is logged and tried again the next day.
/// </summary>
public sealed class AuditLogRetention(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AuditLogOptions> options, ILogger<AuditLogRetention> logger)
    : IHostedService, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);
    private ITimer? _timer;
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Completes after the first pruning, so that a started site never shows events past their time.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await PruneNowAsync(cancellationToken);
        _timer = clock.CreateTimer(_ => _ = RunLoggedAsync(), null, Interval, Interval);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _running.Dispose();
    }

    public async Task<int> PruneNowAsync(CancellationToken ct = default)
    {
        var days = options.Value.AuditLogRetentionDays;
        if (days <= 0) return 0;
        await _running.WaitAsync(ct);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var deleted = await AuditLog.PruneAsync(db, clock.GetUtcNow().UtcDateTime, days, ct);
            if (deleted > 0)
                logger.LogInformation("Granskningsloggen: {DeletedCount} händelser äldre än {RetentionDays} dagar borttagna", deleted, days);
            return deleted;
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task RunLoggedAsync()
    {
        try
        {
            await PruneNowAsync();
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            logger.LogError(e, "Granskningsloggen kunde inte rensas; nästa försök om ett dygn");
        }
    }
}
