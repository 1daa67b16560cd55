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

    /// <summary>What the checks need of an organisation: its name, kind, whether it publishes, and its volunteer hour rate.</summary>
    private sealed record Choice(int Id, string Name, OrganisationKind Kind, bool IsPublisher, long? RateMinorUnits, string? RateCurrency);

    private ProjectLookups(
        Dictionary<int, string> organisations, Dictionary<int, string> publishers, Dictionary<int, OrganisationKind> kinds,
        Dictionary<int, Money> rates, List<Municipality> municipalities, List<GoalArea> goalAreas, List<Indicator> indicators,
        RegistryDbContext db, int projectId)
    {
        Indicators = indicators;
        Organisations = organisations;
        Publishers = publishers;
        OrganisationKinds = kinds;
        VolunteerRates = rates;
        Municipalities = municipalities;
        GoalAreas = goalAreas;
        _db = db;
        _projectId = projectId;
    }

    private ProjectLookups(
        List<Choice> organisations, Func<Choice, bool> mayPublish, List<Municipality> municipalities, List<GoalArea> goalAreas,
        List<Indicator> indicators, RegistryDbContext db, int projectId)
        : this(
            organisations.ToDictionary(o => o.Id, o => o.Name),
            organisations.Where(o => o.IsPublisher && mayPublish(o)).ToDictionary(o => o.Id, o => o.Name),
            organisations.ToDictionary(o => o.Id, o => o.Kind),
            organisations.Where(o => o.RateMinorUnits is not null && o.RateCurrency is not null)
                .ToDictionary(o => o.Id, o => new Money(o.RateMinorUnits!.Value, o.RateCurrency!)),
            municipalities, goalAreas, indicators, db, projectId)
    {
    }

    /// <summary>Every organisation (owners, partners, financiers), by id.</summary>
    public Dictionary<int, string> Organisations { get; }

    /// <summary>The publishing organisations this account may publish in.</summary>
    public Dictionary<int, string> Publishers { get; }

    /// <summary>Every organisation's kind, for the kind of contribution a financier's row has when none is chosen.</summary>
    public Dictionary<int, OrganisationKind> OrganisationKinds { get; }

    /// <summary>The publishers' rates for an hour of volunteer time, where they have set one.</summary>
    public Dictionary<int, Money> VolunteerRates { get; }

    public List<Municipality> Municipalities { get; }

    public List<GoalArea> GoalAreas { get; }

    /// <summary>Every publisher's indicator catalogue, untracked: a project's values name an indicator by id.</summary>
    public List<Indicator> Indicators { get; }

    private static Task<List<Choice>> ChoicesAsync(RegistryDbContext db, CancellationToken ct) =>
        db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new Choice(o.Id, o.Name, o.Kind, o.ListTitle != null,
                o.VolunteerHourRate == null ? null : o.VolunteerHourRate.MinorUnits, o.VolunteerHourRate == null ? null : o.VolunteerHourRate.Currency))
            .ToListAsync(ct);

    public static async Task<ProjectLookups> LoadAsync(RegistryDbContext db, StaffContext staff, int? projectId, CancellationToken ct = default)
    {
        var editable = await staff.EditableOrganisationIdsAsync();
        var goalAreas = await db.GoalAreas.Include(g => g.DirectionGoals.OrderBy(d => d.Position))
            .OrderBy(g => g.Position).ToListAsync(ct);
        return new ProjectLookups(await ChoicesAsync(db, ct), o => editable.Contains(o.Id), await db.Municipalities.ToListAsync(ct), goalAreas, await LoadIndicatorsAsync(db, ct), db, projectId ?? 0);
    }

    /// <summary>
    /// Every organisation as a possible publisher, for a change made outside a staff session (an import). The
    /// municipalities and goal areas are tracked, as the form's are, so that a project the input is applied to
    /// links to them rather than inserting copies.
    /// </summary>
    public static async Task<ProjectLookups> LoadAllAsync(RegistryDbContext db, CancellationToken ct = default)
    {
        var goalAreas = await db.GoalAreas.Include(g => g.DirectionGoals.OrderBy(d => d.Position))
            .OrderBy(g => g.Position).ToListAsync(ct);
        return new ProjectLookups(await ChoicesAsync(db, ct), _ => true, await db.Municipalities.ToListAsync(ct), goalAreas, await LoadIndicatorsAsync(db, ct), db, 0);
    }

    /// <summary>The lookups for checking a project other than the one they were loaded for (the next file of an import).</summary>
    public ProjectLookups For(int projectId) => new(Organisations, Publishers, OrganisationKinds, VolunteerRates, Municipalities, GoalAreas, Indicators, _db, projectId);

    /// <summary>Asked of the unique index's column directly (deleted projects too), not of a list of every slug.</summary>
    public bool SlugTaken(string slug) => _db.Projects.IgnoreQueryFilters().Any(p => p.Slug == slug && p.Id != _projectId);

    public List<GoalArea> GoalAreasOf(int publisherId) => GoalAreas.Where(g => g.OrganisationId == publisherId).ToList();

    public List<Indicator> IndicatorsOf(int publisherId) => Indicators.Where(i => i.OrganisationId == publisherId).ToList();

    private static Task<List<Indicator>> LoadIndicatorsAsync(RegistryDbContext db, CancellationToken ct) =>
        db.Indicators.AsNoTracking().OrderBy(i => i.Position).ThenBy(i => i.Id).ToListAsync(ct);
}
