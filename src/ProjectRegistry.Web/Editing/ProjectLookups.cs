using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Editing;

/// <summary>
/// The choices a project's input is checked against (organisations, publishers, municipalities, goal areas),
/// loaded once per request, or once per import.
/// </summary>
public sealed class ProjectLookups
{
    private readonly RegistryDbContext _db;
    private readonly int _projectId;

    private ProjectLookups(
        Dictionary<int, string> organisations, Dictionary<int, string> publishers, List<Municipality> municipalities,
        List<GoalArea> goalAreas, List<Indicator> indicators, RegistryDbContext db, int projectId)
    {
        Indicators = indicators;
        Organisations = organisations;
        Publishers = publishers;
        Municipalities = municipalities;
        GoalAreas = goalAreas;
        _db = db;
        _projectId = projectId;
    }

    /// <summary>Every organisation (owners, partners, financiers), by id.</summary>
    public Dictionary<int, string> Organisations { get; }

    /// <summary>The publishing organisations this account may publish in.</summary>
    public Dictionary<int, string> Publishers { get; }

    public List<Municipality> Municipalities { get; }

    public List<GoalArea> GoalAreas { get; }

    /// <summary>Every publisher's indicator catalogue, untracked: a project's values name an indicator by id.</summary>
    public List<Indicator> Indicators { get; }

    public static async Task<ProjectLookups> LoadAsync(RegistryDbContext db, StaffContext staff, int? projectId, CancellationToken ct = default)
    {
        var editable = await staff.EditableOrganisationIdsAsync();
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name, o.ListTitle }).ToListAsync(ct);
        var goalAreas = await db.GoalAreas.Include(g => g.DirectionGoals.OrderBy(d => d.Position))
            .OrderBy(g => g.Position).ToListAsync(ct);
        return new ProjectLookups(
            organisations.ToDictionary(o => o.Id, o => o.Name),
            organisations.Where(o => o.ListTitle != null && editable.Contains(o.Id)).ToDictionary(o => o.Id, o => o.Name),
            await db.Municipalities.ToListAsync(ct),
            goalAreas,
            await LoadIndicatorsAsync(db, ct),
            db,
            projectId ?? 0);
    }

    /// <summary>
    /// Every organisation as a possible publisher, for a change made outside a staff session (an import). The
    /// municipalities and goal areas are tracked, as the form's are, so that a project the input is applied to
    /// links to them rather than inserting copies.
    /// </summary>
    public static async Task<ProjectLookups> LoadAllAsync(RegistryDbContext db, CancellationToken ct = default)
    {
        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.ListTitle }).ToListAsync(ct);
        var goalAreas = await db.GoalAreas.Include(g => g.DirectionGoals.OrderBy(d => d.Position))
            .OrderBy(g => g.Position).ToListAsync(ct);
        return new ProjectLookups(
            organisations.ToDictionary(o => o.Id, o => o.Name),
            organisations.Where(o => o.ListTitle != null).ToDictionary(o => o.Id, o => o.Name),
            await db.Municipalities.ToListAsync(ct),
            goalAreas,
            await LoadIndicatorsAsync(db, ct),
            db,
            0);
    }

    /// <summary>The lookups for checking a project other than the one they were loaded for (the next file of an import).</summary>
    public ProjectLookups For(int projectId) => new(Organisations, Publishers, Municipalities, GoalAreas, Indicators, _db, projectId);

    /// <summary>Asked of the unique index's column directly (deleted projects too), not of a list of every slug.</summary>
    public bool SlugTaken(string slug) => _db.Projects.IgnoreQueryFilters().Any(p => p.Slug == slug && p.Id != _projectId);

    public List<GoalArea> GoalAreasOf(int publisherId) => GoalAreas.Where(g => g.OrganisationId == publisherId).ToList();

    public List<Indicator> IndicatorsOf(int publisherId) => Indicators.Where(i => i.OrganisationId == publisherId).ToList();

    private static Task<List<Indicator>> LoadIndicatorsAsync(RegistryDbContext db, CancellationToken ct) =>
        db.Indicators.AsNoTracking().OrderBy(i => i.Position).ThenBy(i => i.Id).ToListAsync(ct);
}
