using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.Pages.Admin;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Pages.Alerts;

namespace ProjectRegistry.Tests.Pages.Alerts;

/// <summary>
/// "Bevaka den här sökningen" as a visitor without JavaScript uses it, read back from a real SMTP server: the
/// confirmation, the digest, the one-click unsubscribe; and the digest run's promises (one node, no copy, no loss).
/// </summary>
public class SubscribeTests(MailingApp mailing) : IClassFixture<MailingApp>
{
    private RegistryAppFactory App => mailing.App;

    private HttpClient Visitor() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static string Address(string who) => $"{who}-{Guid.NewGuid():N}@example.se";

    [MailFact]
    public async Task An_alert_is_confirmed_a_project_granted_in_the_municipality_arrives_in_the_next_digest_and_one_click_ends_it()
    {
        // A public project of some municipality leaves the public list (a draft), to be published as granted later.
        var (projectId, title, municipality) = await App.InDbAsync(async db =>
        {
            var p = await db.PublicProjects.Where(p => p.Municipalities.Count > 0).OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.Title, Code = p.Municipalities.Select(m => m.Code).First() }).FirstAsync();
            var tracked = await db.Projects.SingleAsync(x => x.Id == p.Id);
            tracked.IsPublished = false;
            await db.SaveChangesAsync();
            return (p.Id, p.Title, p.Code);
        });
        var email = Address("bevakare");
        var visitor = Visitor();

        var list = await visitor.GetPageAsync($"/projekt?kommun={municipality}");
        var form = list.QuerySelector<IHtmlFormElement>("form[action='/bevaka']")!;
        Assert.NotNull(form);
        Assert.Null(list.QuerySelector("input[name=__RequestVerificationToken]"));
        using var asked = await visitor.SendAsync(form.Fill("epost", email));
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal("/bevaka/tack", asked.Headers.Location?.OriginalString);
        Assert.False(asked.Headers.Contains("Set-Cookie"));
        var row = await App.InDbAsync(db => db.AlertSubscriptions.AsNoTracking().SingleAsync(a => a.Email == email));
        Assert.Equal($"?kommun={municipality}", row.Filter);
        Assert.Null(row.ConfirmedAt);

        var confirmation = (await SmtpServer.Required.WaitForAsync(email)).Single();
        Assert.Equal("Bekräfta din bevakning", confirmation.Subject);
        var link = new Uri(SmtpServer.Link(confirmation, "http://localhost/bevaka/bekrafta?kod=")).PathAndQuery;
        Assert.DoesNotContain(link.Split("kod=")[1], row.TokenHash!, StringComparison.Ordinal);
        // Opening the link (as a mail scanner does) confirms nothing; the button does.
        var ask = await visitor.GetPageAsync(link);
        Assert.Null((await App.InDbAsync(db => db.AlertSubscriptions.AsNoTracking().SingleAsync(a => a.Email == email))).ConfirmedAt);
        using (var confirmed = await visitor.SendAsync(ask.QuerySelector<IHtmlFormElement>("main form")!))
            Assert.Equal("/bevaka/bekrafta?klar=1", confirmed.Headers.Location?.OriginalString);
        Assert.NotNull((await App.InDbAsync(db => db.AlertSubscriptions.AsNoTracking().SingleAsync(a => a.Email == email))).ConfirmedAt);
        Assert.Equal("Länken gäller inte längre", (await visitor.GetPageAsync(link)).QuerySelector("h1")!.ReadableText());

        // The project is granted and published; a day later the digest tells.
        await App.InDbAsync(async db =>
        {
            var tracked = await db.Projects.SingleAsync(x => x.Id == projectId);
            tracked.IsPublished = true;
            tracked.Status = ProjectStatus.Granted;
            return await db.SaveChangesAsync();
        });
        var digests = App.Services.GetRequiredService<AlertDigests>();
        Assert.Equal(0, await SentToAsync(digests, email));
        mailing.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await digests.RunOnceAsync();

        // Mail goes out from the app's queue: wait for it (up to 15 s) rather than a fixed pause, which a loaded
        // machine outran in the PostgreSQL pass.
        var digest = (await SmtpServer.Required.WaitForAsync(email, 2))[1];
        Assert.Equal(2, SmtpServer.Required.MessagesTo(email).Count);
        Assert.Contains(title, digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("beviljat", digest.TextBody, StringComparison.Ordinal);
        var unsubscribe = digest.Headers["List-Unsubscribe"]!.Trim('<', '>');
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);
        Assert.Contains(unsubscribe, digest.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("bevakning-", digest.MessageId, StringComparison.Ordinal);

        // A GET only asks; the one-click POST (no cookie, no token) ends it.
        var path = new Uri(unsubscribe).PathAndQuery;
        Assert.Equal("Avsluta bevakningen", (await Visitor().GetPageAsync(path)).QuerySelector("h1")!.ReadableText());
        Assert.Equal(1, await App.InDbAsync(db => db.AlertSubscriptions.CountAsync(a => a.Email == email)));
        using var body = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        using var ended = await Visitor().PostAsync(new Uri(path, UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(0, await App.InDbAsync(db => db.AlertSubscriptions.CountAsync(a => a.Email == email)));

        // Another change, another day: nothing more arrives.
        await App.InDbAsync(async db =>
        {
            var tracked = await db.Projects.SingleAsync(x => x.Id == projectId);
            tracked.Status = ProjectStatus.Ongoing;
            return await db.SaveChangesAsync();
        });
        mailing.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await digests.RunOnceAsync();
        await Task.Delay(500);
        Assert.Equal(2, SmtpServer.Required.MessagesTo(email).Count);
    }

    [MailFact]
    public async Task A_run_that_dies_after_two_digests_and_a_second_run_give_every_subscriber_exactly_one_digest()
    {
        var emails = await DueAlertsAsync("krasch", 5);
        var digests = App.Services.GetRequiredService<AlertDigests>();
        var done = 0;
        digests.AfterDigest = _ => ++done == 2 ? throw new InvalidOperationException("Noden dog.") : Task.CompletedTask;
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => digests.RunOnceAsync());
        }
        finally
        {
            digests.AfterDigest = null;
        }
        await digests.RunOnceAsync();

        foreach (var email in emails) await SmtpServer.Required.WaitForAsync(email);
        await Task.Delay(500);
        Assert.All(emails, e => Assert.Single(SmtpServer.Required.MessagesTo(e)));
    }

    [MailFact]
    public async Task Two_nodes_running_at_once_send_each_digest_once()
    {
        var emails = await DueAlertsAsync("tva-noder", 4);
        // Two instances of the service, each with its own lease holder, as on two nodes sharing the database.
        var first = ActivatorUtilities.CreateInstance<AlertDigests>(App.Services);
        var second = ActivatorUtilities.CreateInstance<AlertDigests>(App.Services);

        var sent = await Task.WhenAll(first.RunOnceAsync(), second.RunOnceAsync(), first.RunOnceAsync(), second.RunOnceAsync());

        foreach (var email in emails) await SmtpServer.Required.WaitForAsync(email);
        await Task.Delay(500);
        Assert.All(emails, e => Assert.Single(SmtpServer.Required.MessagesTo(e)));
        Assert.True(sent.Sum() >= emails.Count);
    }

    [MailFact]
    public async Task An_unconfirmed_request_is_deleted_after_seven_days()
    {
        var email = Address("obekraftad");
        var visitor = Visitor();
        var form = (await visitor.GetPageAsync("/projekt?status=beviljat")).QuerySelector<IHtmlFormElement>("form[action='/bevaka']")!;
        using (var asked = await visitor.SendAsync(form.Fill("epost", email)))
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var digests = App.Services.GetRequiredService<AlertDigests>();

        mailing.Clock.Advance(TimeSpan.FromDays(6));
        await digests.PruneUnconfirmedAsync();
        Assert.Equal(1, await App.InDbAsync(db => db.AlertSubscriptions.CountAsync(a => a.Email == email)));
        mailing.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await digests.PruneUnconfirmedAsync();
        Assert.Equal(0, await App.InDbAsync(db => db.AlertSubscriptions.CountAsync(a => a.Email == email)));
    }

    [MailFact]
    public async Task A_wrong_address_comes_back_in_Swedish_with_what_was_typed()
    {
        var visitor = Visitor();
        var form = (await visitor.GetPageAsync("/projekt?status=beviljat")).QuerySelector<IHtmlFormElement>("form[action='/bevaka']")!;
        using var refused = await visitor.SendAsync(form.Fill("epost", "inte-en-adress"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await StaffSession.ParseAsync(await refused.Content.ReadAsStringAsync());
        Assert.StartsWith("Fel:", page.Title, StringComparison.Ordinal);
        Assert.Contains("ingen giltig e-postadress", page.QuerySelector(".field-error")!.ReadableText(), StringComparison.Ordinal);
        Assert.Equal("inte-en-adress", page.QuerySelector<IHtmlInputElement>("input[name=epost]")!.Value);
        Assert.Equal("?status=beviljat", page.QuerySelector<IHtmlInputElement>("input[name=filter]")!.Value);
    }

    [MailFact]
    public async Task One_address_gets_at_most_three_confirmation_mails_a_day_whoever_asks()
    {
        var email = Address("mangfaldig");
        string[] filters = ["?status=beviljat", "?status=pagaende", "?status=avslutat", "?status=slutredovisat"];
        foreach (var filter in filters)
        {
            // A new visitor each time (another client), so only the per-address limit can stop the fourth.
            var visitor = Visitor();
            var form = (await visitor.GetPageAsync("/projekt" + filter)).QuerySelector<IHtmlFormElement>("form[action='/bevaka']")!;
            using var asked = await visitor.SendAsync(form.Fill("epost", email));
            Assert.Equal("/bevaka/tack", asked.Headers.Location?.OriginalString);
        }

        await SmtpServer.Required.WaitForAsync(email, AlertSubscription.MaxLinksPerAddressPerDay);
        await Task.Delay(500);
        Assert.Equal(AlertSubscription.MaxLinksPerAddressPerDay, SmtpServer.Required.MessagesTo(email).Count);
        Assert.Equal(AlertSubscription.MaxLinksPerAddressPerDay, await App.InDbAsync(db => db.AlertSubscriptions.CountAsync(a => a.Email == email)));

        // A day later the address may ask again.
        mailing.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var again = Visitor();
        var last = (await again.GetPageAsync("/projekt" + filters[^1])).QuerySelector<IHtmlFormElement>("form[action='/bevaka']")!;
        using (await again.SendAsync(last.Fill("epost", email))) { }
        await SmtpServer.Required.WaitForAsync(email, AlertSubscription.MaxLinksPerAddressPerDay + 1);
    }

    /// <summary>Confirmed alerts whose digest is due, each with every project of the first municipality as new.</summary>
    private async Task<List<string>> DueAlertsAsync(string who, int count)
    {
        var now = mailing.Clock.GetUtcNow().UtcDateTime;
        var emails = Enumerable.Range(0, count).Select(_ => Address(who)).ToList();
        await App.InDbAsync(async db =>
        {
            var code = await db.PublicProjects.SelectMany(p => p.Municipalities).Select(m => m.Code).FirstAsync();
            foreach (var email in emails)
                db.AlertSubscriptions.Add(new AlertSubscription
                {
                    Email = email, Filter = $"?kommun={code}",
                    CreatedAt = now.AddDays(-3), ConfirmedAt = now.AddDays(-3), LastDigestAt = now.AddDays(-2), Matched = "",
                });
            return await db.SaveChangesAsync();
        });
        return emails;
    }

    private static async Task<int> SentToAsync(AlertDigests digests, string email)
    {
        await digests.RunOnceAsync();
        await Task.Delay(300);
        return SmtpServer.Required.MessagesTo(email).Count - 1;
    }
}
