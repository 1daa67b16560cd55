using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>One app that sends its mail to the test SMTP server, on a clock the tests move.</summary>
public sealed class MailingApp : IAsyncDisposable
{
    private readonly Lazy<RegistryAppFactory> _app;

    public MailingApp() => _app = new(() => new RegistryAppFactory
    {
        Settings = new(SmtpServer.Required.Settings) { ["Site:ContactEmail"] = SiteContact },
        Clock = Clock,
    });

    /// <summary>Site:ContactEmail, the address that gets feedback about the site itself (the accessibility statement).</summary>
    public string SiteContact { get; } = $"registret-{Guid.NewGuid():N}@example.se";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public RegistryAppFactory App => _app.Value;

    public async ValueTask DisposeAsync()
    {
        if (_app.IsValueCreated) await _app.Value.DisposeAsync();
    }
}

/// <summary>Invitations and "Glömt lösenordet?" with mail configured: what arrives at a real SMTP server, and what its links do.</summary>
public class PasswordLinkMailTests(MailingApp mailing) : IClassFixture<MailingApp>
{
    private RegistryAppFactory App => mailing.App;

    [MailFact]
    public async Task An_invitation_arrives_as_a_Swedish_plain_text_mail_and_its_link_sets_the_password_once()
    {
        var admin = await App.SignedInAsAsync(Roles.Admin);
        var email = $"inbjuden-{Guid.NewGuid():N}@example.se";

        var created = await CreateAccountAsync(admin, email);

        Assert.Contains($"En inbjudan är skickad till {email}", created.Body!.ReadableText(), StringComparison.Ordinal);
        Assert.Null(created.QuerySelector("code.secret"));
        var mail = Assert.Single(await SmtpServer.Required.WaitForAsync(email));
        Assert.Equal("registret@example.se", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Välkommen till Projektregistret – välj ditt lösenord", mail.Subject);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        var body = Assert.IsType<TextPart>(mail.Body);
        Assert.True(body.IsPlain);
        Assert.Equal("utf-8", body.ContentType.Charset, ignoreCase: true);
        Assert.Equal("sv", body.Headers[HeaderId.ContentLanguage]);
        Assert.False(string.IsNullOrEmpty(mail.MessageId));
        Assert.Contains("gäller i 72 timmar", mail.TextBody, StringComparison.Ordinal);
        var link = SmtpServer.Link(mail, "http://localhost/admin/valj-losenord?kod=");
        Assert.Contains(await App.AuditAsync(email), e => e.Kind == AuditKind.InvitationSent && e.Detail == "skickad med e-post");

        await AccountsTests.ChoosePasswordAsync(App, link, "en egen fras vid sjön i byn");
        await App.SignedInClientAsync(email, "en egen fras vid sjön i byn");
        Assert.Contains(await App.AuditAsync(email), e => e.Kind == AuditKind.PasswordSetFromLink);

        // Once: the same link again leads nowhere.
        Assert.Equal("Länken gäller inte", await LinkHeadingAsync(link));
        Assert.Contains("användas en gång", (await OpenLinkAsync(link)).Body!.ReadableText(), StringComparison.Ordinal);
    }

    [MailFact]
    public async Task An_invitation_link_works_for_72_hours_and_not_after()
    {
        var admin = await App.SignedInAsAsync(Roles.Admin);
        var email = $"sen-{Guid.NewGuid():N}@example.se";
        await CreateAccountAsync(admin, email);
        var link = SmtpServer.Link(Assert.Single(await SmtpServer.Required.WaitForAsync(email)), "http://localhost/admin/valj-losenord?kod=");

        mailing.Clock.Advance(TimeSpan.FromHours(72) - TimeSpan.FromMinutes(1));
        Assert.Equal("Välj ditt lösenord", await LinkHeadingAsync(link));
        mailing.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("Länken gäller inte", await LinkHeadingAsync(link));
        Assert.Null((await App.FindUserAsync(email)).PasswordHash);
    }

    [MailFact]
    public async Task A_reset_gets_the_same_answer_for_an_unknown_address_and_only_a_real_account_gets_a_link_that_works_once()
    {
        var email = await App.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var unknown = $"finns-inte-{Guid.NewGuid():N}@example.se";

        var known = await RequestResetAsync(email);
        var stranger = await RequestResetAsync(unknown);

        Assert.Equal(known.Replace(email, "ADRESS", StringComparison.Ordinal), stranger.Replace(unknown, "ADRESS", StringComparison.Ordinal));
        Assert.Contains("Om det finns ett konto för", known, StringComparison.Ordinal);
        var mail = Assert.Single(await SmtpServer.Required.WaitForAsync(email));
        Assert.Equal("Nytt lösenord till Projektregistret", mail.Subject);
        // A second request within five minutes sends nothing more, and says the same.
        Assert.Equal(known, await RequestResetAsync(email));
        await Task.Delay(1000);
        Assert.Single(SmtpServer.Required.MessagesTo(email));
        Assert.Empty(SmtpServer.Required.MessagesTo(unknown));
        Assert.Contains(await App.AuditAsync(unknown), e => e.Kind == AuditKind.PasswordResetRequested && e.Detail == "ingen sådan adress");

        var link = SmtpServer.Link(mail, "http://localhost/admin/valj-losenord?kod=");
        Assert.Equal("Välj ett nytt lösenord", await LinkHeadingAsync(link));
        await AccountsTests.ChoosePasswordAsync(App, link, "glömde det gamla men inte detta");
        await App.SignedInClientAsync(email, "glömde det gamla men inte detta");
        Assert.Contains("Fel e-postadress eller lösenord", await AccountsTests.SignInAttemptAsync(App, email, StaffSession.Password), StringComparison.Ordinal);
        Assert.Equal("Länken gäller inte", await LinkHeadingAsync(link));
    }

    [MailFact]
    public async Task A_reset_link_expires_after_an_hour()
    {
        var email = await App.CreateStaffAsync(Roles.Editor, "leader-polaris");
        await RequestResetAsync(email);
        var link = SmtpServer.Link(Assert.Single(await SmtpServer.Required.WaitForAsync(email)), "http://localhost/admin/valj-losenord?kod=");

        mailing.Clock.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal("Länken gäller inte", await LinkHeadingAsync(link));
    }

    [MailFact]
    public async Task The_sign_in_page_links_to_the_reset_page()
    {
        var page = await App.CreateClient().GetPageAsync("/admin/logga-in");
        Assert.NotNull(page.QuerySelector("main a[href='/admin/glomt-losenord']"));
    }

    private static async Task<AngleSharp.Dom.IDocument> CreateAccountAsync(HttpClient admin, string email)
    {
        var form = (await admin.GetPageAsync("/admin/konton/ny")).QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        form.Fill("Input.Email", email).Choose("Input.Role", Roles.Admin);
        using var response = await admin.SendAsync(form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>"Glömt lösenordet?" filled in by a visitor without a session; the answer's text.</summary>
    private async Task<string> RequestResetAsync(string email)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = (await client.GetPageAsync("/admin/glomt-losenord")).QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        using var response = await client.SendAsync(form.Fill("Input.Email", email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("main")!.ReadableText();
    }

    private async Task<AngleSharp.Dom.IDocument> OpenLinkAsync(string link) =>
        await App.CreateClient().GetPageAsync(new Uri(link).PathAndQuery);

    private async Task<string> LinkHeadingAsync(string link) => (await OpenLinkAsync(link)).QuerySelector("h1")!.ReadableText();
}
