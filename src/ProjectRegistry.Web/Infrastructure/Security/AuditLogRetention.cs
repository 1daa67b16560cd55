using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Data;

namespace ProjectRegistry.Web.Infrastructure.Security;

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
