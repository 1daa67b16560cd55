using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Mail;

namespace ProjectRegistry.Web.Pages.Feedback;

/// <summary>The feedback form as a partial renders it: empty on the public pages, as typed with its errors here.</summary>
public sealed record FeedbackForm(int? ProjectId, string? PageSlug, string? Name = null, string? Email = null, string? Message = null)
{
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// /synpunkter: where the "Rapportera fel eller ställ en fråga" form posts, from a project page or the accessibility
/// statement. Never cached, so the public pages that show the form stay output-cached for everyone.
/// No antiforgery token: a token needs a cookie (or a per-visitor page), and the form sits on cached pages that must
/// be the same for everyone and set no cookie. A forged post gains an attacker nothing, since the endpoint acts with no
/// one's authority: it only stores a message anyone may send. Spam is held off by a honeypot field, the per-client limit
/// (Feedback:MessagesPerClientPerHour) and the body size limit instead.
/// </summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(FeedbackLimits.Policy)]
[RequestSizeLimit(FeedbackLimits.BodyBytes)]
public class SendModel(RegistryDbContext db, TimeProvider clock, Mailer mailer, IOptions<SiteOptions> site, ILogger<SendModel> logger) : PageModel
{
    public const string StatementSlug = "tillganglighet";

    public FeedbackForm Form { get; private set; } = new(null, StatementSlug);

    /// <summary>What the message is about, for the heading: a project's title or the statement's.</summary>
    public string About { get; private set; } = "";

    public string BackUrl { get; private set; } = "/";

    private sealed record Target(int? ProjectId, string? Slug, string Title, int? PublisherId, string? ContactEmail);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "projekt")] int? projectId, [FromQuery(Name = "sida")] string? page, CancellationToken ct)
    {
        if (await FindAsync(projectId, page, ct) is not { } target) return NotFound();
        Describe(target);
        Form = new(target.ProjectId, target.ProjectId is null ? StatementSlug : null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        [FromForm(Name = "projekt")] int? projectId, [FromForm(Name = "sida")] string? page,
        [FromForm(Name = "namn")] string? name, [FromForm(Name = "epost")] string? email, [FromForm(Name = "meddelande")] string? message,
        [FromForm(Name = "webbplats")] string? trap, CancellationToken ct)
    {
        if (await FindAsync(projectId, page, ct) is not { } target) return NotFound();
        Describe(target);
        var thanks = target.ProjectId is { } id ? $"/synpunkter/tack?projekt={id}" : "/synpunkter/tack";
        // A robot's post gets the same thanks as a person's, so that it learns nothing; it is not stored.
        if (!string.IsNullOrEmpty(trap)) return Redirect(thanks);

        // A name is one line: kept so, and written so into the mail to staff (MailText).
        name = Infrastructure.Mail.MailText.OneLine(Clean(name));
        email = Clean(email);
        message = message?.Trim() ?? "";
        var errors = new Dictionary<string, string>();
        if (message.Length == 0) errors["meddelande"] = "Skriv ditt meddelande.";
        else if (message.Length > FeedbackMessage.MaxMessageLength)
            errors["meddelande"] = $"Meddelandet är {message.Length:N0} tecken. Korta det till högst {FeedbackMessage.MaxMessageLength:N0} tecken; det du skrivit finns kvar nedan.";
        if (email is not null && (email.Length > 254 || !EmailAddress.IsValid(email)))
            errors["epost"] = $"”{email}” är ingen giltig e-postadress. Den ska se ut som namn@exempel.se, eller lämnas tom.";
        if (name is { Length: > FeedbackMessage.MaxNameLength }) name = name[..FeedbackMessage.MaxNameLength];
        if (errors.Count > 0)
        {
            Form = new(target.ProjectId, target.ProjectId is null ? StatementSlug : null, name, email, message) { Errors = errors };
            return Page();
        }

        var saved = db.FeedbackMessages.Add(new FeedbackMessage
        {
            ReceivedAt = clock.GetUtcNow().UtcDateTime,
            ProjectId = target.ProjectId,
            PublisherId = target.PublisherId,
            PageSlug = target.ProjectId is null ? StatementSlug : null,
            SenderName = name,
            SenderEmail = email,
            Message = message,
        }).Entity;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Synpunkt {FeedbackId} mottagen", saved.Id);
        Notify(target, saved);
        return Redirect(thanks);
    }

    /// <summary>
    /// The publisher's contact address gets the message (for the accessibility statement: Site:ContactEmail), when the
    /// site sends mail and there is one.
    /// </summary>
    private void Notify(Target target, FeedbackMessage message)
    {
        if (!mailer.IsConfigured || target.ContactEmail is not { } to || !EmailAddress.IsValid(to)) return;
        var baseUrl = mailer.LinkBase;
        var text = $"""
            Hej!

            Någon har skrivit om {(target.ProjectId is null ? "sidan" : "projektet")} ”{Infrastructure.Mail.MailText.OneLine(target.Title)}” i {site.Value.Name}:
            {baseUrl}{(target.ProjectId is null ? $"/{target.Slug}" : $"/projekt/{target.Slug}")}

            ----
            {message.Message}
            ----

            Namn: {Infrastructure.Mail.MailText.OneLine(message.SenderName) ?? "(inget angivet)"}
            E-post: {message.SenderEmail ?? "(ingen angiven)"}

            {(message.SenderEmail is null ? "Avsändaren lämnade ingen e-postadress och kan inte få svar." : "Svarar du på det här meddelandet går svaret till avsändaren.")}
            Meddelandet finns också bland synpunkterna i registrets administration, där du kan markera det som hanterat:
            {baseUrl}/admin/synpunkter

            Hälsningar
            {site.Value.Name}
            """;
        mailer.Enqueue(mailer.Compose(to, $"Synpunkt om {Infrastructure.Mail.MailText.OneLine(target.Title)}", text, replyTo: message.SenderEmail));
    }

    private async Task<Target?> FindAsync(int? projectId, string? page, CancellationToken ct)
    {
        if (projectId is { } id)
            return await db.PublicProjects.AsNoTracking().Where(p => p.Id == id)
                .Select(p => new Target(p.Id, p.Slug, p.Title, p.PublisherId, p.Publisher.ContactEmail))
                .FirstOrDefaultAsync(ct);
        if (page != StatementSlug) return null;
        var title = await db.SitePages.AsNoTracking().Where(p => p.Slug == StatementSlug).Select(p => p.Title).FirstOrDefaultAsync(ct);
        return title is null ? null : new Target(null, StatementSlug, title, null, site.Value.ContactEmail?.Trim());
    }

    private void Describe(Target target)
    {
        About = target.Title;
        BackUrl = target.ProjectId is null ? $"/{StatementSlug}" : $"/projekt/{target.Slug}";
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
