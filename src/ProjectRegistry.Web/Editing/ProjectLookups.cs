using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin.Projects;

/// <summary>The choices the project form offers and checks against, loaded once per request.</summary>
public sealed class FormLookups
{
    private readonly Dictionary<string, Municipality> _municipalitiesByKey;
    private readonly RegistryDbContext _db;
    private readonly int _projectId;

    private FormLookups(
        Dictionary<int, string> organisations, Dictionary<int, string> publishers, List<Municipality> municipalities,
        List<GoalArea> goalAreas, RegistryDbContext db, int projectId)
    {
        Organisations = organisations;
        Publishers = publishers;
        GoalAreas = goalAreas;
        _db = db;
        _projectId = projectId;
        _municipalitiesByKey = new Dictionary<string, Municipality>(StringComparer.CurrentCultureIgnoreCase);
        foreach (var m in municipalities)
        {
            _municipalitiesByKey[m.Code] = m;
            _municipalitiesByKey[m.Name] = m;
            _municipalitiesByKey[$"{m.Name} kommun"] = m;
        }
    }

    /// <summary>Every organisation (owners, partners, financiers), by id.</summary>
    public Dictionary<int, string> Organisations { get; }

    /// <summary>The publishing organisations this account may publish in.</summary>
    public Dictionary<int, string> Publishers { get; }

    public List<GoalArea> GoalAreas { get; }

    public static async Task<FormLookups> LoadAsync(RegistryDbContext db, StaffContext staff, int? projectId, CancellationToken ct = default)
    {
        var editable = await staff.EditableOrganisationIdsAsync();
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name, o.ListTitle }).ToListAsync(ct);
        var goalAreas = await db.GoalAreas.Include(g => g.DirectionGoals.OrderBy(d => d.Position))
            .OrderBy(g => g.Position).ToListAsync(ct);
        return new FormLookups(
            organisations.ToDictionary(o => o.Id, o => o.Name),
            organisations.Where(o => o.ListTitle != null && editable.Contains(o.Id)).ToDictionary(o => o.Id, o => o.Name),
            await db.Municipalities.ToListAsync(ct),
            goalAreas,
            db,
            projectId ?? 0);
    }

    /// <summary>Every organisation as a possible publisher: for the history of a change made outside a staff session (an import).</summary>
    public static async Task<FormLookups> LoadAllAsync(RegistryDbContext db, CancellationToken ct = default)
    {
        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.ListTitle }).ToListAsync(ct);
        var goalAreas = await db.GoalAreas.AsNoTracking().Include(g => g.DirectionGoals.OrderBy(d => d.Position))
            .OrderBy(g => g.Position).ToListAsync(ct);
        return new FormLookups(
            organisations.ToDictionary(o => o.Id, o => o.Name),
            organisations.Where(o => o.ListTitle != null).ToDictionary(o => o.Id, o => o.Name),
            await db.Municipalities.AsNoTracking().ToListAsync(ct),
            goalAreas,
            db,
            0);
    }

    /// <summary>Asked of the unique index's column directly (deleted projects too), not of a list of every slug.</summary>
    public bool SlugTaken(string slug) => _db.Projects.IgnoreQueryFilters().Any(p => p.Slug == slug && p.Id != _projectId);

    /// <summary>"Malå", "malå kommun" or "2418".</summary>
    public Municipality? FindMunicipality(string nameOrCode) => _municipalitiesByKey.GetValueOrDefault(nameOrCode.Trim());

    public List<GoalArea> GoalAreasOf(int publisherId) => GoalAreas.Where(g => g.OrganisationId == publisherId).ToList();
}
