using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Tests.Infrastructure.Security;

/// <summary>What the audit log stores and for how long. Its own app: these tests count and delete events.</summary>
public class AuditLogTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    [Fact]
    public async Task An_event_stores_at_most_a_bounded_subject_and_detail_without_control_characters()
    {
        var marker = $"flod-{Guid.NewGuid():N}";
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AuditLog>()
                .WriteAsync(AuditKind.SignInFailed, marker + "\u0001" + new string('a', 4_000_000), new string('b', 1_000_000));

        var stored = await app.InDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Subject!.StartsWith(marker)));
        Assert.Equal(AuditLog.MaxSubjectLength, stored.Subject!.Length);
        Assert.EndsWith("…", stored.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0001', stored.Subject);
        Assert.Equal(AuditLog.MaxDetailLength, stored.Detail!.Length);
    }

    [Fact]
    public async Task Events_past_the_retention_time_are_deleted_at_start_and_again_each_day()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow().UtcDateTime;
        var subject = $"gammal-{Guid.NewGuid():N}@example.se";
        await AddAsync(subject, now.AddDays(-731), now.AddDays(-729), now.AddDays(-1));
        using var retention = new AuditLogRetention(app.Services.GetRequiredService<IServiceScopeFactory>(), clock,
            Options.Create(new AuditLogOptions { AuditLogRetentionDays = 730 }), NullLogger<AuditLogRetention>.Instance);

        await retention.StartAsync(CancellationToken.None);

        Assert.Equal([now.AddDays(-729), now.AddDays(-1)], await TimesAsync(subject));

        // Two days on, the daily run removes the event that has now passed two years.
        clock.Advance(TimeSpan.FromDays(2));
        for (var i = 0; i < 100 && (await TimesAsync(subject)).Count > 1; i++) await Task.Delay(50);
        Assert.Equal([now.AddDays(-1)], await TimesAsync(subject));
        await retention.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_retention_time_is_the_setting_Security_AuditLogRetentionDays()
    {
        await using var shortLog = new RegistryAppFactory { Settings = { ["Security:AuditLogRetentionDays"] = "30" } };
        var now = DateTime.UtcNow;
        var subject = $"kort-{Guid.NewGuid():N}@example.se";
        using (var scope = shortLog.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            db.AuditEvents.AddRange(new[] { -31, -29 }.Select(d => new AuditEvent { At = now.AddDays(d), Kind = AuditKind.SignedIn, Subject = subject }));
            await db.SaveChangesAsync();
        }
        var retention = shortLog.Services.GetServices<IHostedService>().OfType<AuditLogRetention>().Single();

        Assert.Equal(1, await retention.PruneNowAsync());

        var left = await shortLog.InDbAsync(db => db.AuditEvents.Where(e => e.Subject == subject).Select(e => e.At).ToListAsync());
        Assert.Equal(now.AddDays(-29), Assert.Single(left), TimeSpan.FromSeconds(1));
    }

    private async Task AddAsync(string subject, params DateTime[] times)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.AuditEvents.AddRange(times.Select(t => new AuditEvent { At = t, Kind = AuditKind.SignedIn, Subject = subject, IpAddress = "192.0.2.1" }));
        await db.SaveChangesAsync();
    }

    private async Task<List<DateTime>> TimesAsync(string subject) =>
        await app.InDbAsync(db => db.AuditEvents.Where(e => e.Subject == subject).OrderBy(e => e.At).Select(e => e.At).ToListAsync());
}
