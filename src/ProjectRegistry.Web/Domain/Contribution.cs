namespace ProjectRegistry.Web.Domain;

/// <summary>
/// What one financier's row is, in the terms a Leader office reports a project's financing in: the grant (EU and
/// state money through Jordbruksverket, decided by the LAG), other public co-financing (municipalities, the region,
/// agencies), private cash, and private contributions in kind: volunteer time (ideell tid, hours times the rate the
/// LAG sets) and donated goods or premises (ideell resurs). Private co-financing is the last three together.
/// </summary>
public enum Contribution
{
    Grant = 1,
    PublicCofinancing = 2,
    PrivateCash = 3,
    VolunteerTime = 4,
    DonatedResources = 5,
}

public static class Contributions
{
    /// <param name="Code">What the form posts and a seed file writes.</param>
    public sealed record Info(Contribution Kind, string Code, string Label);

    public static readonly IReadOnlyList<Info> All =
    [
        new(Contribution.Grant, "stod", "Stöd (Leader, EU och stat)"),
        new(Contribution.PublicCofinancing, "offentlig", "Offentlig medfinansiering"),
        new(Contribution.PrivateCash, "privat", "Privat medfinansiering, kontant"),
        new(Contribution.VolunteerTime, "ideell-tid", "Ideell tid"),
        new(Contribution.DonatedResources, "ideell-resurs", "Ideell resurs (varor, lokaler)"),
    ];

    public static string Code(this Contribution kind) => All.First(k => k.Kind == kind).Code;
    public static string Label(this Contribution kind) => All.First(k => k.Kind == kind).Label;

    public static bool TryParseCode(string? code, out Contribution kind)
    {
        var match = All.FirstOrDefault(k => k.Code == code?.Trim());
        kind = match?.Kind ?? default;
        return match is not null;
    }

    /// <summary>
    /// The kind a financier's row has when nobody said: the EU's funds, programmes and Leader offices give the grant,
    /// other public bodies co-finance, everyone else pays in cash. Rows saved before the kinds existed got this.
    /// </summary>
    public static Contribution DefaultFor(OrganisationKind organisation) => organisation switch
    {
        OrganisationKind.EuFund or OrganisationKind.EuProgramme or OrganisationKind.LocalActionGroup => Contribution.Grant,
        OrganisationKind.Municipality or OrganisationKind.Region or OrganisationKind.GovernmentAgency => Contribution.PublicCofinancing,
        _ => Contribution.PrivateCash,
    };

    public static bool IsPrivate(this Contribution kind) => kind is Contribution.PrivateCash or Contribution.VolunteerTime or Contribution.DonatedResources;

    public static bool IsInKind(this Contribution kind) => kind is Contribution.VolunteerTime or Contribution.DonatedResources;
}

/// <summary>
/// A project's financing in one currency as a Leader office states it: the grant, public co-financing, private
/// co-financing with its cash and in-kind parts, the total, and the grant's share of the total (the support rate).
/// Amounts in different currencies are never added together: each currency gets its own.
/// </summary>
public sealed record FinancingByKind(
    string Currency, long Grant, long Public, long PrivateCash, long VolunteerTime, long DonatedResources, decimal VolunteerHours)
{
    public long Private => PrivateCash + VolunteerTime + DonatedResources;
    public long Total => Grant + Public + Private;

    /// <summary>The grant's share of the total, 0–1; null when the total is zero.</summary>
    public decimal? SupportRate => Total == 0 ? null : (decimal)Grant / Total;

    public Money Of(long minorUnits) => new(minorUnits, Currency);

    /// <summary>One per currency with an amount, SEK first, then in the order <see cref="Money.SupportedCurrencies"/> lists them.</summary>
    public static List<FinancingByKind> Of(IEnumerable<ProjectFinancier> financiers) =>
        financiers.Where(f => f.Amount is not null)
            .GroupBy(f => f.Amount!.Currency)
            .OrderBy(g => Money.SupportedCurrencies.ToList().IndexOf(g.Key))
            .Select(g => new FinancingByKind(
                g.Key,
                g.Where(f => f.Contribution == Contribution.Grant).Sum(f => f.Amount!.MinorUnits),
                g.Where(f => f.Contribution == Contribution.PublicCofinancing).Sum(f => f.Amount!.MinorUnits),
                g.Where(f => f.Contribution == Contribution.PrivateCash).Sum(f => f.Amount!.MinorUnits),
                g.Where(f => f.Contribution == Contribution.VolunteerTime).Sum(f => f.Amount!.MinorUnits),
                g.Where(f => f.Contribution == Contribution.DonatedResources).Sum(f => f.Amount!.MinorUnits),
                g.Where(f => f.Contribution == Contribution.VolunteerTime).Sum(f => f.Hours ?? 0)))
            .ToList();
}
