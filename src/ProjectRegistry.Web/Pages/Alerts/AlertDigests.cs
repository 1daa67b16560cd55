using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Mail;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Web.Pages.Alerts;

/// <summary>The secrets in an alert's links: the confirmation's (stored hashed) and the unsubscribe link's (signed, not stored).</summary>
public static class AlertLinks
{
    public static string NewSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>
    /// The unsubscribe code: the row's id and creation time, signed with the data protection keys every node shares,
    /// so that every digest can carry it without the secret being stored, and a reused id (SQLite may reuse the
    /// highest after a delete) never ends someone else's alert.
    /// </summary>
    public static string UnsubscribeCode(IDataProtectionProvider keys, AlertSubscription alert) =>
        Protector(keys).Protect($"{alert.Id.ToString(CultureInfo.InvariantCulture)}:{alert.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}");

    public static (long Id, long CreatedTicks)? ReadUnsubscribeCode(IDataProtectionProvider keys, string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 1000) return null;
        try
        {
            var parts = Protector(keys).Unprotect(code).Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var id)
                && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ticks) ? (id, ticks) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static IDataProtector Protector(IDataProtectionProvider keys) => keys.CreateProtector("Bevakning.Avsluta");

    /// <summary>The projects that match the filter now, with their status, as <see cref="AlertSubscription.Matched"/> keeps them.</summary>
    public static async Task<Dictionary<int, ProjectStatus>> MatchesAsync(ProjectSearch search, string filter, CancellationToken ct)
    {
        var parsed = ProjectFilter.Parse(new QueryCollection(QueryHelpers.ParseQuery(filter)));
        var result = await search.RunAsync(parsed, new SearchRequest { All = true, Summaries = true, Sort = ProjectSort.Updated }, ct);
        return result.Projects.ToDictionary(p => p.Id, p => p.Status);
    }

    public static string Write(Dictionary<int, ProjectStatus> matches) =>
        string.Join(',', matches.OrderBy(m => m.Key).Select(m => $"{m.Key.ToString(CultureInfo.InvariantCulture)}:{((int)m.Value).ToString(CultureInfo.InvariantCulture)}"));

    public static Dictionary<int, ProjectStatus> Read(string matched)
    {
        var result = new Dictionary<int, ProjectStatus>();
        foreach (var pair in matched.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf(':', StringComparison.Ordinal);
            if (at > 0 && int.TryParse(pair.AsSpan(0, at), CultureInfo.InvariantCulture, out var id)
                && int.TryParse(pair.AsSpan(at + 1), CultureInfo.InvariantCulture, out var status))
                result[id] = (ProjectStatus)status;
        }
        return result;
    }
}

/// <summary>
/// Sends each confirmed alert's digest, at most once a day, of the projects that entered its filter or changed status
/// since the last one, and deletes requests never confirmed within seven days. Runs on every node every
/// <see cref="Interval"/>; a lease in the database (<see cref="JobLease"/>) lets one node at a time do it.
/// <para>
/// Each digest is claimed (a conditional UPDATE on its row), sent, then marked (the window and the matches
/// advanced, the claim cleared) in that order. A node that dies between send and mark leaves a claim that expires
/// after <see cref="ClaimTime"/>, and the digest is sent again, with the same Message-ID (derived from the alert and
/// the start of its window) so that a mail system can see the copy for what it is. That side was chosen over
/// marking before sending: a node that died there would lose the digest for good, silently, while the other
/// side costs at most one duplicate, only on a crash in the milliseconds between the SMTP server's "250 OK" and
/// the UPDATE.
/// </para>
/// </summary>
public sealed class AlertDigests(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AlertDigests> logger)
    : IHostedService, IDisposable
{
    public const string LeaseName = "alert-digests";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DigestEvery = TimeSpan.FromDays(1);
    /// <summary>Long enough for a run over thousands of alerts at the SMTP timeout; renewed before each digest.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ClaimTime = TimeSpan.FromMinutes(30);

    /// <summary>This node's name on the lease: the machine and this process's instance.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    /// <summary>For the tests: called after each digest is sent and marked (one that throws is a node dying there).</summary>
    internal Func<long, Task>? AfterDigest { get; set; }

    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = clock.CreateTimer(_ => _ = RunLoggedAsync(), null, TimeSpan.FromMinutes(1), Interval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>
    /// Takes the lease with one conditional UPDATE (free, expired, or already this node's): atomic on SQLite (one
    /// writer at a time) and on PostgreSQL (the second UPDATE waits for the first's row lock and re-checks the WHERE).
    /// </summary>
    public async Task<bool> TryTakeLeaseAsync(RegistryDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + LeaseTime;
        var holder = Holder;
        return await db.JobLeases.Where(l => l.Name == LeaseName && (l.ExpiresAt < now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct) == 1;
    }

    private async Task ReleaseLeaseAsync(RegistryDbContext db)
    {
        var holder = Holder;
        var past = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await db.JobLeases.Where(l => l.Name == LeaseName && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.ExpiresAt, past));
    }

    /// <summary>One run: the unconfirmed cleanup, then, with the lease, every due digest. Returns how many digests were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await PruneUnconfirmedAsync(ct);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var mailer = scope.ServiceProvider.GetRequiredService<Mailer>();
        if (!mailer.IsConfigured || !await TryTakeLeaseAsync(db, ct)) return 0;
        var sent = 0;
        try
        {
            var dueBefore = clock.GetUtcNow().UtcDateTime - DigestEvery;
            var due = await db.AlertSubscriptions.AsNoTracking()
                .Where(a => a.ConfirmedAt != null && a.LastDigestAt <= dueBefore)
                .OrderBy(a => a.LastDigestAt).Select(a => a.Id).ToListAsync(ct);
            foreach (var id in due)
            {
                // A run longer than the lease must not let a second node start beside it.
                if (!await TryTakeLeaseAsync(db, ct)) break;
                if (await SendDigestAsync(scope.ServiceProvider, db, mailer, id, ct)) sent++;
                if (AfterDigest is { } after) await after(id);
            }
        }
        finally
        {
            await ReleaseLeaseAsync(db);
        }
        return sent;
    }

    /// <summary>Claim, send, mark; true when a mail went. Nothing changed since the last digest: no mail, the window moves on.</summary>
    private async Task<bool> SendDigestAsync(IServiceProvider services, RegistryDbContext db, Mailer mailer, long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dueBefore = now - DigestEvery;
        var claimUntil = now + ClaimTime;
        var claimed = await db.AlertSubscriptions
            .Where(a => a.Id == id && a.ConfirmedAt != null && a.LastDigestAt <= dueBefore && (a.ClaimedUntil == null || a.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ClaimedUntil, claimUntil), ct);
        if (claimed == 0) return false;
        var alert = await db.AlertSubscriptions.AsNoTracking().SingleAsync(a => a.Id == id, ct);
        var search = services.GetRequiredService<ProjectSearch>();
        var current = await AlertLinks.MatchesAsync(search, alert.Filter, ct);
        var before = AlertLinks.Read(alert.Matched);
        var entered = current.Keys.Where(k => !before.ContainsKey(k)).ToList();
        var changed = current.Where(m => before.TryGetValue(m.Key, out var old) && old != m.Value).Select(m => m.Key).ToList();

        var went = false;
        if (entered.Count > 0 || changed.Count > 0)
        {
            var message = await ComposeAsync(services, db, mailer, alert, before, entered, changed, ct);
            if (!await mailer.TrySendAsync(message, ct))
            {
                // Not sent: the claim goes, the window stays, and the next run tries again.
                await db.AlertSubscriptions.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ClaimedUntil, (DateTime?)null), ct);
                return false;
            }
            went = true;
        }
        var matched = AlertLinks.Write(current);
        var lastDigest = alert.LastDigestAt;
        // Only the claim's own window is advanced: a row deleted (unsubscribed) meanwhile stays deleted.
        await db.AlertSubscriptions.Where(a => a.Id == id && a.LastDigestAt == lastDigest)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastDigestAt, now).SetProperty(a => a.Matched, matched)
                .SetProperty(a => a.ClaimedUntil, (DateTime?)null), ct);
        if (went) logger.LogInformation("Bevakning {AlertId}: sammanfattning med {Entered} nya och {Changed} ändrade projekt skickad", id, entered.Count, changed.Count);
        return went;
    }

    private static async Task<MimeMessage> ComposeAsync(IServiceProvider services, RegistryDbContext db, Mailer mailer, AlertSubscription alert,
        Dictionary<int, ProjectStatus> before, List<int> entered, List<int> changed, CancellationToken ct)
    {
        var site = services.GetRequiredService<IOptions<SiteOptions>>().Value;
        var keys = services.GetRequiredService<IDataProtectionProvider>();
        var ids = entered.Concat(changed).ToList();
        var projects = await db.PublicProjects.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Slug, p.Title, p.Status }).ToDictionaryAsync(p => p.Id, ct);
        var baseUrl = mailer.LinkBase;
        var unsubscribe = $"{baseUrl}/bevaka/avsluta?kod={Uri.EscapeDataString(AlertLinks.UnsubscribeCode(keys, alert))}";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Hej!\n\nDet här har hänt sedan förra gången i sökningen du bevakar i {site.Name}:\n{baseUrl}/projekt{alert.Filter}\n");
        if (entered.Count > 0)
        {
            text.Append("\nNya i sökningen:\n");
            foreach (var id in entered.Where(projects.ContainsKey).OrderBy(i => projects[i].Title, StringComparer.Create(new CultureInfo("sv-SE"), false)))
                text.Append(CultureInfo.InvariantCulture, $"\n- {projects[id].Title} ({projects[id].Status.Label().ToLower(new CultureInfo("sv-SE"))})\n  {baseUrl}/projekt/{projects[id].Slug}\n");
        }
        if (changed.Count > 0)
        {
            text.Append("\nNy status:\n");
            foreach (var id in changed.Where(projects.ContainsKey).OrderBy(i => projects[i].Title, StringComparer.Create(new CultureInfo("sv-SE"), false)))
                text.Append(CultureInfo.InvariantCulture, $"\n- {projects[id].Title}: {before[id].Label()} → {projects[id].Status.Label()}\n  {baseUrl}/projekt/{projects[id].Slug}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"\nDu får högst ett sådant här mejl om dagen, och bara när något har hänt.\nVill du inte ha fler? Avsluta bevakningen här:\n{unsubscribe}\n\nHälsningar\n{site.Name}\n");
        var count = entered.Count + changed.Count;
        var message = mailer.Compose(alert.Email, $"Bevakning: {count} {(count == 1 ? "projekt" : "projekt")} nya eller ändrade", text.ToString());
        // The same digest (this alert, this window) always has the same Message-ID: a copy sent again after a crash
        // between send and mark is recognisable.
        message.MessageId = $"bevakning-{alert.Id.ToString(CultureInfo.InvariantCulture)}-{alert.LastDigestAt!.Value.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}@{new Uri(baseUrl).Host}";
        // RFC 8058: a mail program's "unsubscribe" button posts "List-Unsubscribe=One-Click" to this address.
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("Precedence", "bulk");
        return message;
    }

    /// <summary>
    /// Deletes alert requests not confirmed within seven days, and the count of confirmation mails older than a day
    /// (they no longer limit anything); idempotent, so every node may do it.
    /// </summary>
    public async Task<int> PruneUnconfirmedAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var dayAgo = now.AddDays(-1);
        await db.AlertConfirmationMails.Where(m => m.SentAt <= dayAgo).ExecuteDeleteAsync(ct);
        var cutoff = now.AddDays(-AlertSubscription.ConfirmWithinDays);
        return await db.AlertSubscriptions.Where(a => a.ConfirmedAt == null && a.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }

    private async Task RunLoggedAsync()
    {
        try
        {
            await RunOnceAsync();
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            logger.LogError(e, "Bevakningarna kunde inte skickas; nästa försök om en kvart");
        }
    }
}
