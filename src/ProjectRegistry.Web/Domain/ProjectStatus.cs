namespace ProjectRegistry.Web.Domain;

/// <summary>The life of a project as the source pages describe it, in the order it passes through.</summary>
public enum ProjectStatus
{
    UnderReview = 1,
    AwaitingSjvDecision = 2,
    Granted = 3,
    Ongoing = 4,
    FinalReportSubmitted = 5,
    Closed = 6,
}

public static class ProjectStatuses
{
    public sealed record Info(ProjectStatus Status, string Slug, string Label);

    public static readonly IReadOnlyList<Info> All =
    [
        new(ProjectStatus.UnderReview, "under-handlaggning", "Under handläggning"),
        new(ProjectStatus.AwaitingSjvDecision, "vantar-pa-beslut", "Väntar på beslut från SJV"),
        new(ProjectStatus.Granted, "beviljat", "Beviljat"),
        new(ProjectStatus.Ongoing, "pagaende", "Pågående"),
        new(ProjectStatus.FinalReportSubmitted, "slutredovisat", "Slutredovisat"),
        new(ProjectStatus.Closed, "avslutat", "Avslutat"),
    ];

    public static Info Of(ProjectStatus status) => All.First(s => s.Status == status);

    public static string Label(this ProjectStatus status) => Of(status).Label;

    public static string Slug(this ProjectStatus status) => Of(status).Slug;

    public static bool TryParseSlug(string? slug, out ProjectStatus status)
    {
        var match = All.FirstOrDefault(s => string.Equals(s.Slug, slug?.Trim(), StringComparison.OrdinalIgnoreCase));
        status = match?.Status ?? default;
        return match is not null;
    }
}
