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
    IReadOnlyList<MunicipalityRef> Municipalities,
    IReadOnlyList<PlaceRecord> Places,
    IReadOnlyList<string> GoalAreas,
    IReadOnlyList<string> DirectionGoals,
    IReadOnlyList<ContactRecord> Contacts,
    IReadOnlyList<LinkRecord> Links,
    IReadOnlyList<IdentifierRecord> Identifiers,
    IReadOnlyList<StatusChangeRecord> StatusHistory,
    DateTime UpdatedAt)
{
    /// <summary>Loads the records of a (filtered, ordered) query of public projects, applying the contact retention rule.</summary>
    public static async Task<List<ProjectRecord>> LoadAsync(IQueryable<Project> projects, string baseUrl, DateOnly today, CancellationToken ct = default) =>
        (await WithEverything(projects).ToListAsync(ct)).Select(p => From(p, baseUrl, today)).ToList();

    /// <summary>The records of the public projects with these ids (a page the search index chose), in this order.</summary>
    public static async Task<List<ProjectRecord>> LoadAsync(RegistryDbContext db, IReadOnlyList<int> ids, string baseUrl, DateOnly today, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        var byId = await WithEverything(db.PublicProjects.Where(p => ids.Contains(p.Id))).ToDictionaryAsync(p => p.Id, ct);
        return ids.Where(byId.ContainsKey).Select(id => From(byId[id], baseUrl, today)).ToList();
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
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            // One JSON parameter rather than EF's default of one parameter per id: with 500 ids in each of the
            // split queries, building and expanding those took seconds per chunk, far more than running them.
            var byId = await WithEverything(db.PublicProjects.Where(p => EF.Parameter(chunk).Contains(p.Id))).ToDictionaryAsync(p => p.Id, ct);
            yield return chunk.Where(byId.ContainsKey).Select(id => From(byId[id], baseUrl, today)).ToList();
        }
    }

    /// <summary>Enough projects per query that the round trips do not dominate, few enough that memory stays small.</summary>
    private const int ChunkSize = 500;

    private static IQueryable<Project> WithEverything(IQueryable<Project> projects) => projects.AsNoTracking().AsSplitQuery()
        .Include(p => p.Publisher).Include(p => p.Owner)
        .Include(p => p.Partners).ThenInclude(x => x.Organisation)
        .Include(p => p.Financiers).ThenInclude(x => x.Organisation)
        .Include(p => p.Contacts).Include(p => p.Links).Include(p => p.Identifiers).Include(p => p.Places)
        .Include(p => p.StatusHistory).Include(p => p.Municipalities)
        .Include(p => p.GoalAreas).Include(p => p.DirectionGoals).ThenInclude(g => g.GoalArea);

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
            p.Financiers.OrderBy(x => x.Position).Select(x => new FinancierRecord(OrganisationRef.From(x.Organisation), MoneyValue.From(x.Amount), x.AccountingReference, x.Note)).ToList(),
            p.Municipalities.OrderBy(m => m.Name, StringComparer.CurrentCulture).Select(m => new MunicipalityRef(m.Code, m.Name)).ToList(),
            p.Places.OrderBy(x => x.Id).Select(x => new PlaceRecord(x.Name, x.Latitude, x.Longitude)).ToList(),
            p.GoalAreas.OrderBy(g => g.Position).Select(g => g.Name).ToList(),
            p.DirectionGoals.OrderBy(g => g.GoalArea.Position).ThenBy(g => g.Position).Select(g => g.Name).ToList(),
            p.Contacts.OrderBy(x => x.Position).Where(c => !withdrawn || c.IsRoleMailbox)
                .Select(c => new ContactRecord(c.Name, c.Role, c.Organisation, c.Phone, c.Email, c.IsRoleMailbox)).ToList(),
            p.Links.OrderBy(x => x.Position).Select(l => new LinkRecord(LinkKinds.All.First(k => k.Kind == l.Kind).Code, l.Text, l.Url)).ToList(),
            p.Identifiers.Select(i => new IdentifierRecord(ExternalRegistries.All.First(r => r.Registry == i.Registry).Code, i.Value)).ToList(),
            p.StatusHistory.OrderBy(h => h.Id).Select(h => new StatusChangeRecord(h.Status.Slug(), h.EffectiveOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).ToList(),
            DateTime.SpecifyKind(p.UpdatedAt, DateTimeKind.Utc));
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

public sealed record FinancierRecord(OrganisationRef Organisation, MoneyValue? Amount, string? AccountingReference, string? Note);

public sealed record ContactRecord(string? Name, string? Role, string? Organisation, string? Phone, string? Email, bool IsRoleMailbox);

public sealed record LinkRecord(string Kind, string Text, string? Url);

public sealed record IdentifierRecord(string Registry, string Value);

public sealed record StatusChangeRecord(string Status, string? EffectiveOn);
