namespace ProjectRegistry.Web.Domain;

/// <summary>
/// "Bevaka den här sökningen": an e-mail address watching one /projekt filter. Unconfirmed until the link in the
/// confirmation mail is used (deleted after <see cref="ConfirmWithinDays"/> days if it never is); deleted on
/// unsubscribe. Nothing else about the person is kept.
/// </summary>
[PublicData]
public class AlertSubscription
{
    public const int ConfirmWithinDays = 7;

    /// <summary>Alerts one address may have, confirmed or not.</summary>
    public const int MaxPerAddress = 20;

    /// <summary>Confirmation mails one address may be sent in a day (each request is one).</summary>
    public const int MaxLinksPerAddressPerDay = 3;

    public long Id { get; set; }
    public required string Email { get; set; }

    /// <summary>The filter's canonical query string (ProjectFilter.ToQueryString without sort and page), "" for all projects.</summary>
    public required string Filter { get; set; }

    /// <summary>The site's address when the alert was made, for the links in its mails (Site:PublicUrl wins when set).</summary>
    public required string SiteUrl { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>SHA-256 (hex) of the confirmation link's secret; null once confirmed.</summary>
    public string? TokenHash { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    /// <summary>When the last digest went (or the alert was confirmed): the start of the next digest's window.</summary>
    public DateTime? LastDigestAt { get; set; }

    /// <summary>
    /// The projects that matched at <see cref="LastDigestAt"/>, with their status ("17:3,42:4"): a project is new in
    /// the filter when it is not here, and changed status when its number differs.
    /// </summary>
    public string Matched { get; set; } = "";

    /// <summary>Set while one node sends this digest; a claim older than this (a node that died) may be taken again.</summary>
    public DateTime? ClaimedUntil { get; set; }
}

/// <summary>A named lease in the database: which node does a job that only one node may do at a time, and until when.</summary>
[PublicData]
public class JobLease
{
    public required string Name { get; set; }
    public string? Holder { get; set; }
    public DateTime ExpiresAt { get; set; }
}
