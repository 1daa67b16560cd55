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

    /// <summary>Confirmation mails one address may be sent in a day, whoever asks and for whichever filters.</summary>
    public const int MaxLinksPerAddressPerDay = 3;

    /// <summary>
    /// An address as the alerts store and count it: trimmed and in lower case, so that "Anna@Example.se" and
    /// "anna@example.se" are one mailbox on both engines (SQLite compares text case by case).
    /// </summary>
    public static string NormalisedEmail(string email) => email.Trim().ToLowerInvariant();

    public long Id { get; set; }
    public required string Email { get; set; }

    /// <summary>The filter's canonical query string (ProjectFilter.ToQueryString without sort and page), "" for all projects.</summary>
    public required string Filter { get; set; }

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

/// <summary>
/// The confirmation mails an alert address was sent: one row per address (<see cref="AlertSubscription.NormalisedEmail"/>)
/// and slot, <see cref="AlertSubscription.MaxLinksPerAddressPerDay"/> slots, each holding when it last sent one. A mail
/// goes only when a slot is free or a day old, and taking it is one INSERT or one conditional UPDATE, so two requests
/// at once cannot both take the last one. Counting mails, not alerts: neither another filter, nor another spelling,
/// nor asking again makes a new budget. Rows older than a day are deleted by the digest run.
/// </summary>
public class AlertConfirmationMail
{
    public required string Email { get; set; }
    public int Slot { get; set; }
    public DateTime SentAt { get; set; }
}

/// <summary>A named lease in the database: which node does a job that only one node may do at a time, and until when.</summary>
[PublicData]
public class JobLease
{
    public required string Name { get; set; }
    public string? Holder { get; set; }
    public DateTime ExpiresAt { get; set; }
}
