using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin;

/// <summary>The staff's project list: only the projects this account may edit, drafts included.</summary>
public class IndexModel(StaffContext staff) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? StatusSlug { get; set; }

    [BindProperty(SupportsGet = true, Name = "kommun")]
    public string? Municipality { get; set; }

    [BindProperty(SupportsGet = true, Name = "sida")]
    public string? PageText { get; set; }

    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<Row> Rows { get; private set; } = [];
    public bool CanCreate { get; private set; }

    public sealed record Row(int Id, string Slug, string Title, ProjectStatus Status, bool IsPublished, bool HiddenByPublisher, string Publisher, DateTime UpdatedAt);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var projects = (await staff.EditableProjectsAsync()).AsNoTracking();
        CanCreate = (await staff.EditableOrganisationIdsAsync()).Count > 0;
        foreach (var term in SearchText.Terms(Query?.Length > 200 ? Query[..200] : Query))
            projects = projects.Where(p => p.SearchText.Contains(term) || p.Slug.Contains(term));
        if (ProjectStatuses.TryParseSlug(StatusSlug, out var status))
            projects = projects.Where(p => p.Status == status);
        if (Domain.Municipality.IsValidCode(Municipality))
            projects = projects.Where(p => p.Municipalities.Any(m => m.Code == Municipality));

        Total = await projects.CountAsync(ct);
        PageNumber = int.TryParse(PageText, out var n) && n >= 1 && n <= PageCount ? n : 1;
        Rows = (await projects
                .OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Title)
                .Skip((PageNumber - 1) * PageSize).Take(PageSize)
                .Select(p => new
                {
                    p.Id, p.Slug, p.Title, p.Status, p.IsPublished, p.UpdatedAt, Publisher = p.Publisher.Name,
                    Hidden = p.Publisher.HiddenStatuses.Contains(p.Status),
                })
                .ToListAsync(ct))
            .Select(p => new Row(p.Id, p.Slug, p.Title, p.Status, p.IsPublished, p.Hidden, p.Publisher, p.UpdatedAt))
            .ToList();
        return Page();
    }

    public string PageLink(int page) =>
        "/admin" + QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = Query, ["status"] = StatusSlug, ["kommun"] = Municipality, ["sida"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}
