using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Mail;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Pages.Feedback;

namespace ProjectRegistry.Web.Pages.Alerts;

/// <summary>The alert form as the partial renders it: empty on /projekt (output-cached), as typed with its error here.</summary>
public sealed record AlertForm(string Filter, string? Email = null, string? Error = null);

/// <summary>
/// /bevaka: where "Bevaka den här sökningen" on /projekt posts. Never cached, no antiforgery token and no cookie,
/// for the reasons and under the same limits as the feedback form (see <see cref="SendModel"/> and
/// <see cref="FeedbackLimits"/>: one per-client budget for the public forms, a honeypot, a small body): a forged post
/// can only ask for a confirmation mail, which does nothing until its owner follows the link.
/// </summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(FeedbackLimits.Policy)]
[RequestSizeLimit(FeedbackLimits.BodyBytes)]
public class SubscribeModel(RegistryDbContext db, TimeProvider clock, Mailer mailer, IOptions<SiteOptions> site, ILogger<SubscribeModel> logger) : PageModel
{
    public AlertForm Form { get; private set; } = new("");

    public string ListUrl => "/projekt" + Form.Filter;

    public IActionResult OnGet() => mailer.IsConfigured ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "filter")] string? filter, [FromForm(Name = "epost")] string? email,
        [FromForm(Name = "webbplats")] string? trap, CancellationToken ct)
    {
        if (!mailer.IsConfigured) return NotFound();
        // The filter as /projekt reads it, so that the stored one is canonical whatever was posted.
        var parsed = ProjectFilter.Parse(new QueryCollection(QueryHelpers.ParseQuery(filter ?? "")));
        var canonical = parsed.ToQueryString(withSortAndPage: false);
        email = email?.Trim();
        if (!string.IsNullOrEmpty(trap)) return Redirect("/bevaka/tack");
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !EmailAddress.IsValid(email))
        {
            Form = new(canonical, email, string.IsNullOrEmpty(email)
                ? "Skriv din e-postadress."
                : $"”{email}” är ingen giltig e-postadress. Den ska se ut som namn@exempel.se.");
            return Page();
        }

        email = AlertSubscription.NormalisedEmail(email);
        var now = clock.GetUtcNow().UtcDateTime;
        var secret = AlertLinks.NewSecret();
        // The same address and filter again: a confirmed alert stays as it is (the answer is the same, so the page
        // tells no one whether the address watches anything); an unconfirmed one gets a new link instead of a second row.
        var existing = await db.AlertSubscriptions.FirstOrDefaultAsync(a => a.Email == email && a.Filter == canonical, ct);
        if (existing is { ConfirmedAt: not null }) return Redirect("/bevaka/tack");
        // Per address, whoever asks: no more than MaxPerAddress alerts, and no more than MaxLinksPerAddressPerDay
        // confirmation mails a day, so that nobody can fill a stranger's mailbox (the per-client limit stops one
        // client; this stops many). The answer is the same, so the page still tells no one anything.
        if ((existing is null && await db.AlertSubscriptions.CountAsync(a => a.Email == email, ct) >= AlertSubscription.MaxPerAddress)
            || !await TryTakeMailSlotAsync(email, now, ct))
        {
            logger.LogWarning("Bevakning till en adress över gränsen; inget mejl skickat");
            return Redirect("/bevaka/tack");
        }
        var alert = existing ?? db.AlertSubscriptions.Add(new AlertSubscription { Email = email, Filter = canonical }).Entity;
        alert.CreatedAt = now;
        alert.TokenHash = AlertLinks.Hash(secret);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Bevakning {AlertId} begärd", alert.Id);

        var baseUrl = mailer.LinkBase;
        var text = $"""
            Hej!

            Någon, förhoppningsvis du, vill bevaka den här sökningen i {site.Value.Name}:
            {baseUrl}/projekt{canonical}

            Bekräfta bevakningen genom att öppna länken nedan och trycka på knappen. Länken gäller i {AlertSubscription.ConfirmWithinDays} dagar.
            {baseUrl}/bevaka/bekrafta?kod={secret}

            Du får då högst ett mejl om dagen, och bara när ett projekt har kommit till i sökningen eller bytt status.
            Har du inte bett om det här behöver du inte göra något: utan bekräftelse skickas inget mer, och adressen
            raderas efter {AlertSubscription.ConfirmWithinDays} dagar.

            Hälsningar
            {site.Value.Name}
            """;
        mailer.Enqueue(mailer.Compose(email, "Bekräfta din bevakning", text));
        return Redirect("/bevaka/tack");
    }

    /// <summary>
    /// Takes one of the address's daily confirmation mails (<see cref="AlertConfirmationMail"/>): a slot never used (an
    /// INSERT, which the key lets only one request win) or one used more than a day ago (a conditional UPDATE, which
    /// PostgreSQL re-checks after the row lock and SQLite runs alone). False when all are taken.
    /// </summary>
    private async Task<bool> TryTakeMailSlotAsync(string email, DateTime now, CancellationToken ct)
    {
        var dayAgo = now.AddDays(-1);
        var used = await db.AlertConfirmationMails.AsNoTracking().Where(m => m.Email == email).ToDictionaryAsync(m => m.Slot, m => m.SentAt, ct);
        for (var slot = 0; slot < AlertSubscription.MaxLinksPerAddressPerDay; slot++)
        {
            if (used.TryGetValue(slot, out var sentAt))
            {
                var free = slot;
                if (sentAt <= dayAgo && await db.AlertConfirmationMails.Where(m => m.Email == email && m.Slot == free && m.SentAt <= dayAgo)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now), ct) == 1)
                    return true;
                continue;
            }
            var row = db.AlertConfirmationMails.Add(new AlertConfirmationMail { Email = email, Slot = slot, SentAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException)
            {
                // Another request inserted this slot first: it is taken; try the next.
                row.State = EntityState.Detached;
            }
        }
        return false;
    }
}
