namespace ProjectRegistry.Web.Domain;

/// <summary>
/// The kind of body that finances a project, as readers ask for it (?finansiar-typ=): EU funds (with the Leader
/// offices that grant them), state agencies, regions, municipalities, and private money (associations,
/// companies, others). One kind per organisation, from its <see cref="OrganisationKind"/>.
/// </summary>
public enum FinancierKind
{
    Eu = 1,
    State = 2,
    Region = 3,
    Municipality = 4,
    Private = 5,
}

public static class FinancierKinds
{
    public sealed record Info(FinancierKind Kind, string Slug, string Label);

    public static readonly IReadOnlyList<Info> All =
    [
        new(FinancierKind.Eu, "eu", "EU-fonder och Leader"),
        new(FinancierKind.State, "statlig", "Statliga myndigheter"),
        new(FinancierKind.Region, "region", "Regioner"),
        new(FinancierKind.Municipality, "kommun", "Kommuner"),
        new(FinancierKind.Private, "privat", "Privat och ideellt"),
    ];

    public static FinancierKind Of(OrganisationKind kind) => kind switch
    {
        OrganisationKind.EuFund or OrganisationKind.EuProgramme or OrganisationKind.LocalActionGroup => FinancierKind.Eu,
        OrganisationKind.GovernmentAgency => FinancierKind.State,
        OrganisationKind.Region => FinancierKind.Region,
        OrganisationKind.Municipality => FinancierKind.Municipality,
        _ => FinancierKind.Private,
    };

    public static string Slug(this FinancierKind kind) => All.First(k => k.Kind == kind).Slug;
    public static string Label(this FinancierKind kind) => All.First(k => k.Kind == kind).Label;

    public static bool TryParseSlug(string? slug, out FinancierKind kind)
    {
        var match = All.FirstOrDefault(k => k.Slug == slug);
        kind = match?.Kind ?? default;
        return match is not null;
    }
}
