using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Web.Domain;

[PublicData]
public class Project
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }

    /// <summary>The name it goes by ("OMG", "NiMR"), if it has one.</summary>
    public string? ShortName { get; set; }
    public ProjectStatus Status { get; set; }

    /// <summary>The LAG or municipality on whose list the project is published.</summary>
    public int PublisherId { get; set; }
    public Organisation Publisher { get; set; } = null!;

    /// <summary>Projektägare / huvudman.</summary>
    public int? OwnerId { get; set; }
    public Organisation? Owner { get; set; }

    public string? SteeringGroup { get; set; }
    public string? Purpose { get; set; }
    public string? Goal { get; set; }
    public List<string> SubGoals { get; set; } = [];
    public List<string> TargetGroups { get; set; } = [];

    /// <summary>Markdown; rendered with raw HTML off and sanitised.</summary>
    public string? Description { get; set; }

    public PartialDate? Start { get; set; }
    public PartialDate? End { get; set; }
    public Period Period => new(Start, End);

    public Money? Budget { get; set; }

    /// <summary>What the source says about the financing that fits no field.</summary>
    public string? FinancingNote { get; set; }

    public List<ProjectPartner> Partners { get; set; } = [];
    public List<ProjectFinancier> Financiers { get; set; } = [];
    public List<ProjectContact> Contacts { get; set; } = [];
    public List<ProjectLink> Links { get; set; } = [];
    public List<ProjectIdentifier> Identifiers { get; set; } = [];
    public List<ProjectPlace> Places { get; set; } = [];
    public List<ProjectStatusChange> StatusHistory { get; set; } = [];
    public List<Municipality> Municipalities { get; set; } = [];
    public List<GoalArea> GoalAreas { get; set; } = [];
    public List<DirectionGoal> DirectionGoals { get; set; } = [];

    /// <summary>Uploaded documents and pictures, removed ones included (see <see cref="ProjectFile.RemovedAt"/>).</summary>
    public List<ProjectFile> Files { get; set; } = [];

    /// <summary>Planned and achieved values for the publisher's indicators.</summary>
    public List<ProjectIndicatorValue> IndicatorValues { get; set; } = [];

    /// <summary>What the project achieved, in a few sentences; Markdown, rendered as the description is.</summary>
    public string? Results { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>A draft (not published) is seen only by staff.</summary>
    public bool IsPublished { get; set; }

    /// <summary>Soft delete: set when staff delete the project; an admin can undo it.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>Raised on every save; a save based on an older version is refused (optimistic concurrency).</summary>
    public int Version { get; set; }

    public bool IsClosed => Status is ProjectStatus.FinalReportSubmitted or ProjectStatus.Closed;

    /// <summary>The day the project closed: when it took a closing status, else the end of its period.</summary>
    public DateOnly? ClosedOn() => !IsClosed ? null
        : StatusHistory.LastOrDefault(h => h.Status is ProjectStatus.FinalReportSubmitted or ProjectStatus.Closed && h.EffectiveOn is not null)?.EffectiveOn
          ?? End?.Latest;

    /// <summary>
    /// True when the publisher's retention period for contact people has run out: their names, phones and
    /// e-mails then leave the public page (role mailboxes stay).
    /// </summary>
    public bool ContactDetailsWithdrawn(int? retentionMonths, DateOnly today) =>
        ContactDetailsWithdrawnFrom(retentionMonths) is { } from && from <= today;

    /// <summary>
    /// The first day the contact people's details are off the public page: the day after the retention period that
    /// follows closing. Null while the project is open or the publisher keeps them.
    /// </summary>
    public DateOnly? ContactDetailsWithdrawnFrom(int? retentionMonths) =>
        retentionMonths is { } months && ClosedOn() is { } closed ? closed.AddMonths(months).AddDays(1) : null;

    /// <summary>
    /// Lower-cased, accent-folded text of the searchable fields, kept by the DbContext on every save so
    /// that "gallivare" and "Gällivare" find the same projects.
    /// </summary>
    public string SearchText { get; set; } = "";
}

/// <summary>An organisation carrying out the project with the owner, with its share of the budget.</summary>
[PublicData]
public class ProjectPartner
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public string? Role { get; set; }
    public Money? BudgetShare { get; set; }
    public int Position { get; set; }
}

/// <summary>
/// A co-financier and its part, where known. A municipality's own contribution is one of these, with
/// its accounting reference ("verksamhet 227, projekt 5780").
/// </summary>
[PublicData]
public class ProjectFinancier
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    /// <summary>For volunteer time, the value of the hours: <see cref="Hours"/> × <see cref="HourlyRate"/>.</summary>
    public Money? Amount { get; set; }
    public string? AccountingReference { get; set; }
    public string? Note { get; set; }
    public int Position { get; set; }

    /// <summary>What the row is in the financing plan: the grant, public co-financing, or a private contribution.</summary>
    public Contribution Contribution { get; set; } = Contribution.PublicCofinancing;

    /// <summary>Volunteer time only: the hours given (two decimals at most).</summary>
    public decimal? Hours { get; set; }

    /// <summary>Volunteer time only: what an hour is valued at, from the publisher's rate unless the row says otherwise.</summary>
    public Money? HourlyRate { get; set; }
}

[PublicData]
public class ProjectContact
{
    public int Id { get; set; }
    public int ProjectId { get; set; }

    /// <summary>A shared mailbox for a role (not a person): not personal data, so never hidden after closing.</summary>
    public bool IsRoleMailbox { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? Organisation { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public int Position { get; set; }
}

[PublicData]
public class ProjectLink
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public LinkKind Kind { get; set; }
    public required string Text { get; set; }

    /// <summary>Empty where the source names a link but not its address.</summary>
    public string? Url { get; set; }
    public int Position { get; set; }
}

public enum LinkKind
{
    ReadMore = 0,
    FinalReport = 1,
    Website = 2,
    Attachment = 3,
    Video = 4,
    Registration = 5,
}

public static class LinkKinds
{
    public sealed record Info(LinkKind Kind, string Code, string Label);

    public static readonly IReadOnlyList<Info> All =
    [
        new(LinkKind.ReadMore, "las-mer", "Läs mer"),
        new(LinkKind.FinalReport, "slutrapport", "Slutrapport"),
        new(LinkKind.Website, "webbplats", "Webbplats"),
        new(LinkKind.Attachment, "bilaga", "Bilaga"),
        new(LinkKind.Video, "film", "Film"),
        new(LinkKind.Registration, "anmalan", "Anmälan"),
    ];

    public static string Label(this LinkKind kind) => All.First(k => k.Kind == kind).Label;
}

/// <summary>The project's id in another registry (Jordbruksverket's case number, Tillväxtverket, Kohesio).</summary>
[PublicData]
public class ProjectIdentifier
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public ExternalRegistry Registry { get; set; }
    public required string Value { get; set; }
}

public enum ExternalRegistry
{
    Other = 0,
    Jordbruksverket = 1,
    Tillvaxtverket = 2,
    Kohesio = 3,
}

public static class ExternalRegistries
{
    public sealed record Info(ExternalRegistry Registry, string Code, string Label);

    public static readonly IReadOnlyList<Info> All =
    [
        new(ExternalRegistry.Jordbruksverket, "jordbruksverket", "Jordbruksverkets ärendenummer"),
        new(ExternalRegistry.Tillvaxtverket, "tillvaxtverket", "Tillväxtverkets projekt-id"),
        new(ExternalRegistry.Kohesio, "kohesio", "Kohesio"),
        new(ExternalRegistry.Other, "annat", "Annat register"),
    ];

    public static string Label(this ExternalRegistry registry) => All.First(k => k.Registry == registry).Label;
}

/// <summary>A village or place the project names; coordinates where known.</summary>
/// <summary>
/// A village or place the project works in. With coordinates (WGS84) it is drawn on the map; staff and the
/// seed files write it as one line, "Vuollerim; 66,43; 20,61", the coordinates optional.
/// </summary>
[PublicData]
public class ProjectPlace
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string Name { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>Sweden's extent with a margin: a point outside it is a typing error (swapped or missing digits).</summary>
    public const double MinLatitude = 55.0, MaxLatitude = 69.2, MinLongitude = 10.5, MaxLongitude = 24.3;

    public bool HasCoordinates => Latitude is not null && Longitude is not null;

    /// <summary>The line form: "Vuollerim" or "Vuollerim; 66,43; 20,61" (Swedish decimal comma).</summary>
    public override string ToString() => HasCoordinates
        ? string.Create(Swedish, $"{Name}; {Latitude}; {Longitude}")
        : Name;

    /// <summary>Reads the line form; decimal point or comma. False with a Swedish reason when the line is not a place.</summary>
    public static bool TryParse(string? line, out ProjectPlace? place, out string? error)
    {
        place = null;
        error = null;
        var parts = (line ?? "").Split(';', StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0)
        {
            error = "Orten saknar namn.";
            return false;
        }
        if (parts.Length == 1)
        {
            place = new ProjectPlace { Name = parts[0] };
            return true;
        }
        if (parts.Length != 3 || !TryCoordinate(parts[1], out var lat) || !TryCoordinate(parts[2], out var lon))
        {
            error = $"”{parts[0]}”: skriv koordinaterna som latitud och longitud i decimalgrader efter namnet, till exempel ”Vuollerim; 66,43; 20,61”.";
            return false;
        }
        if (lat is < MinLatitude or > MaxLatitude || lon is < MinLongitude or > MaxLongitude)
        {
            error = $"”{parts[0]}”: punkten {parts[1]}, {parts[2]} ligger inte i Sverige. Latitud kommer först (55–69), sedan longitud (10–24).";
            return false;
        }
        place = new ProjectPlace { Name = parts[0], Latitude = lat, Longitude = lon };
        return true;
    }

    private static readonly System.Globalization.CultureInfo Swedish = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");

    private static bool TryCoordinate(string text, out double value) =>
        double.TryParse(text.Replace(',', '.').Replace('\u2212', '-'), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

/// <summary>One status the project has had, and the day it took effect (unknown for imported history).</summary>
[PublicData]
public class ProjectStatusChange
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public ProjectStatus Status { get; set; }
    public DateOnly? EffectiveOn { get; set; }
    public string? Note { get; set; }
}
