namespace ProjectRegistry.Web.Domain;

/// <summary>
/// Any body a project is connected to: the LAG or municipality whose list it is on (the publisher),
/// its owner, its partners and its financiers. One record per body, so its projects can be listed.
/// </summary>
[PublicData]
public class Organisation
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }

    /// <summary>For a municipality: its kommunkod.</summary>
    public string? MunicipalityCode { get; set; }
    public Municipality? Municipality { get; set; }

    /// <summary>Set only for bodies outside Sweden ("Norge").</summary>
    public string? Country { get; set; }
    public string? Description { get; set; }
    public string? WebsiteUrl { get; set; }

    // What a publisher says about its own list, as its source page does.
    public string? PublisherUnit { get; set; }
    public string? ListTitle { get; set; }
    public string? ListIntro { get; set; }
    public DateOnly? SourceUpdatedOn { get; set; }

    /// <summary>Statuses whose projects this publisher does not show the public (e.g. before SJV has decided).</summary>
    public List<ProjectStatus> HiddenStatuses { get; set; } = [];

    /// <summary>
    /// Months after a project closes that its contact people's names, phones and e-mails stay on the public
    /// page (GDPR data minimisation); empty keeps them. Staff always see them.
    /// </summary>
    public int? ContactRetentionMonths { get; set; }

    /// <summary>
    /// What this publisher values an hour of volunteer time (ideell tid) at, e.g. 220 or 340 kr: each LAG sets its
    /// own. A volunteer-time row of its projects takes it unless the row gives another.
    /// </summary>
    public Money? VolunteerHourRate { get; set; }

    /// <summary>
    /// The publisher's own accent colour (#rrggbb) for its embeds on other websites, so that the list looks like
    /// part of its site; null takes the registry's. Checked by <see cref="Editing.FieldRules.Colour"/>.
    /// </summary>
    public string? AccentColor { get; set; }

    /// <summary>
    /// The website origins (https://www.mala.se) allowed to show this publisher's embeds in a frame: the embeds'
    /// frame-ancestors. Empty: no other site may (the registry's pages never may).
    /// </summary>
    public List<string> EmbedOrigins { get; set; } = [];

    /// <summary>The municipalities a LAG or municipality publishes for.</summary>
    public List<Municipality> AreaMunicipalities { get; set; } = [];

    /// <summary>The goal areas of this publisher's local development strategy (LUS).</summary>
    public List<GoalArea> GoalAreas { get; set; } = [];

    /// <summary>The indicators this publisher's projects are granted against, with the strategy's targets.</summary>
    public List<Indicator> Indicators { get; set; } = [];

    /// <summary>
    /// Where a publisher wants readers' feedback about its projects mailed (when the site sends mail); also
    /// read by its editors in the admin's inbox.
    /// </summary>
    public string? ContactEmail { get; set; }

    public bool IsPublisher => ListTitle is not null;

    /// <summary>
    /// New: an editor added it from the project form ("ny, ej granskad") and an admin has not yet confirmed,
    /// corrected or merged it. Usable in projects meanwhile.
    /// </summary>
    public OrganisationReview Review { get; set; }

    /// <summary>Who added it from the project form, and when (UTC); null for organisations an admin or an import made.</summary>
    public string? AddedBy { get; set; }
    public DateTime? AddedAt { get; set; }
}

public enum OrganisationReview
{
    Reviewed = 0,
    New = 1,
}

public enum OrganisationKind
{
    Other = 0,
    LocalActionGroup = 1,
    Municipality = 2,
    Region = 3,
    GovernmentAgency = 4,
    EuFund = 5,
    EuProgramme = 6,
    Association = 7,
    Company = 8,
}

public static class OrganisationKinds
{
    public sealed record Info(OrganisationKind Kind, string Code, string Label);

    /// <summary>Codes are what the seed files use; labels what the site shows.</summary>
    public static readonly IReadOnlyList<Info> All =
    [
        new(OrganisationKind.LocalActionGroup, "lag", "Leaderområde (LAG)"),
        new(OrganisationKind.Municipality, "kommun", "Kommun"),
        new(OrganisationKind.Region, "region", "Region"),
        new(OrganisationKind.GovernmentAgency, "myndighet", "Myndighet"),
        new(OrganisationKind.EuFund, "eu-fond", "EU-fond"),
        new(OrganisationKind.EuProgramme, "eu-program", "EU-program"),
        new(OrganisationKind.Association, "forening", "Förening"),
        new(OrganisationKind.Company, "foretag", "Företag"),
        new(OrganisationKind.Other, "annan", "Annan organisation"),
    ];

    public static string Label(this OrganisationKind kind) => All.First(k => k.Kind == kind).Label;

    /// <summary>EU funds and programmes oblige the project to show the EU emblem.</summary>
    public static bool IsEu(this OrganisationKind kind) => kind is OrganisationKind.EuFund or OrganisationKind.EuProgramme;
}
