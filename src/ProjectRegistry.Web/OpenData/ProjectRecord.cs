using System.ComponentModel;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.OpenData;

/// <summary>
/// One project as open data: stable English field names, ISO dates at their precision, amounts with
/// currency codes. The JSON download, the feed and the CSV all read this one shape.
/// </summary>
public sealed record ProjectRecord(
    string Slug,
    string Url,
    string Title,
    string? ShortName,
    CodeLabel Status,
    OrganisationRef Publisher,
    OrganisationRef? Owner,
    string? Purpose,
    string? Goal,
    IReadOnlyList<string> SubGoals,
    IReadOnlyList<string> TargetGroups,
    string? Description,
    string? SteeringGroup,
    DateValue? Start,
    DateValue? End,
    MoneyValue? Budget,
    string? FinancingNote,
    IReadOnlyList<PartnerRecord> Partners,
    IReadOnlyList<FinancierRecord> Financiers,
    IReadOnlyList<FinancingRecord> Financing,
    IReadOnlyList<MunicipalityRef> Municipalities,
    IReadOnlyList<PlaceRecord> Places,
    IReadOnlyList<string> GoalAreas,
    IReadOnlyList<string> DirectionGoals,
    IReadOnlyList<ContactRecord> Contacts,
    IReadOnlyList<LinkRecord> Links,
    IReadOnlyList<IdentifierRecord> Identifiers,
    IReadOnlyList<StatusChangeRecord> StatusHistory,
    DateTime UpdatedAt,
    [property: Description("Planned (at decision) and achieved (final report) values for indicators of the publisher's strategy.")]
    IReadOnlyList<ResultRecord> Results,
    [property: Description("What the project achieved, in Markdown.")]
    string? ResultsText)
{
    /// <summary>The records of the public projects with these ids (a page the search index chose), in this order.</summary>
    public static async Task<List<ProjectRecord>> LoadAsync(RegistryDbContext db, IReadOnlyList<int> ids, string baseUrl, DateOnly today, CancellationToken ct = default)
    {
        var records = new List<ProjectRecord>(ids.Count);
        await foreach (var chunk in LoadChunksAsync(db, ids, baseUrl, today, ct)) records.AddRange(chunk);
        return records;
    }

    /// <summary>
    /// The records of the given public projects in the order of <paramref name="ids"/>, a chunk at a time, so
    /// that a download of every project holds one chunk in memory rather than all of them. A project that
    /// stopped being public after the ids were read is left out.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<ProjectRecord>> LoadChunksAsync(
        RegistryDbContext db, IReadOnlyList<int> ids, string baseUrl, DateOnly today,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var shared = new SharedRows();
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            var byId = await LoadProjectsAsync(db, chunk, shared, ct);
            yield return chunk.Where(byId.ContainsKey).Select(id => From(byId[id], baseUrl, today)).ToList();
        }
    }

    /// <summary>Enough projects per query that the round trips do not dominate, few enough that memory stays small.</summary>
    private const int ChunkSize = 500;

    /// <summary>
    /// The rows many projects point to (municipalities, goal areas, organisations), read once per download instead
    /// of once per project that names them. They grow with the country and its organisations, not with the
    /// projects: 290 municipalities, some hundred goals and 13,000 organisations at 100,000 projects.
    /// </summary>
    private sealed class SharedRows
    {
        public Dictionary<string, Municipality>? Municipalities;
        public Dictionary<int, GoalArea>? GoalAreas;
        public Dictionary<int, DirectionGoal>? DirectionGoals;
        public Dictionary<int, Indicator>? Indicators;
        public readonly Dictionary<int, Organisation> Organisations = [];
    }

    /// <summary>
    /// The public projects with these ids and everything <see cref="From"/> reads: one query per table, each
    /// keyed by the chunk's ids, stitched together here. EF's Include graph (a split query) cost 40 s for the full
    /// download at 100,000 projects: every collection query repeated the projects' filter and sort, and its
    /// shaper built a delegate per row (DynamicMethod.CreateDelegate was the largest single cost in the profile).
    /// </summary>
    private static async Task<Dictionary<int, Project>> LoadProjectsAsync(RegistryDbContext db, int[] ids, SharedRows shared, CancellationToken ct)
    {
        // One JSON parameter (SQLite) or array (PostgreSQL) rather than EF's default of one parameter per id:
        // with 500 ids, building and expanding those took seconds per chunk, far more than running the queries.
        var projects = await db.PublicProjects.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        if (projects.Count == 0) return projects;

        await AddRowsAsync(db.Set<ProjectPartner>(), ids, x => x.ProjectId, projects, (p, x) => p.Partners.Add(x), ct);
        await AddRowsAsync(db.Set<ProjectFinancier>(), ids, x => x.ProjectId, projects, (p, x) => p.Financiers.Add(x), ct);
        await AddRowsAsync(db.Set<ProjectContact>(), ids, x => x.ProjectId, projects, (p, x) => p.Contacts.Add(x), ct);
        await AddRowsAsync(db.Set<ProjectLink>(), ids, x => x.ProjectId, projects, (p, x) => p.Links.Add(x), ct);
        await AddRowsAsync(db.Set<ProjectIdentifier>(), ids, x => x.ProjectId, projects, (p, x) => p.Identifiers.Add(x), ct);
        await AddRowsAsync(db.Set<ProjectPlace>(), ids, x => x.ProjectId, projects, (p, x) => p.Places.Add(x), ct);
        await AddRowsAsync(db.Set<ProjectStatusChange>(), ids, x => x.ProjectId, projects, (p, x) => p.StatusHistory.Add(x), ct);
        await AddRowsAsync(db.Set<ProjectIndicatorValue>(), ids, x => x.ProjectId, projects, (p, x) => p.IndicatorValues.Add(x), ct);
        // The catalogues are small (some tens of indicators per publisher): read once per download.
        shared.Indicators ??= await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id, ct);
        foreach (var p in projects.Values)
            foreach (var v in p.IndicatorValues) v.Indicator = shared.Indicators[v.IndicatorId];

        // The link tables alone, keyed by the chunk's ids, and their targets from the shared rows: through the skip
        // navigations EF joins the Projects table as well, whose wide rows made these the slowest queries per chunk.
        shared.Municipalities ??= await db.Municipalities.AsNoTracking().ToDictionaryAsync(m => m.Code, ct);
        shared.GoalAreas ??= await db.GoalAreas.AsNoTracking().ToDictionaryAsync(g => g.Id, ct);
        if (shared.DirectionGoals is null)
        {
            shared.DirectionGoals = await db.DirectionGoals.AsNoTracking().ToDictionaryAsync(g => g.Id, ct);
            foreach (var g in shared.DirectionGoals.Values) g.GoalArea = shared.GoalAreas[g.GoalAreaId];
        }
        await foreach (var x in LinkRows(db, "ProjectMunicipality", ids).Select(j => new { Id = EF.Property<int>(j, "ProjectsId"), Code = EF.Property<string>(j, "MunicipalitiesCode") }).AsAsyncEnumerable().WithCancellation(ct))
            if (projects.TryGetValue(x.Id, out var p)) p.Municipalities.Add(shared.Municipalities[x.Code]);
        await foreach (var x in LinkRows(db, "ProjectGoalArea", ids).Select(j => new { Id = EF.Property<int>(j, "ProjectsId"), Goal = EF.Property<int>(j, "GoalAreasId") }).AsAsyncEnumerable().WithCancellation(ct))
            if (projects.TryGetValue(x.Id, out var p)) p.GoalAreas.Add(shared.GoalAreas[x.Goal]);
        await foreach (var x in LinkRows(db, "ProjectDirectionGoal", ids).Select(j => new { Id = EF.Property<int>(j, "ProjectsId"), Goal = EF.Property<int>(j, "DirectionGoalsId") }).AsAsyncEnumerable().WithCancellation(ct))
            if (projects.TryGetValue(x.Id, out var p)) p.DirectionGoals.Add(shared.DirectionGoals[x.Goal]);

        // The organisations the chunk names (publishers, owners, partners, financiers) that earlier chunks did not.
        var missing = projects.Values
            .SelectMany(p => p.Partners.Select(x => x.OrganisationId).Concat(p.Financiers.Select(x => x.OrganisationId)).Append(p.PublisherId))
            .Concat(projects.Values.Where(p => p.OwnerId is not null).Select(p => p.OwnerId!.Value))
            .Where(id => !shared.Organisations.ContainsKey(id)).Distinct().ToArray();
        if (missing.Length > 0)
        {
            // Only what OrganisationRef.From and the contact retention rule read: the whole rows (a publisher's list
            // intro, its hidden statuses as JSON) were 430 MB of allocations over a full download at 100,000 projects.
            var read = db.Organisations.Where(o => EF.Parameter(missing).Contains(o.Id)).Select(o => new Organisation
            {
                Id = o.Id, Slug = o.Slug, Name = o.Name, Kind = o.Kind, MunicipalityCode = o.MunicipalityCode,
                ContactRetentionMonths = o.ContactRetentionMonths,
            });
            await foreach (var o in read.AsAsyncEnumerable().WithCancellation(ct)) shared.Organisations[o.Id] = o;
        }
        var organisations = shared.Organisations;
        foreach (var p in projects.Values)
        {
            p.Publisher = organisations[p.PublisherId];
            p.Owner = p.OwnerId is { } owner ? organisations[owner] : null;
            foreach (var x in p.Partners) x.Organisation = organisations[x.OrganisationId];
            foreach (var x in p.Financiers) x.Organisation = organisations[x.OrganisationId];
        }
        return projects;
    }

    /// <summary>The rows of a many-to-many link table (see ProjectConfiguration) that belong to these projects.</summary>
    private static IQueryable<Dictionary<string, object>> LinkRows(RegistryDbContext db, string table, int[] ids) =>
        db.Set<Dictionary<string, object>>(table).Where(j => EF.Parameter(ids).Contains(EF.Property<int>(j, "ProjectsId")));

    /// <summary>
    /// The rows of one of the projects' own tables, in id order (the order the lists were entered in), added to
    /// their projects. Sorted by project first, which SQLite reads from the ProjectId index without sorting.
    /// </summary>
    private static async Task AddRowsAsync<T>(IQueryable<T> rows, int[] ids, Func<T, int> projectId, Dictionary<int, Project> projects, Action<Project, T> add, CancellationToken ct)
        where T : class
    {
        var query = rows.AsNoTracking()
            .Where(x => EF.Parameter(ids).Contains(EF.Property<int>(x, nameof(ProjectPartner.ProjectId))))
            .OrderBy(x => EF.Property<int>(x, nameof(ProjectPartner.ProjectId))).ThenBy(x => EF.Property<int>(x, nameof(ProjectPartner.Id)));
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(ct))
            if (projects.TryGetValue(projectId(row), out var p)) add(p, row);
    }

    public static ProjectRecord From(Project p, string baseUrl, DateOnly today)
    {
        var withdrawn = p.ContactDetailsWithdrawn(p.Publisher.ContactRetentionMonths, today);
        return new ProjectRecord(
            p.Slug,
            $"{baseUrl}/projekt/{p.Slug}",
            p.Title,
            p.ShortName,
            new CodeLabel(p.Status.Slug(), p.Status.Label()),
            OrganisationRef.From(p.Publisher),
            p.Owner is null ? null : OrganisationRef.From(p.Owner),
            p.Purpose,
            p.Goal,
            p.SubGoals,
            p.TargetGroups,
            p.Description,
            p.SteeringGroup,
            DateValue.From(p.Start),
            DateValue.From(p.End),
            MoneyValue.From(p.Budget),
            p.FinancingNote,
            p.Partners.OrderBy(x => x.Position).Select(x => new PartnerRecord(OrganisationRef.From(x.Organisation), MoneyValue.From(x.BudgetShare), x.Role)).ToList(),
            p.Financiers.OrderBy(x => x.Position).Select(x => new FinancierRecord(
                OrganisationRef.From(x.Organisation), x.Contribution.Code(), MoneyValue.From(x.Amount), x.Hours, MoneyValue.From(x.HourlyRate),
                x.AccountingReference, x.Note)).ToList(),
            FinancingByKind.Of(p.Financiers).Select(FinancingRecord.From).ToList(),
            p.Municipalities.OrderBy(m => m.Name, StringComparer.CurrentCulture).Select(m => new MunicipalityRef(m.Code, m.Name)).ToList(),
            p.Places.OrderBy(x => x.Id).Select(x => new PlaceRecord(x.Name, x.Latitude, x.Longitude)).ToList(),
            p.GoalAreas.OrderBy(g => g.Position).Select(g => g.Name).ToList(),
            p.DirectionGoals.OrderBy(g => g.GoalArea.Position).ThenBy(g => g.Position).Select(g => g.Name).ToList(),
            p.Contacts.OrderBy(x => x.Position).Where(c => !withdrawn || c.IsRoleMailbox)
                .Select(c => new ContactRecord(c.Name, c.Role, c.Organisation, c.Phone, c.Email, c.IsRoleMailbox)).ToList(),
            p.Links.OrderBy(x => x.Position).Select(l => new LinkRecord(LinkKinds.All.First(k => k.Kind == l.Kind).Code, l.Text, l.Url)).ToList(),
            p.Identifiers.Select(i => new IdentifierRecord(ExternalRegistries.All.First(r => r.Registry == i.Registry).Code, i.Value)).ToList(),
            p.StatusHistory.OrderBy(h => h.Id).Select(h => new StatusChangeRecord(h.Status.Slug(), h.EffectiveOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).ToList(),
            DateTime.SpecifyKind(p.UpdatedAt, DateTimeKind.Utc),
            p.IndicatorValues.OrderBy(x => x.Position).Select(ResultRecord.From).ToList(),
            p.Results);
    }
}

public sealed record CodeLabel(string Code, string Label);

public sealed record OrganisationRef(string Slug, string Name, string Kind, string? MunicipalityCode)
{
    public static OrganisationRef From(Organisation o) =>
        new(o.Slug, o.Name, OrganisationKinds.All.First(k => k.Kind == o.Kind).Code, o.MunicipalityCode);
}

public sealed record MunicipalityRef(string Code, string Name);

/// <summary>A village or place; latitude and longitude in WGS84 decimal degrees where staff have given them.</summary>
public sealed record PlaceRecord(string Name, double? Latitude, double? Longitude);

/// <summary>An ISO 8601 date at the precision the source gave: "2019", "2020-09", "2018-09-01".</summary>
public sealed record DateValue(string Value, string Precision)
{
    public static DateValue? From(PartialDate? d) => d is null ? null : new(d.ToIsoString(), d.Precision.ToString().ToLowerInvariant());
}

/// <summary>An amount as a decimal number and its ISO 4217 currency code.</summary>
public sealed record MoneyValue(decimal Amount, string Currency)
{
    public static MoneyValue? From(Money? m) => m is null ? null : new(m.Amount, m.Currency);
}

public sealed record PartnerRecord(OrganisationRef Organisation, MoneyValue? BudgetShare, string? Role);

/// <param name="Contribution">stod, offentlig, privat, ideell-tid or ideell-resurs.</param>
/// <param name="Hours">Volunteer time: the hours; the amount is then hours × the hourly rate.</param>
public sealed record FinancierRecord(
    OrganisationRef Organisation, string Contribution, MoneyValue? Amount, decimal? Hours, MoneyValue? HourlyRate, string? AccountingReference, string? Note);

/// <summary>
/// The project's financing in one currency as a Leader office states it: the grant, public and private co-financing
/// (the private part with its cash, volunteer time and donated resources), the total and the grant's share of it
/// (0–1). Sums of the amounts that are stated; currencies are never added together.
/// </summary>
public sealed record FinancingRecord(
    string Currency, decimal Grant, decimal PublicCofinancing, decimal PrivateCofinancing, decimal PrivateCash,
    decimal VolunteerTime, decimal VolunteerHours, decimal DonatedResources, decimal Total, decimal? SupportRate)
{
    public static FinancingRecord From(FinancingByKind f) => new(
        f.Currency, f.Grant / 100m, f.Public / 100m, f.Private / 100m, f.PrivateCash / 100m, f.VolunteerTime / 100m, f.VolunteerHours,
        f.DonatedResources / 100m, f.Total / 100m, f.SupportRate is { } rate ? decimal.Round(rate, 4) : null);
}

public sealed record ContactRecord(string? Name, string? Role, string? Organisation, string? Phone, string? Email, bool IsRoleMailbox);

public sealed record LinkRecord(string Kind, string Text, string? Url);

public sealed record IdentifierRecord(string Registry, string Value);

public sealed record StatusChangeRecord(string Status, string? EffectiveOn);

/// <summary>One indicator's values for a project; values are decimal numbers with at most two decimals.</summary>
public sealed record ResultRecord(
    [property: Description("The indicator's name in the publisher's catalogue.")] string Indicator,
    [property: Description("The EU result indicator's code in the CAP plan (e.g. R.37), or null for a local indicator.")] string? EuCode,
    [property: Description("What is counted, e.g. jobs, businesses, people.")] string? Unit,
    [property: Description("The value planned when the grant was decided.")] decimal? Planned,
    [property: Description("The value achieved according to the final report.")] decimal? Achieved)
{
    public static ResultRecord From(ProjectIndicatorValue v) => new(
        v.Indicator.Name, v.Indicator.EuCode, v.Indicator.Unit,
        v.Planned is { } p ? IndicatorValues.ToDecimal(p) : null,
        v.Achieved is { } a ? IndicatorValues.ToDecimal(a) : null);
}
