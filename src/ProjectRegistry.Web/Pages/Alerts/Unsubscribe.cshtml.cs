using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;

namespace ProjectRegistry.Web.Pages.Alerts;

/// <summary>
/// /bevaka/avsluta?kod=…: the unsubscribe link of every digest and its List-Unsubscribe header. A GET shows a button
/// (mail scanners open links and must not end alerts); a POST, from that button or from a mail program's one-click
/// unsubscribe (RFC 8058: "List-Unsubscribe=One-Click", no cookie, no token), deletes the alert. The signed code is
/// the authority, so there is no antiforgery token.
/// </summary>
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(RegistryDbContext db, IDataProtectionProvider keys, ILogger<UnsubscribeModel> logger) : PageModel
{
    public bool Done { get; private set; }

    public bool Invalid { get; private set; }

    public string Code { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "kod")] string? code, CancellationToken ct)
    {
        Code = code ?? "";
        var read = AlertLinks.ReadUnsubscribeCode(keys, code);
        if (read is null) Invalid = true;
        // An alert already ended: say so rather than offer a button that does nothing.
        else if (!await db.AlertSubscriptions.AnyAsync(a => a.Id == read.Value.Id, ct)) Done = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromQuery(Name = "kod")] string? code, CancellationToken ct)
    {
        if (AlertLinks.ReadUnsubscribeCode(keys, code) is not { } read)
        {
            Invalid = true;
            return Page();
        }
        var created = new DateTime(read.CreatedTicks, DateTimeKind.Utc);
        var deleted = await db.AlertSubscriptions.Where(a => a.Id == read.Id && a.CreatedAt == created).ExecuteDeleteAsync(ct);
        if (deleted > 0) logger.LogInformation("Bevakning {AlertId} avslutad", read.Id);
        Done = true;
        return Page();
    }
}
