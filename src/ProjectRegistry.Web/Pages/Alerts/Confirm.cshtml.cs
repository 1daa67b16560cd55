using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Web.Pages.Alerts;

/// <summary>
/// /bevaka/bekrafta?kod=…: the confirmation link. The GET only shows a button, since mail scanners open links; the
/// POST confirms. No antiforgery token: the code in the form is the authority, and a page without a cookie works
/// from any mail program.
/// </summary>
[IgnoreAntiforgeryToken]
public class ConfirmModel(RegistryDbContext db, ProjectSearch search, TimeProvider clock, ILogger<ConfirmModel> logger) : PageModel
{
    public enum State { Ask, Confirmed, Invalid }

    public State Shown { get; private set; }

    public string Code { get; private set; } = "";

    public string Filter { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "kod")] string? code, [FromQuery(Name = "klar")] string? done, CancellationToken ct)
    {
        if (done is not null)
        {
            Shown = State.Confirmed;
            return Page();
        }
        var alert = await FindAsync(code, ct);
        Shown = alert is null ? State.Invalid : State.Ask;
        Code = code ?? "";
        Filter = alert?.Filter ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "kod")] string? code, CancellationToken ct)
    {
        if (await FindAsync(code, ct) is not { } alert)
        {
            Shown = State.Invalid;
            return Page();
        }
        // The window starts now, with what matches now: the first digest tells what happens after the confirmation.
        var now = clock.GetUtcNow().UtcDateTime;
        var matched = AlertLinks.Write(await AlertLinks.MatchesAsync(search, alert.Filter, ct));
        var hash = alert.TokenHash;
        // Checked and used in one statement, so a link works once.
        var confirmed = await db.AlertSubscriptions.Where(a => a.Id == alert.Id && a.TokenHash == hash)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.TokenHash, (string?)null).SetProperty(a => a.ConfirmedAt, now)
                .SetProperty(a => a.LastDigestAt, now).SetProperty(a => a.Matched, matched), ct);
        if (confirmed == 0)
        {
            Shown = State.Invalid;
            return Page();
        }
        logger.LogInformation("Bevakning {AlertId} bekräftad", alert.Id);
        return Redirect("/bevaka/bekrafta?klar=1");
    }

    private async Task<AlertSubscription?> FindAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 100) return null;
        var hash = AlertLinks.Hash(code);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-AlertSubscription.ConfirmWithinDays);
        return await db.AlertSubscriptions.AsNoTracking()
            .FirstOrDefaultAsync(a => a.TokenHash == hash && a.ConfirmedAt == null && a.CreatedAt >= since, ct);
    }
}
