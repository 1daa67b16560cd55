using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Pages.Shared;

namespace ProjectRegistry.Web.Pages.Admin;

public class AuditLogModel(RegistryDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "typ")]
    public AuditKind? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "sida")]
    public int PageNumber { get; set; } = 1;

    public List<AuditEvent> Events { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Pager.CountPages(Total, PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A kind that does not exist (an old or mistyped link) shows every event rather than none.
        if (Kind is { } k && !Enum.IsDefined(k)) Kind = null;
        var query = db.AuditEvents.AsNoTracking();
        if (Kind is { } kind) query = query.Where(e => e.Kind == kind);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Events = await query
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
    }

    public string LinkTo(int page) =>
        Kind is { } kind ? $"/admin/granskningslogg?typ={kind}&sida={page}" : $"/admin/granskningslogg?sida={page}";
}
