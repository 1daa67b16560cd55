using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin.Feedback;

/// <summary>
/// The readers' messages ("Rapportera fel eller ställ en fråga"): an editor sees those about its organisations'
/// projects, an admin all of them and those about the accessibility statement. Each can be marked handled, with a
/// note; the admin sets how long messages are kept.
/// </summary>
public class IndexModel(RegistryDbContext db, StaffContext staff, TimeProvider clock) : PageModel
{
    public const int MaxRetentionMonths = 60;

    /// <summary>"alla" shows handled messages too; the default is those still to handle.</summary>
    [BindProperty(SupportsGet = true, Name = "visa")]
    public string? Show { get; set; }

    public bool ShowAll => Show == "alla";

    public bool IsAdmin => staff.IsAdmin;

    public int RetentionMonths { get; private set; }

    public List<Item> Messages { get; private set; } = [];

    public int UnhandledCount { get; private set; }

    [TempData]
    public string? Status { get; set; }

    public sealed record Item(
        long Id, DateTime ReceivedAt, string About, string? AboutUrl, string? SenderName, string? SenderEmail, string Message,
        bool IsHandled, string? Note, DateTime? HandledAt, string? HandledBy);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostUpdateAsync(long id, [FromForm] bool handled, [FromForm] string? note, CancellationToken ct)
    {
        var message = await (await VisibleAsync()).FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return NotFound();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > FeedbackMessage.MaxNoteLength })
        {
            ModelState.AddModelError($"note-{id}", $"Anteckningen är {note.Length:N0} tecken; den får vara högst {FeedbackMessage.MaxNoteLength:N0}.");
            await LoadAsync(ct);
            return Page();
        }
        if (handled && !message.IsHandled)
        {
            message.HandledAt = clock.GetUtcNow().UtcDateTime;
            message.HandledBy = staff.Name;
        }
        else if (!handled)
        {
            message.HandledAt = null;
            message.HandledBy = null;
        }
        message.IsHandled = handled;
        message.Note = note;
        await db.SaveChangesAsync(ct);
        Status = handled ? "Meddelandet är markerat som hanterat." : "Meddelandet är sparat.";
        return RedirectToPage(new { visa = Show });
    }

    public async Task<IActionResult> OnPostRetentionAsync([FromForm(Name = "manader")] string? months, CancellationToken ct)
    {
        if (!staff.IsAdmin) return Forbid();
        if (!int.TryParse(months?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > MaxRetentionMonths)
        {
            ModelState.AddModelError("manader", $"Skriv ett helt antal månader från 1 till {MaxRetentionMonths}.");
            await LoadAsync(ct);
            return Page();
        }
        var settings = await db.FeedbackSettings.FirstOrDefaultAsync(ct);
        if (settings is null) db.FeedbackSettings.Add(new FeedbackSettings { Id = 1, RetentionMonths = value });
        else settings.RetentionMonths = value;
        await db.SaveChangesAsync(ct);
        Status = $"Meddelanden sparas nu i {value} månader. Äldre raderas vid nästa dagliga rensning.";
        return RedirectToPage(new { visa = Show });
    }

    /// <summary>The messages this member of staff may read: all for an admin, their publishers' for an editor.</summary>
    private async Task<IQueryable<FeedbackMessage>> VisibleAsync()
    {
        if (staff.IsAdmin) return db.FeedbackMessages;
        var ids = await staff.EditableOrganisationIdsAsync();
        return db.FeedbackMessages.Where(m => m.PublisherId != null && ids.Contains(m.PublisherId.Value));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        RetentionMonths = await db.FeedbackSettings.AsNoTracking().Select(s => (int?)s.RetentionMonths).FirstOrDefaultAsync(ct)
            ?? FeedbackSettings.DefaultRetentionMonths;
        var visible = (await VisibleAsync()).AsNoTracking();
        UnhandledCount = await visible.CountAsync(m => !m.IsHandled, ct);
        if (!ShowAll) visible = visible.Where(m => !m.IsHandled);
        var rows = await visible
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
            .Take(500)
            .Select(m => new
            {
                m.Id, m.ReceivedAt, m.PageSlug, m.SenderName, m.SenderEmail, m.Message, m.IsHandled, m.Note, m.HandledAt, m.HandledBy,
                Project = db.Projects.IgnoreQueryFilters().Where(p => p.Id == m.ProjectId).Select(p => new { p.Id, p.Title }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        Messages = rows.Select(r => new Item(r.Id, r.ReceivedAt,
            r.Project?.Title ?? (r.PageSlug == Pages.Feedback.SendModel.StatementSlug ? "Tillgänglighetsredogörelsen" : r.PageSlug ?? "Webbplatsen"),
            r.Project is { } p ? $"/admin/projekt/{p.Id}" : r.PageSlug is { } slug ? $"/{slug}" : null,
            r.SenderName, r.SenderEmail, r.Message, r.IsHandled, r.Note, r.HandledAt, r.HandledBy)).ToList();
    }
}
