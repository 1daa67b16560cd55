using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Pages.Shared;

namespace ProjectRegistry.Web.Pages.Projects;

public class IndexModel(RegistryDbContext db) : PageModel
{
    public ProjectFilter Filter { get; private set; } = new();
    public List<ProjectSummary> Projects { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + ProjectFilter.PageSize - 1) / ProjectFilter.PageSize);
    public List<string> Notes { get; } = [];

    public List<FacetValue<ProjectStatus>> StatusFacet { get; private set; } = [];
    public List<FacetValue<string>> MunicipalityFacet { get; private set; } = [];
    public List<FacetValue<string>> OrganisationFacet { get; private set; } = [];
    public List<FacetValue<string>> FinancierFacet { get; private set; } = [];
    public List<FacetValue<string>> GoalAreaFacet { get; private set; } = [];

    /// <summary>The total budgets of the matching projects, per currency (never SEK and EUR added together).</summary>
    public IReadOnlyList<Money> BudgetSums { get; private set; } = [];

    /// <summary>The organisations that finance most of the matching projects.</summary>
    public List<(string Slug, string Name, int Count)> TopFinanciers { get; private set; } = [];

    /// <summary>A heading for the view when it is one publisher's own list ("Beviljade projekt – Leader Polaris").</summary>
    public string Heading { get; private set; } = "Projekt";
    public string? Intro { get; private set; }

    public sealed record FacetValue<T>(T Value, string Label, int Count, bool Selected);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filter = ProjectFilter.Parse(Request.Query);
        Notes.AddRange(Filter.Notes);
        var published = db.PublicProjects.AsNoTracking();

        var filtered = Filter.Apply(published);
        Total = await filtered.CountAsync(ct);
        if (Filter.Page > PageCount)
        {
            Notes.Add($"Sidan {Filter.Page} finns inte, listan har {PageCount} {(PageCount == 1 ? "sida" : "sidor")}. Första sidan visas.");
            Filter = Filter with { Page = 1 };
        }
        Projects = await ProjectSummary.ListAsync(
            Filter.Order(filtered).Skip((Filter.Page - 1) * ProjectFilter.PageSize).Take(ProjectFilter.PageSize), ct);

        BudgetSums = MoneySums.PerCurrency((await filtered.Where(p => p.Budget != null)
                .GroupBy(p => p.Budget!.Currency)
                .Select(g => new { Currency = g.Key, Sum = g.Sum(p => p.Budget!.MinorUnits) })
                .ToListAsync(ct)).Select(x => (x.Currency, x.Sum)));
        TopFinanciers = (await db.Organisations.AsNoTracking()
                .Select(o => new { o.Slug, o.Name, Count = filtered.Count(p => p.Financiers.Any(f => f.OrganisationId == o.Id)) })
                .Where(x => x.Count > 0)
                .OrderByDescending(x => x.Count).ThenBy(x => x.Name).Take(3)
                .ToListAsync(ct))
            .Select(x => (x.Slug, x.Name, x.Count)).ToList();

        await LoadFacetsAsync(published, ct);
        await DescribeViewAsync(ct);
    }

    private async Task LoadFacetsAsync(IQueryable<Project> published, CancellationToken ct)
    {
        var byStatus = await Filter.Apply(published, ProjectFacet.Status)
            .GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        StatusFacet = ProjectStatuses.All
            .Select(s => new FacetValue<ProjectStatus>(s.Status, s.Label, byStatus.GetValueOrDefault(s.Status), Filter.Statuses.Contains(s.Status)))
            .Where(f => f.Count > 0 || f.Selected).ToList();

        var forMunicipality = Filter.Apply(published, ProjectFacet.Municipality);
        MunicipalityFacet = (await db.Municipalities.AsNoTracking()
                .Select(m => new { m.Code, m.Name, Count = forMunicipality.Count(p => p.Municipalities.Any(x => x.Code == m.Code)) })
                .Where(x => x.Count > 0 || Filter.Municipalities.Contains(x.Code))
                .OrderBy(x => x.Name).ToListAsync(ct))
            .Select(x => new FacetValue<string>(x.Code, x.Name, x.Count, Filter.Municipalities.Contains(x.Code))).ToList();

        var forOrganisation = Filter.Apply(published, ProjectFacet.Organisation);
        OrganisationFacet = (await db.Organisations.AsNoTracking()
                .Select(o => new { o.Slug, o.Name, Count = forOrganisation.Count(p => p.PublisherId == o.Id) })
                .Where(x => x.Count > 0 || x.Slug == Filter.Organisation)
                .OrderBy(x => x.Name).ToListAsync(ct))
            .Select(x => new FacetValue<string>(x.Slug, x.Name, x.Count, x.Slug == Filter.Organisation)).ToList();

        var forFinancier = Filter.Apply(published, ProjectFacet.Financier);
        FinancierFacet = (await db.Organisations.AsNoTracking()
                .Select(o => new { o.Slug, o.Name, Count = forFinancier.Count(p => p.Financiers.Any(f => f.OrganisationId == o.Id)) })
                .Where(x => x.Count > 0 || x.Slug == Filter.Financier)
                .OrderBy(x => x.Name).ToListAsync(ct))
            .Select(x => new FacetValue<string>(x.Slug, x.Name, x.Count, x.Slug == Filter.Financier)).ToList();

        // Goal areas are per publisher; the same name under two publishers is one choice in the filter.
        var forGoalArea = Filter.Apply(published, ProjectFacet.GoalArea);
        GoalAreaFacet = (await db.GoalAreas.AsNoTracking()
                .GroupBy(g => new { g.Slug, g.Name })
                .Select(g => new { g.Key.Slug, g.Key.Name, Count = forGoalArea.Count(p => p.GoalAreas.Any(x => x.Slug == g.Key.Slug)) })
                .Where(x => x.Count > 0 || x.Slug == Filter.GoalArea)
                .OrderBy(x => x.Name).ToListAsync(ct))
            .Select(x => new FacetValue<string>(x.Slug, x.Name, x.Count, x.Slug == Filter.GoalArea)).ToList();

        if (Filter.Organisation is not null && !OrganisationFacet.Any(f => f.Selected))
            Notes.Add($"Det finns ingen organisation med adressen ”{Filter.Organisation}”.");
        if (Filter.Financier is not null && !FinancierFacet.Any(f => f.Selected))
            Notes.Add($"Det finns ingen finansiär med adressen ”{Filter.Financier}”.");
        if (Filter.GoalArea is not null && !GoalAreaFacet.Any(f => f.Selected))
            Notes.Add($"Det finns inget målområde med adressen ”{Filter.GoalArea}”.");
        foreach (var code in Filter.Municipalities.Where(c => !MunicipalityFacet.Any(f => f.Value == c)))
            Notes.Add($"Det finns ingen kommun med kommunkod {code}.");
    }

    private async Task DescribeViewAsync(CancellationToken ct)
    {
        if (Filter.Organisation is null) return;
        var publisher = await db.Organisations.AsNoTracking()
            .Where(o => o.Slug == Filter.Organisation && o.ListTitle != null)
            .Select(o => new { o.Name, o.ListTitle, o.ListIntro })
            .FirstOrDefaultAsync(ct);
        if (publisher is null) return;
        Heading = $"{publisher.ListTitle} – {publisher.Name}";
        Intro = publisher.ListIntro;
    }

    public string LinkWith(ProjectFilter filter) => "/projekt" + filter.ToQueryString();

    public string Label(ProjectFacet facet, string value) => facet switch
    {
        ProjectFacet.Municipality => MunicipalityFacet.FirstOrDefault(f => f.Value == value)?.Label ?? value,
        ProjectFacet.Organisation => OrganisationFacet.FirstOrDefault(f => f.Value == value)?.Label ?? value,
        ProjectFacet.Financier => FinancierFacet.FirstOrDefault(f => f.Value == value)?.Label ?? value,
        ProjectFacet.GoalArea => GoalAreaFacet.FirstOrDefault(f => f.Value == value)?.Label ?? value,
        _ => value,
    };
}
