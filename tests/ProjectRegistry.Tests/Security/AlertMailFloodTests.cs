using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;
using ProjectRegistry.Tests.Pages.Admin;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Security;

/// <summary>
/// Issue 24, M2: "at most 3 confirmation mails a day per address, whoever asks". Before, the cap counted alert rows of
/// the exact spelling: the same address from 6 clients got 6 mails, 6 spellings of its case × 3 filters 18, and a
/// repeat started the count again. Now the mails themselves are counted per address in lower case.
/// </summary>
public sealed class AlertMailFloodTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly RegistryAppFactory _app;
    private int _clients;

    public AlertMailFloodTests() => _app = new RegistryAppFactory
    {
        Settings = new(SmtpServer.Required.Settings),
        Clock = _clock,
        // Each request from a client address of its own (X-Test-Client), so that only the per-address cap can stop a mail.
        TestServices = ClientAddressFromHeader.Install,
    };

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [MailFact]
    public async Task One_mailbox_gets_three_confirmation_mails_a_day_whatever_the_spelling_filter_or_client_and_the_page_never_tells()
    {
        var mailbox = $"flod-{Guid.NewGuid():N}@example.se";
        string[] spellings = [mailbox, mailbox.ToUpperInvariant(), $"  {mailbox} ", "F" + mailbox[1..], mailbox.Replace("example", "EXAMPLE", StringComparison.Ordinal), "fLoD" + mailbox[4..]];
        string[] filters = ["?status=beviljat", "?status=pagaende", "?status=avslutat"];

        var answers = new List<string>();
        foreach (var filter in filters)
            foreach (var spelling in spellings)
                answers.Add(await AskAsync(filter, spelling));
        // Asked again for the first filter and spelling: before, this started that row's day again.
        answers.Add(await AskAsync(filters[0], spellings[0]));

        Assert.All(answers, answer => Assert.Equal("302 /bevaka/tack", answer));
        await SmtpServer.Required.WaitForAsync(mailbox, AlertSubscription.MaxLinksPerAddressPerDay);
        await Task.Delay(1000);
        Assert.Equal(AlertSubscription.MaxLinksPerAddressPerDay, SmtpServer.Required.MessagesTo(mailbox).Count);

        // Not quite a day after the first: still nothing. A day after: one more may go.
        _clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal("302 /bevaka/tack", await AskAsync("?status=slutredovisat", spellings[1]));
        await Task.Delay(1000);
        Assert.Equal(AlertSubscription.MaxLinksPerAddressPerDay, SmtpServer.Required.MessagesTo(mailbox).Count);
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        Assert.Equal("302 /bevaka/tack", await AskAsync("?status=slutredovisat", spellings[1]));
        await SmtpServer.Required.WaitForAsync(mailbox, AlertSubscription.MaxLinksPerAddressPerDay + 1);
    }

    [MailFact]
    public async Task Twelve_clients_asking_at_once_send_one_mailbox_at_most_three_confirmation_mails()
    {
        var mailbox = $"samtidig-{Guid.NewGuid():N}@example.se";
        var askers = new List<(HttpClient, IHtmlFormElement)>();
        for (var i = 0; i < 12; i++) askers.Add(await AlertFormAsync($"?ar={2020 + i}"));

        var answers = await Task.WhenAll(askers.Select(asker => SendAsync(asker, mailbox.ToUpperInvariant())));

        Assert.All(answers, answer => Assert.Equal("302 /bevaka/tack", answer));
        await SmtpServer.Required.WaitForAsync(mailbox);
        await Task.Delay(1000);
        Assert.InRange(SmtpServer.Required.MessagesTo(mailbox).Count, 1, AlertSubscription.MaxLinksPerAddressPerDay);
    }

    /// <summary>A new client (its own address) fills in "Bevaka den här sökningen" under /projekt{filter}; the answer's status and place.</summary>
    private async Task<string> AskAsync(string filter, string email) => await SendAsync(await AlertFormAsync(filter), email);

    private async Task<(HttpClient Client, IHtmlFormElement Form)> AlertFormAsync(string filter)
    {
        var n = Interlocked.Increment(ref _clients);
        var client = ClientAddressFromHeader.From(_app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), $"10.24.{n / 250}.{n % 250 + 1}");
        return (client, (await client.GetPageAsync("/projekt" + filter)).QuerySelector<IHtmlFormElement>("form[action='/bevaka']")!);
    }

    private static async Task<string> SendAsync((HttpClient Client, IHtmlFormElement Form) asker, string email)
    {
        using var answer = await asker.Client.SendAsync(asker.Form.Fill("epost", email));
        return $"{(int)answer.StatusCode} {answer.Headers.Location?.OriginalString}";
    }
}
