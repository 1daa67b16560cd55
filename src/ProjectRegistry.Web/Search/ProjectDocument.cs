using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Listing;

namespace ProjectRegistry.Web.Search;

/// <summary>
/// What the index knows of one public project: the fields a filter matches on (not stored), the sort keys as doc
/// values, the text (<see cref="TextFields"/>), and one binary doc value, <see cref="ProjectFacts"/>, from which the
/// counts and sums are taken (<see cref="SegmentColumns"/>). Read from the database, which stays the truth.
/// </summary>
public static class ProjectDocument
{
    public const string Id = "id";
    public const string Status = "status";
    public const string Publisher = "publisher";
    public const string Owner = "owner";
    public const string Partner = "partner";
    public const string Municipality = "kommun";
    public const string Financier = "financier";
    public const string FinancierKind = "financier-kind";
    public const string GoalArea = "goal-area";
    public const string Currency = "currency";
    public const string Budget = "budget";
    public const string ActiveYear = "year";
    public const string UpdatedSort = "updated";
    public const string TitleSort = "title-sort";
    public const string StartSort = "start";
    public const string IdSort = "id-sort";
    public const string Facts = "facts";
    public const string HasPlaces = "has-places";
    /// <summary>Stored: the project's row in a list (<see cref="ProjectSummary"/>).</summary>
    public const string Summary = "summary";

    private static readonly CompareInfo Swedish = CultureInfo.GetCultureInfo("sv-SE").CompareInfo;

    /// <summary>The projects' rows, with everything a document needs, for the ids given (public ones only).</summary>
    public static async Task<List<Document>> LoadAsync(RegistryDbContext db, IReadOnlyCollection<int> ids, int year, CancellationToken ct)
    {
        var projects = await db.PublicProjects.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new Row
            {
                Id = p.Id, Slug = p.Slug, Title = p.Title, ShortName = p.ShortName, Status = p.Status,
                Publisher = p.Publisher.Slug, PublisherName = p.Publisher.Name, Owner = p.Owner == null ? null : p.Owner.Slug, OwnerName = p.Owner == null ? null : p.Owner.Name,
                Purpose = p.Purpose, Goal = p.Goal, Description = p.Description, SubGoals = p.SubGoals, TargetGroups = p.TargetGroups,
                Start = p.Start, End = p.End, Budget = p.Budget, UpdatedAt = p.UpdatedAt,
                Places = p.Places.Count(x => x.Latitude != null && x.Longitude != null),
            })
            .ToListAsync(ct);
        if (projects.Count == 0) return [];
        var found = projects.Select(p => p.Id).ToList();
        var municipalities = (await db.Projects.AsNoTracking().Where(p => found.Contains(p.Id))
                .SelectMany(p => p.Municipalities, (p, m) => new { p.Id, m.Code, m.Name }).ToListAsync(ct))
            .ToLookup(x => x.Id, x => (x.Code, x.Name));
        var goalAreas = (await db.Projects.AsNoTracking().Where(p => found.Contains(p.Id))
                .SelectMany(p => p.GoalAreas, (p, g) => new { p.Id, g.Slug }).ToListAsync(ct))
            .ToLookup(x => x.Id, x => x.Slug);
        var financiers = (await db.ProjectFinanciers.AsNoTracking().Where(f => found.Contains(f.ProjectId))
                .OrderBy(f => f.Position)
                .Select(f => new { f.ProjectId, f.Organisation.Slug, f.Organisation.Kind, f.Contribution, f.Amount, f.Hours }).ToListAsync(ct))
            .ToLookup(x => x.ProjectId, x => new ProjectFacts.Financing(x.Slug, FinancierKinds.Of(x.Kind), x.Contribution, x.Amount?.Currency,
                x.Amount?.MinorUnits ?? 0, x.Hours is { } h ? (long)decimal.Round(h * 100) : 0));
        var partners = (await db.ProjectPartners.AsNoTracking().Where(x => found.Contains(x.ProjectId))
                .Select(x => new { x.ProjectId, x.Organisation.Slug }).ToListAsync(ct))
            .ToLookup(x => x.ProjectId, x => x.Slug);
        return projects.Select(p => Build(p, municipalities[p.Id].Distinct().ToList(), goalAreas[p.Id].Distinct().ToList(),
            financiers[p.Id].ToList(), partners[p.Id].Distinct().ToList(), year)).ToList();
    }

    /// <summary>The ids of every public project, in id order, for a rebuild.</summary>
    public static IAsyncEnumerable<int> AllIdsAsync(RegistryDbContext db) =>
        db.PublicProjects.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).AsAsyncEnumerable();

    /// <summary>The years a project is active in: start year to end year; without an end, to this year unless it has closed.</summary>
    public static IEnumerable<int> ActiveYears(PartialDate? start, PartialDate? end, ProjectStatus status, int thisYear)
    {
        if (start is null) return end is null ? [] : [end.Year];
        var last = end?.Year ?? (status is ProjectStatus.FinalReportSubmitted or ProjectStatus.Closed ? start.Year : Math.Max(start.Year, thisYear));
        // A typing error ("2109") must not make a project active in a century of years.
        last = Math.Min(last, start.Year + 50);
        return Enumerable.Range(start.Year, Math.Max(1, last - start.Year + 1));
    }

    internal sealed class Row
    {
        public int Id { get; init; }
        public required string Slug { get; init; }
        public required string Title { get; init; }
        public string? ShortName { get; init; }
        public ProjectStatus Status { get; init; }
        public required string Publisher { get; init; }
        public required string PublisherName { get; init; }
        public string? Owner { get; init; }
        public string? OwnerName { get; init; }
        public string? Purpose { get; init; }
        public string? Goal { get; init; }
        public string? Description { get; init; }
        public List<string> SubGoals { get; init; } = [];
        public List<string> TargetGroups { get; init; } = [];
        public PartialDate? Start { get; init; }
        public PartialDate? End { get; init; }
        public Money? Budget { get; init; }
        public DateTime UpdatedAt { get; init; }
        public int Places { get; init; }
    }

    private static Document Build(Row p, List<(string Code, string Name)> places, List<string> goalAreas, List<ProjectFacts.Financing> financiers, List<string> partners, int thisYear)
    {
        var municipalities = places.Select(m => m.Code).ToList();
        var summary = ProjectSummary.Of(p.Id, p.Slug, p.Title, p.Status, p.PublisherName, new Period(p.Start, p.End), p.Budget,
            places.Select(m => m.Name).ToList(), p.Purpose ?? p.Goal ?? p.Description, p.UpdatedAt);
        var doc = new Document
        {
            new StringField(Id, p.Id.ToString(CultureInfo.InvariantCulture), Field.Store.YES),
            new StoredField(Summary, summary.ToBytes()),
            new NumericDocValuesField(IdSort, p.Id),
            new StringField(Status, p.Status.Slug(), Field.Store.NO),
            new StringField(Publisher, p.Publisher, Field.Store.NO),
            new NumericDocValuesField(UpdatedSort, p.UpdatedAt.Ticks),
            new SortedDocValuesField(TitleSort, new BytesRef(Swedish.GetSortKey(p.Title, CompareOptions.IgnoreCase).KeyData)),
        };
        if (p.Places > 0) doc.Add(new StringField(HasPlaces, "1", Field.Store.NO));
        if (p.Owner is not null) doc.Add(new StringField(Owner, p.Owner, Field.Store.NO));
        foreach (var partner in partners) doc.Add(new StringField(Partner, partner, Field.Store.NO));
        foreach (var code in municipalities) doc.Add(new StringField(Municipality, code, Field.Store.NO));
        foreach (var slug in financiers.Select(f => f.Organisation).Distinct()) doc.Add(new StringField(Financier, slug, Field.Store.NO));
        foreach (var kind in financiers.Select(f => f.Kind).Distinct()) doc.Add(new StringField(FinancierKind, kind.Slug(), Field.Store.NO));
        foreach (var slug in goalAreas) doc.Add(new StringField(GoalArea, slug, Field.Store.NO));
        if (p.Budget is { } budget)
        {
            doc.Add(new StringField(Currency, budget.Currency, Field.Store.NO));
            doc.Add(new Int64Field(Budget, budget.MinorUnits, Field.Store.NO));
        }
        var years = ActiveYears(p.Start, p.End, p.Status, thisYear).ToList();
        foreach (var y in years) doc.Add(new Int32Field(ActiveYear, y, Field.Store.NO));
        if (p.Start is { } start) doc.Add(new NumericDocValuesField(StartSort, start.Earliest.DayNumber));

        TextFields.AddTo(doc, string.Join('\n', new[] { p.Title, p.ShortName }.Where(s => !string.IsNullOrWhiteSpace(s))),
            string.Join('\n', new[]
            {
                p.Purpose, p.Goal, p.Description, p.OwnerName, string.Join('\n', p.SubGoals), string.Join('\n', p.TargetGroups),
            }.Where(s => !string.IsNullOrWhiteSpace(s))));

        var facts = new ProjectFacts
        {
            Id = p.Id, Status = p.Status, Publisher = p.Publisher, Owner = p.Owner, StartYear = p.Start?.Year, Years = years,
            BudgetCurrency = p.Budget?.Currency, BudgetMinorUnits = p.Budget?.MinorUnits ?? 0, UpdatedTicks = p.UpdatedAt.Ticks,
            PlacesWithCoordinates = p.Places, Municipalities = municipalities, GoalAreas = goalAreas, Financiers = financiers, Partners = partners,
        };
        doc.Add(new BinaryDocValuesField(Facts, new BytesRef(facts.ToBytes())));
        return doc;
    }
}

/// <summary>
/// One project's facts as the counting reads them, in a compact binary form (a binary doc value): what is
/// counted and summed per status, municipality, organisation, goal area and year.
/// </summary>
public sealed class ProjectFacts
{
    /// <param name="HundredthHours">Volunteer hours × 100 (the form takes two decimals).</param>
    public sealed record Financing(string Organisation, FinancierKind Kind, Contribution Contribution, string? Currency, long MinorUnits, long HundredthHours);

    public int Id { get; init; }
    public ProjectStatus Status { get; init; }
    public required string Publisher { get; init; }
    public string? Owner { get; init; }
    public int? StartYear { get; init; }
    public IReadOnlyList<int> Years { get; init; } = [];
    public string? BudgetCurrency { get; init; }
    public long BudgetMinorUnits { get; init; }
    public long UpdatedTicks { get; init; }
    public int PlacesWithCoordinates { get; init; }
    public IReadOnlyList<string> Municipalities { get; init; } = [];
    public IReadOnlyList<string> GoalAreas { get; init; } = [];
    public IReadOnlyList<Financing> Financiers { get; init; } = [];
    public IReadOnlyList<string> Partners { get; init; } = [];

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(Id);
            w.Write((byte)Status);
            w.Write(Publisher);
            w.Write(Owner ?? "");
            w.Write(StartYear ?? 0);
            w.Write(Years.Count);
            foreach (var y in Years) w.Write(y);
            w.Write(BudgetCurrency ?? "");
            w.Write(BudgetMinorUnits);
            w.Write(UpdatedTicks);
            w.Write(PlacesWithCoordinates);
            Strings(w, Municipalities);
            Strings(w, GoalAreas);
            Strings(w, Partners);
            w.Write(Financiers.Count);
            foreach (var f in Financiers)
            {
                w.Write(f.Organisation);
                w.Write((byte)f.Kind);
                w.Write((byte)f.Contribution);
                w.Write(f.Currency ?? "");
                w.Write(f.MinorUnits);
                w.Write(f.HundredthHours);
            }
        }
        return stream.ToArray();
    }

    /// <summary>The facts <see cref="ToBytes"/> wrote; read straight from the bytes, as every segment's columns are decoded at start.</summary>
    public static ProjectFacts Read(BytesRef bytes)
    {
        var r = new FactsReader((byte[])(Array)bytes.Bytes, bytes.Offset);
        var id = r.Int32();
        var status = (ProjectStatus)r.Byte();
        var publisher = r.String();
        var owner = r.String();
        var start = r.Int32();
        var years = new int[r.Int32()];
        for (var i = 0; i < years.Length; i++) years[i] = r.Int32();
        var currency = r.String();
        var budget = r.Int64();
        var updated = r.Int64();
        var places = r.Int32();
        var municipalities = r.Strings();
        var goalAreas = r.Strings();
        var partners = r.Strings();
        var financiers = new Financing[r.Int32()];
        for (var i = 0; i < financiers.Length; i++)
        {
            var organisation = r.String();
            var kind = (FinancierKind)r.Byte();
            var contribution = (Contribution)r.Byte();
            var fc = r.String();
            var amount = r.Int64();
            financiers[i] = new Financing(organisation, kind, contribution, fc.Length == 0 ? null : fc, amount, r.Int64());
        }
        return new ProjectFacts
        {
            Id = id, Status = status, Publisher = publisher, Owner = owner.Length == 0 ? null : owner, StartYear = start == 0 ? null : start,
            Years = years, BudgetCurrency = currency.Length == 0 ? null : currency, BudgetMinorUnits = budget, UpdatedTicks = updated,
            PlacesWithCoordinates = places, Municipalities = municipalities, GoalAreas = goalAreas, Partners = partners, Financiers = financiers,
        };
    }

    /// <summary>Reads what a BinaryWriter wrote (little-endian numbers, strings with a 7-bit length prefix) without a stream per document.</summary>
    private ref struct FactsReader(byte[] bytes, int offset)
    {
        private int _at = offset;

        public byte Byte() => bytes[_at++];

        public int Int32()
        {
            var v = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(_at));
            _at += 4;
            return v;
        }

        public long Int64()
        {
            var v = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(_at));
            _at += 8;
            return v;
        }

        public string String()
        {
            int length = 0, shift = 0;
            byte b;
            do
            {
                b = bytes[_at++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            if (length == 0) return "";
            var s = System.Text.Encoding.UTF8.GetString(bytes, _at, length);
            _at += length;
            return s;
        }

        public string[] Strings()
        {
            var values = new string[Int32()];
            for (var i = 0; i < values.Length; i++) values[i] = String();
            return values;
        }
    }

    private static void Strings(BinaryWriter w, IReadOnlyList<string> values)
    {
        w.Write(values.Count);
        foreach (var v in values) w.Write(v);
    }

}
