using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.Pages.Admin;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Pages.Feedback;

namespace ProjectRegistry.Tests.Pages.Feedback;

/// <summary>
/// "Rapportera fel eller ställ en fråga", as a visitor without JavaScript sends it (the form as the page has it, no
/// cookie), and where it goes: the publisher's editors' inbox and contact mailbox, the admins for the statement.
/// </summary>
public class SendTests(MailingApp mailing) : IClassFixture<MailingApp>
{
    private RegistryAppFactory App => mailing.App;

    [MailFact]
    public async Task A_message_from_a_project_page_reaches_its_publishers_editors_and_mailbox_and_not_another_organisations_editor()
    {
        var project = await PublicProjectAsync("leader-polaris");
        var contact = await SetContactEmailAsync("leader-polaris");
        var visitor = Visitor();

        var page = await visitor.GetPageAsync($"/projekt/{project.Slug}");
        var form = FeedbackForm(page);
        var text = $"Telefonnumret till kontaktpersonen är fel. {Guid.NewGuid():N}";
        using var sent = await visitor.SendAsync(form.Fill("meddelande", text).Fill("namn", "Eva Läsare").Fill("epost", "eva@example.se"));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/synpunkter/tack?projekt={project.Id}", sent.Headers.Location?.OriginalString);
        Assert.False(sent.Headers.Contains("Set-Cookie"));
        var thanks = await visitor.GetPageAsync(sent.Headers.Location!.OriginalString);
        Assert.Equal("Tack för ditt meddelande", thanks.QuerySelector("h1")!.ReadableText());

        var editor = await App.SignedInAsAsync(Roles.Editor, "leader-polaris");
        Assert.Contains(text, (await editor.GetPageAsync("/admin/synpunkter")).QuerySelector("main")!.ReadableText(), StringComparison.Ordinal);
        var stranger = await App.SignedInAsAsync(Roles.Editor, OtherPublisher);
        Assert.DoesNotContain(text, (await stranger.GetPageAsync("/admin/synpunkter")).QuerySelector("main")!.ReadableText(), StringComparison.Ordinal);
        var admin = await App.SignedInAsAsync(Roles.Admin);
        Assert.Contains(text, (await admin.GetPageAsync("/admin/synpunkter")).QuerySelector("main")!.ReadableText(), StringComparison.Ordinal);

        var mail = (await SmtpServer.Required.WaitForAsync(contact)).Single(m => m.TextBody?.Contains(text, StringComparison.Ordinal) == true);
        Assert.Equal($"Synpunkt om {project.Title}", mail.Subject);
        Assert.Equal("eva@example.se", mail.ReplyTo.Mailboxes.Single().Address);
        Assert.Contains("Eva Läsare", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/admin/synpunkter", mail.TextBody, StringComparison.Ordinal);
    }

    [MailFact]
    public async Task The_project_page_with_the_form_stays_output_cached_sets_no_cookie_and_stays_under_40_kB()
    {
        var project = await PublicProjectAsync("leader-polaris");
        var visitor = Visitor();

        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/projekt/{project.Slug}");
            request.Headers.AcceptEncoding.ParseAdd("br");
            return request;
        }
        using var first = await visitor.SendAsync(Request());
        using var second = await visitor.SendAsync(Request());

        Assert.False(first.Headers.Contains("Set-Cookie"));
        // The output cache answers the second request and says how old its copy is.
        Assert.NotNull(second.Headers.Age);
        var html = await (await visitor.GetAsync(new Uri($"/projekt/{project.Slug}", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Rapportera fel eller ställ en fråga", html, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
        var wire = (await second.Content.ReadAsByteArrayAsync()).Length;
        Assert.True(wire < 40 * 1024, $"Sidan är {wire} byte.");
    }

    [MailFact]
    public async Task A_message_over_2000_characters_is_refused_in_Swedish_with_everything_typed_kept()
    {
        var project = await PublicProjectAsync("leader-polaris");
        var visitor = Visitor();
        var form = FeedbackForm(await visitor.GetPageAsync($"/projekt/{project.Slug}"));
        var text = string.Concat(Enumerable.Repeat("Åtgärden är fel beskriven. ", 100));

        using var refused = await visitor.SendAsync(form.Fill("meddelande", text).Fill("namn", "Olle").Fill("epost", "olle@example.se"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await StaffSession.ParseAsync(await refused.Content.ReadAsStringAsync());
        Assert.StartsWith("Fel:", page.Title, StringComparison.Ordinal);
        Assert.Contains("Korta det till högst 2 000 tecken", page.QuerySelector(".field-error")!.ReadableText(), StringComparison.Ordinal);
        Assert.Equal(text.Trim(), page.QuerySelector<IHtmlTextAreaElement>("textarea[name=meddelande]")!.Value);
        Assert.Equal("Olle", page.QuerySelector<IHtmlInputElement>("input[name=namn]")!.Value);
        Assert.Equal("olle@example.se", page.QuerySelector<IHtmlInputElement>("input[name=epost]")!.Value);
        Assert.Equal(0, await App.InDbAsync(db => db.FeedbackMessages.CountAsync(m => m.SenderName == "Olle")));
    }

    [MailFact]
    public async Task A_filled_in_honeypot_gets_the_same_thanks_and_stores_nothing()
    {
        var project = await PublicProjectAsync("leader-polaris");
        var visitor = Visitor();
        var form = FeedbackForm(await visitor.GetPageAsync($"/projekt/{project.Slug}"));
        var marker = $"Billiga klockor {Guid.NewGuid():N}";

        using var sent = await visitor.SendAsync(form.Fill("meddelande", marker).Fill("webbplats", "https://spam.example"));

        Assert.Equal($"/synpunkter/tack?projekt={project.Id}", sent.Headers.Location?.OriginalString);
        Assert.Equal(0, await App.InDbAsync(db => db.FeedbackMessages.CountAsync(m => m.Message == marker)));
    }

    [MailFact]
    public async Task A_message_about_the_accessibility_statement_reaches_the_admins_and_the_sites_contact_address_and_no_editor()
    {
        var visitor = Visitor();
        var page = await visitor.GetPageAsync("/tillganglighet");
        var text = $"Kartan går inte att använda med tangentbord. {Guid.NewGuid():N}";

        using var sent = await visitor.SendAsync(FeedbackForm(page).Fill("meddelande", text));

        Assert.Equal("/synpunkter/tack", sent.Headers.Location?.OriginalString);
        var admin = await App.SignedInAsAsync(Roles.Admin);
        var inbox = (await admin.GetPageAsync("/admin/synpunkter")).QuerySelector("main")!.ReadableText();
        Assert.Contains(text, inbox, StringComparison.Ordinal);
        Assert.Contains("Tillgänglighetsredogörelsen", inbox, StringComparison.Ordinal);
        var editor = await App.SignedInAsAsync(Roles.Editor, "leader-polaris");
        Assert.DoesNotContain(text, (await editor.GetPageAsync("/admin/synpunkter")).QuerySelector("main")!.ReadableText(), StringComparison.Ordinal);
        // Site:ContactEmail, whoever runs the site, gets it by mail.
        var mail = (await SmtpServer.Required.WaitForAsync(mailing.SiteContact)).Single(m => (m.TextBody ?? "").Contains(text, StringComparison.Ordinal));
        Assert.Contains("sidan ”Tillgänglighetsredogörelse", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost/tillganglighet", mail.TextBody, StringComparison.Ordinal);
    }

    [MailFact]
    public async Task An_editor_marks_a_message_handled_with_a_note_and_another_organisations_editor_cannot()
    {
        var project = await PublicProjectAsync("leader-polaris");
        var id = await AddMessageAsync(project.Id, project.PublisherId, $"Fel år i rubriken {Guid.NewGuid():N}");
        var stranger = await App.SignedInAsAsync(Roles.Editor, OtherPublisher);
        using (var refused = await stranger.PostFormAsync($"/admin/synpunkter?handler=Update&id={id}", new() { ["handled"] = "true", ["note"] = "Nej" }, formPage: "/admin/synpunkter"))
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        var editor = await App.SignedInAsAsync(Roles.Editor, "leader-polaris");
        var form = (await editor.GetPageAsync("/admin/synpunkter")).QuerySelector<IHtmlFormElement>($"#meddelande-{id} form")!;
        using var saved = await editor.SendAsync(form.Fill("note", "Rättat i projektet.").Check("handled", "true"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var message = await App.InDbAsync(db => db.FeedbackMessages.SingleAsync(m => m.Id == id));
        Assert.True(message.IsHandled);
        Assert.Equal("Rättat i projektet.", message.Note);
        Assert.NotNull(message.HandledBy);
        // Handled messages leave the default view and stay under "Visa även hanterade".
        Assert.Null((await editor.GetPageAsync("/admin/synpunkter")).QuerySelector($"#meddelande-{id}"));
        Assert.NotNull((await editor.GetPageAsync("/admin/synpunkter?visa=alla")).QuerySelector($"#meddelande-{id}"));
    }

    [MailFact]
    public async Task Messages_are_deleted_after_the_retention_time_the_admin_sets()
    {
        var project = await PublicProjectAsync("leader-polaris");
        var now = mailing.Clock.GetUtcNow().UtcDateTime;
        var old = await AddMessageAsync(project.Id, project.PublisherId, "Tre månader gammal", now.AddMonths(-3).AddDays(-1));
        var recent = await AddMessageAsync(project.Id, project.PublisherId, "Två månader gammal", now.AddMonths(-2));
        var retention = App.Services.GetRequiredService<FeedbackRetention>();

        await retention.PruneNowAsync();
        Assert.Equal(2, await App.InDbAsync(db => db.FeedbackMessages.CountAsync(m => m.Id == old || m.Id == recent)));

        var admin = await App.SignedInAsAsync(Roles.Admin);
        var form = (await admin.GetPageAsync("/admin/synpunkter")).QuerySelector<IHtmlFormElement>("form[action*='handler=Retention']")!;
        using (var saved = await admin.SendAsync(form.Fill("manader", "3")))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await retention.PruneNowAsync();
        Assert.Equal([recent], await App.InDbAsync(db => db.FeedbackMessages.Where(m => m.Id == old || m.Id == recent).Select(m => m.Id).ToListAsync()));

        // A month on, the fake clock makes the other one old enough too.
        mailing.Clock.Advance(TimeSpan.FromDays(32));
        await retention.PruneNowAsync();
        Assert.Equal(0, await App.InDbAsync(db => db.FeedbackMessages.CountAsync(m => m.Id == recent)));
        admin = await App.SignedInAsAsync(Roles.Admin);
        using (var back = await admin.SendAsync((await admin.GetPageAsync("/admin/synpunkter")).QuerySelector<IHtmlFormElement>("form[action*='handler=Retention']")!.Fill("manader", "12")))
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
    }

    [MailFact]
    public async Task One_client_address_may_send_a_few_messages_an_hour_and_then_gets_429()
    {
        await using var limited = new RegistryAppFactory { Settings = new() { ["Feedback:MessagesPerClientPerHour"] = "2" } };
        var project = await limited.InDbAsync(db => db.PublicProjects.Select(p => new { p.Id, p.Slug }).FirstAsync());
        var visitor = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = FeedbackForm(await visitor.GetPageAsync($"/projekt/{project.Slug}"));

        for (var i = 0; i < 2; i++)
        {
            using var sent = await visitor.SendAsync(form.Fill("meddelande", $"Meddelande {i}"));
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }
        using var refused = await visitor.SendAsync(form.Fill("meddelande", "Ett för mycket"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(2, await limited.InDbAsync(db => db.FeedbackMessages.CountAsync()));
    }

    // Issue 24, L8: a name with a line break wrote a line of its own into the mail staff read, such as a forged "E-post:".
    [MailFact]
    public async Task A_name_with_line_breaks_is_one_line_in_the_mail_and_cannot_forge_the_sender_lines()
    {
        var project = await PublicProjectAsync("leader-polaris");
        var contact = await SetContactEmailAsync("leader-polaris");
        var visitor = Visitor();
        var form = FeedbackForm(await visitor.GetPageAsync($"/projekt/{project.Slug}"));
        var text = $"Fel årtal på sidan. {Guid.NewGuid():N}";

        // Posted as a client writes it: a browser's text field would drop the line breaks itself.
        var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name) && i.Type is not ("submit" or "button")).ToDictionary(i => i.Name!, i => i.Value);
        fields["meddelande"] = text;
        fields["namn"] = "Eva\r\nE-post: chefen@kommun.example\u2028Namn: Chefen";
        using var sent = await visitor.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mail = (await SmtpServer.Required.WaitForAsync(contact)).Single(m => m.TextBody?.Contains(text, StringComparison.Ordinal) == true);
        var lines = mail.TextBody!.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("Namn: Eva E-post: chefen@kommun.example Namn: Chefen", lines);
        Assert.Equal(["E-post: (ingen angiven)"], lines.Where(l => l.StartsWith("E-post:", StringComparison.Ordinal)));
    }

    private const string OtherPublisher = "mala-kommun";

    private HttpClient Visitor() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static IHtmlFormElement FeedbackForm(IDocument page)
    {
        var form = page.QuerySelector<IHtmlFormElement>("form[action='/synpunkter']");
        Assert.True(form is not null, "Sidan har inget formulär för synpunkter.");
        return form;
    }

    private sealed record PublicProject(int Id, string Slug, string Title, int PublisherId);

    private async Task<PublicProject> PublicProjectAsync(string publisher) => await App.InDbAsync(db => db.PublicProjects
        .Where(p => p.Publisher.Slug == publisher).OrderBy(p => p.Id)
        .Select(p => new PublicProject(p.Id, p.Slug, p.Title, p.PublisherId)).FirstAsync());

    private async Task<string> SetContactEmailAsync(string publisher)
    {
        var address = $"kontakt-{Guid.NewGuid():N}@example.se";
        await App.InDbAsync(async db => await db.Organisations.Where(o => o.Slug == publisher)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ContactEmail, address)));
        return address;
    }

    private async Task<long> AddMessageAsync(int projectId, int publisherId, string text, DateTime? at = null) => await App.InDbAsync(async db =>
    {
        var message = db.FeedbackMessages.Add(new FeedbackMessage
        {
            ProjectId = projectId, PublisherId = publisherId, Message = text, ReceivedAt = at ?? mailing.Clock.GetUtcNow().UtcDateTime,
        }).Entity;
        await db.SaveChangesAsync();
        return message.Id;
    });
}
