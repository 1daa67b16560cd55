using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Data;

namespace ProjectRegistry.Web.Pages.Feedback;

/// <summary>Settings of the feedback form (appsettings section "Feedback").</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>Messages one client address may send per hour; over it the answer is 429 with the Swedish page.</summary>
    public int MessagesPerClientPerHour { get; set; } = 10;
}

/// <summary>The limits on the public feedback form, which anyone may post to without a cookie.</summary>
public static class FeedbackLimits
{
    public const string Policy = "feedback";

    /// <summary>A message of 2,000 characters, each up to 6 bytes form-encoded, with room to spare: a longer one is
    /// refused with its text kept, a body beyond this gets the Swedish 413 page.</summary>
    public const long BodyBytes = 64 * 1024;

    public static void Configure(RateLimiterOptions o, IConfiguration configuration)
    {
        var limit = configuration.GetSection(FeedbackOptions.Section).Get<FeedbackOptions>()?.MessagesPerClientPerHour ?? 10;
        o.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
            // Behind a proxy the address is the real client's (see ReverseProxy).
            ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "okänd",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromHours(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(""));
    }
}

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
