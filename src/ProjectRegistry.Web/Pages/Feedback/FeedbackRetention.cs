using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;

namespace ProjectRegistry.Web.Pages.Feedback;

/// <summary>
/// Deletes feedback older than the admin's retention time (FeedbackSettings, 12 months by default) when the site
/// starts and once a day after that, by the injected clock. Each node does it; the delete is idempotent.
/// </summary>
public sealed class FeedbackRetention(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FeedbackRetention> logger)
    : IHostedService, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);
    private ITimer? _timer;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunLoggedAsync(cancellationToken);
        _timer = clock.CreateTimer(_ => _ = RunLoggedAsync(CancellationToken.None), null, Interval, Interval);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>Deletes what is past its time now; returns how many.</summary>
    public async Task<int> PruneNowAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var months = await db.FeedbackSettings.AsNoTracking().Select(s => (int?)s.RetentionMonths).FirstOrDefaultAsync(ct)
            ?? Domain.FeedbackSettings.DefaultRetentionMonths;
        var cutoff = clock.GetUtcNow().UtcDateTime.AddMonths(-months);
        var deleted = await db.FeedbackMessages.Where(m => m.ReceivedAt < cutoff).ExecuteDeleteAsync(ct);
        if (deleted > 0) logger.LogInformation("Synpunkter: {DeletedCount} äldre än {RetentionMonths} månader borttagna", deleted, months);
        return deleted;
    }

    private async Task RunLoggedAsync(CancellationToken ct)
    {
        try
        {
            await PruneNowAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            logger.LogError(e, "Synpunkterna kunde inte rensas; nästa försök om ett dygn");
        }
    }
}
