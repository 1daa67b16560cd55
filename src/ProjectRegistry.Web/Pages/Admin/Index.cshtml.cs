using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Pages.Shared;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Security;
using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Web.Pages.Admin;

/// <summary>
/// The staff's start page: what needs doing in the projects this account may edit (each a count and a link to the
/// list filtered by it, ?behov=), then the project list itself, sortable by status, period and when it was changed.
/// </summary>
public class IndexModel(StaffContext staff, RegistryDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? StatusSlug { get; set; }

    [BindProperty(SupportsGet = true, Name = "kommun")]
    public string? Municipality { get; set; }

    [BindProperty(SupportsGet = true, Name = "behov")]
    public string? NeedCode { get; set; }

    /// <summary>"andrad" (the default), "status" or "period"; with ordning "stigande" or "fallande".</summary>
    [BindProperty(SupportsGet = true, Name = "sortera")]
    public string? SortText { get; set; }

    [BindProperty(SupportsGet = true, Name = "ordning")]
    public string? OrderText { get; set; }

    [BindProperty(SupportsGet = true, Name = "sida")]
    public string? PageText { get; set; }

    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public int PageCount => Pager.CountPages(Total, PageSize);
    public List<Row> Rows { get; private set; } = [];
    public bool CanCreate { get; private set; }
    public DateTime Now { get; private set; }

    /// <summary>What needs doing, each with its count; the filter chosen, if any.</summary>
    public List<(Need Need, int Count)> Needs { get; private set; } = [];
    public Need? ChosenNeed { get; private set; }

    /// <summary>Organisations editors added from the project form that no admin has reviewed (admins only).</summary>
    public int? NewOrganisations { get; private set; }

    public string Sort => SortText is "status" or "period" ? SortText : "andrad";

    /// <summary>Changed: newest first unless asked otherwise; status and period: in their order unless asked otherwise.</summary>
    public bool Descending => OrderText == "fallande" || (OrderText != "stigande" && Sort == "andrad");

    public sealed record Row(int Id, string Slug, string Title, ProjectStatus Status, bool IsPublished, bool HiddenByPublisher, string Publisher, Period Period, DateTime UpdatedAt);

    /// <summary>One thing that needs doing: its code in ?behov=, what the start page calls it, and why it matters.</summary>
    public sealed record Need(string Code, string Label, string Why);

    public static readonly IReadOnlyList<Need> AllNeeds =
    [
        new("utkast", "Utkast", "Inte publicerade: syns inte för allmänheten."),
        new("slutdatum-passerat", "Slutdatumet har passerat", "Status Pågående, men projektets slutdatum har passerat."),
        new("ekonomi-saknas", "Budget eller belopp saknas", "Ingen total budget, ingen finansiär, eller en finansiär utan belopp."),
        new("kontakter-tas-bort", "Kontaktuppgifter tas bort inom en månad", "Publicerarens tid för kontaktpersoner efter avslut går ut inom en månad."),
        new("ej-uppdaterade", "Inte uppdaterade på 12 månader", "Ingen har sparat projektet på ett år."),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var nowOffset = clock.GetUtcNow();
        Now = nowOffset.UtcDateTime;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var editable = (await staff.EditableProjectsAsync()).AsNoTracking();
        CanCreate = (await staff.EditableOrganisationIdsAsync()).Count > 0;

        foreach (var need in AllNeeds)
            Needs.Add((need, await (await FilterAsync(editable, need.Code, today, ct)).CountAsync(ct)));
        if (staff.IsAdmin)
            NewOrganisations = await db.Organisations.CountAsync(o => o.Review == OrganisationReview.New, ct);

        var projects = editable;
        ChosenNeed = AllNeeds.FirstOrDefault(n => n.Code == NeedCode);
        if (ChosenNeed is not null) projects = await FilterAsync(projects, ChosenNeed.Code, today, ct);
        foreach (var term in SearchText.Terms(Query?.Length > 200 ? Query[..200] : Query))
            projects = projects.Where(p => p.SearchText.Contains(term) || p.Slug.Contains(term));
        if (ProjectStatuses.TryParseSlug(StatusSlug, out var status))
            projects = projects.Where(p => p.Status == status);
        if (Domain.Municipality.IsValidCode(Municipality))
            projects = projects.Where(p => p.Municipalities.Any(m => m.Code == Municipality));

        Total = await projects.CountAsync(ct);
        PageNumber = int.TryParse(PageText, out var n) && n >= 1 && n <= PageCount ? n : 1;
        // Period sorts by the start's ISO text, which sorts as dates do (ProjectConfiguration); projects without one last.
        IOrderedQueryable<Project> ordered = (Sort, Descending) switch
        {
            ("status", false) => projects.OrderBy(p => p.Status),
            ("status", true) => projects.OrderByDescending(p => p.Status),
            ("period", false) => projects.OrderBy(p => p.Start == null).ThenBy(p => p.Start).ThenBy(p => p.End),
            ("period", true) => projects.OrderBy(p => p.Start == null).ThenByDescending(p => p.Start).ThenByDescending(p => p.End),
            (_, false) => projects.OrderBy(p => p.UpdatedAt),
            _ => projects.OrderByDescending(p => p.UpdatedAt),
        };
        Rows = (await ordered.ThenByDescending(p => p.UpdatedAt).ThenBy(p => p.Id)
                .Skip((PageNumber - 1) * PageSize).Take(PageSize)
                .Select(p => new
                {
                    p.Id, p.Slug, p.Title, p.Status, p.IsPublished, p.UpdatedAt, p.Start, p.End, Publisher = p.Publisher.Name,
                    Hidden = p.Publisher.HiddenStatuses.Contains(p.Status),
                })
                .ToListAsync(ct))
            .Select(p => new Row(p.Id, p.Slug, p.Title, p.Status, p.IsPublished, p.Hidden, p.Publisher, new Period(p.Start, p.End), p.UpdatedAt))
            .ToList();
        return Page();
    }

    /// <summary>
    /// The projects that have one need. Counted in SQL; the two that depend on a date of partial precision or on the
    /// status history read only their candidates (ongoing projects; closed ones whose publisher withdraws contacts), a
    /// few columns each, and apply the domain's own rule to them.
    /// </summary>
    private async Task<IQueryable<Project>> FilterAsync(IQueryable<Project> projects, string code, DateOnly today, CancellationToken ct)
    {
        switch (code)
        {
            case "utkast":
                return projects.Where(p => !p.IsPublished);
            case "ekonomi-saknas":
                return projects.Where(p => p.Budget == null || !p.Financiers.Any() || p.Financiers.Any(f => f.Amount == null));
            case "ej-uppdaterade":
                var yearAgo = Now.AddMonths(-12);
                return projects.Where(p => p.UpdatedAt < yearAgo);
            case "slutdatum-passerat":
            {
                var ongoing = await projects.Where(p => p.Status == ProjectStatus.Ongoing && p.End != null)
                    .Select(p => new { p.Id, p.End }).ToListAsync(ct);
                var ids = ongoing.Where(p => p.End!.Latest < today).Select(p => p.Id).ToList();
                return projects.Where(p => ids.Contains(p.Id));
            }
            case "kontakter-tas-bort":
            {
                var closed = await projects
                    .Where(p => (p.Status == ProjectStatus.FinalReportSubmitted || p.Status == ProjectStatus.Closed)
                        && p.Publisher.ContactRetentionMonths != null && p.Contacts.Any(c => !c.IsRoleMailbox))
                    .Select(p => new
                    {
                        Project = new Project
                        {
                            Id = p.Id, Slug = p.Slug, Title = p.Title, Status = p.Status, End = p.End,
                            StatusHistory = p.StatusHistory.OrderBy(h => h.Id).ToList(),
                        },
                        p.Publisher.ContactRetentionMonths,
                    })
                    .ToListAsync(ct);
                var within = today.AddMonths(1);
                var ids = closed.Where(c => c.Project.ContactDetailsWithdrawnFrom(c.ContactRetentionMonths) is { } from && from > today && from <= within)
                    .Select(c => c.Project.Id).ToList();
                return projects.Where(p => ids.Contains(p.Id));
            }
            default:
                return projects;
        }
    }

    public string NeedLink(string code) => "/admin?behov=" + code;

    /// <summary>The list sorted by a column: the other order when it is already sorted by it.</summary>
    public string SortLink(string column)
    {
        var descending = column == Sort ? !Descending : column == "andrad";
        return Link(new() { ["sortera"] = column == "andrad" ? null : column, ["ordning"] = descending == (column == "andrad") ? null : descending ? "fallande" : "stigande" });
    }

    /// <summary>"stigande" / "fallande" for the column the list is sorted by (aria-sort), null for the others.</summary>
    public string? AriaSort(string column) => column != Sort ? null : Descending ? "descending" : "ascending";

    public string PageLink(int page) => Link(new()
    {
        ["sortera"] = SortText, ["ordning"] = OrderText, ["sida"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private string Link(Dictionary<string, string?> values)
    {
        var all = new Dictionary<string, string?> { ["q"] = Query, ["status"] = StatusSlug, ["kommun"] = Municipality, ["behov"] = NeedCode };
        foreach (var (k, v) in values) all[k] = v;
        return "/admin" + QueryString.Create(all.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
