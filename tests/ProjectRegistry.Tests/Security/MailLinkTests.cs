using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using ProjectRegistry.Tests.Operations;
using ProjectRegistry.Tests.Pages.Admin;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Pages.Alerts;

namespace ProjectRegistry.Tests.Security;

/// <summary>
/// Issue 24, M1: every link in every mail comes from the configured public address, never from the request. Before,
/// a reset asked for with "Host: evil.example" mailed https://evil.example/admin/valj-losenord?kod=…, and so did the
/// feedback notice, the alert's confirmation and (from the stored row) every later digest and its List-Unsubscribe.
/// </summary>
public sealed class MailLinkTests
{
    [MailFact]
    public async Task In_production_with_a_forged_host_every_mail_links_to_the_public_address_only()
    {
        await using var app = MailingApp("Production", "https://projekt.example");

        var mails = await ProvokeEveryMailAsync(app, new Uri("https://evil.example/"));

        AssertLinksOnlyTo(mails, "https://projekt.example/");
    }

    [MailFact]
    public async Task In_a_local_trial_without_a_public_url_a_forged_host_reaches_no_mail()
    {
        // Development without Site:PublicUrl starts (the local trial needs no setting), and links to the address the
        // app listens on: here the test server's http://localhost.
        await using var app = MailingApp(null, null);

        var mails = await ProvokeEveryMailAsync(app, new Uri("http://evil.example/"));

        AssertLinksOnlyTo(mails, "http://localhost");
    }

    [ProcessTheory]
    [InlineData(null)]
    [InlineData("http://projekt.leaderpolaris.se")]
    public async Task In_production_mail_without_an_https_public_url_stops_the_start_with_one_line(string? publicUrl)
    {
        using var process = new RegistryProcess { EnvironmentName = "Production", Settings = new(SmtpSettings) };
        if (publicUrl is not null) process.Settings["Site__PublicUrl"] = publicUrl;

        var start = await process.RunAsync(null, "--urls", "http://127.0.0.1:0");

        StartupFailureTests.AssertOneClearLine(start, "Site:PublicUrl behövs med https:// när e-post är inställd");
    }

    private static Dictionary<string, string> SmtpSettings => new()
    {
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = "2525",
        ["Smtp__Security"] = "None",
        ["Smtp__Sender"] = SmtpServer.Sender,
    };

    private static RegistryAppFactory MailingApp(string? environment, string? publicUrl)
    {
        var settings = new Dictionary<string, string>(SmtpServer.Required.Settings) { ["Site:ContactEmail"] = $"kontakt-{Guid.NewGuid():N}@example.se" };
        if (publicUrl is not null) settings["Site:PublicUrl"] = publicUrl;
        return new RegistryAppFactory { EnvironmentName = environment, Settings = settings, Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };
    }

    /// <summary>
    /// Every kind of mail a visitor can cause, each asked for with <paramref name="forged"/> as the Host: a password
    /// reset, a feedback notice, an alert's confirmation, and that alert's digest a day later.
    /// </summary>
    private static async Task<List<MimeMessage>> ProvokeEveryMailAsync(RegistryAppFactory app, Uri forged)
    {
        HttpClient Visitor() => app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = forged, AllowAutoRedirect = false, HandleCookies = true });
        var smtp = SmtpServer.Required;
        var staff = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var contact = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProjectRegistry.Web.Infrastructure.SiteOptions>>().Value.ContactEmail!;
        var watcher = $"bevakare-{Guid.NewGuid():N}@example.se";

        var reset = Visitor();
        var resetForm = (await reset.GetPageAsync("/admin/glomt-losenord")).QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        using (var asked = await reset.SendAsync(resetForm.Fill("Input.Email", staff))) Assert.True(asked.IsSuccessStatusCode, $"{asked.StatusCode}");

        var reader = Visitor();
        var feedback = (await reader.GetPageAsync("/tillganglighet")).QuerySelector<IHtmlFormElement>("form[action='/synpunkter']")!;
        using (var sent = await reader.SendAsync(feedback.Fill("meddelande", "Kartan går inte att använda med tangentbord.")))
            Assert.Equal("/synpunkter/tack", sent.Headers.Location?.OriginalString);

        var visitor = Visitor();
        var alertForm = (await visitor.GetPageAsync("/projekt")).QuerySelector<IHtmlFormElement>("form[action='/bevaka']")!;
        using (var subscribed = await visitor.SendAsync(alertForm.Fill("epost", watcher)))
            Assert.Equal("/bevaka/tack", subscribed.Headers.Location?.OriginalString);
        var confirmation = Assert.Single(await smtp.WaitForAsync(watcher));
        var code = confirmation.TextBody!.Split("/bevaka/bekrafta?kod=")[1].Split('\n')[0].Trim();
        var ask = await visitor.GetPageAsync($"/bevaka/bekrafta?kod={code}");
        using (await visitor.SendAsync(ask.QuerySelector<IHtmlFormElement>("main form")!)) { }

        // A day later, with every project new to it, the alert's digest is due.
        await app.InDbAsync(db => db.AlertSubscriptions.Where(a => a.Email == watcher && a.ConfirmedAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Matched, "")));
        ((FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await app.Services.GetRequiredService<AlertDigests>().RunOnceAsync();

        return [.. await smtp.WaitForAsync(staff), .. await smtp.WaitForAsync(contact), .. await smtp.WaitForAsync(watcher, 2)];
    }

    /// <summary>No mail names the forged host anywhere (text or headers), and every link in it starts with <paramref name="expected"/>.</summary>
    private static void AssertLinksOnlyTo(List<MimeMessage> mails, string expected)
    {
        Assert.Equal(4, mails.Count);
        Assert.Contains(mails, m => m.Headers["List-Unsubscribe"] is not null);
        foreach (var mail in mails)
        {
            using var whole = new MemoryStream();
            mail.WriteTo(whole);
            Assert.DoesNotContain("evil.example", System.Text.Encoding.UTF8.GetString(whole.ToArray()), StringComparison.OrdinalIgnoreCase);
            var links = (mail.TextBody ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Concat([mail.Headers["List-Unsubscribe"]?.Trim('<', '>') ?? expected])
                .Where(word => word.StartsWith("http", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(links);
            Assert.All(links, link => Assert.StartsWith(expected, link, StringComparison.Ordinal));
        }
    }
}
