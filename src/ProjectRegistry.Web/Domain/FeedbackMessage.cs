namespace ProjectRegistry.Web.Domain;

/// <summary>
/// "Rapportera fel eller ställ en fråga": a reader's message about a project (to its publisher's editors) or about
/// the accessibility statement (to the admins). Deleted after <see cref="FeedbackSettings.RetentionMonths"/>.
/// </summary>
[PublicData]
public class FeedbackMessage
{
    public const int MaxMessageLength = 2_000;
    public const int MaxNameLength = 200;
    public const int MaxNoteLength = 2_000;

    public long Id { get; set; }
    public DateTime ReceivedAt { get; set; }

    /// <summary>The project the message is about; null for a message about a site page.</summary>
    public int? ProjectId { get; set; }

    /// <summary>The project's publisher when it was sent: whose editors see it.</summary>
    public int? PublisherId { get; set; }

    /// <summary>The site page (e.g. "tillganglighet") for a message that is not about a project.</summary>
    public string? PageSlug { get; set; }

    public string? SenderName { get; set; }
    public string? SenderEmail { get; set; }
    public required string Message { get; set; }

    public bool IsHandled { get; set; }
    public string? Note { get; set; }
    public DateTime? HandledAt { get; set; }
    public string? HandledBy { get; set; }
}

/// <summary>The admin's settings of the feedback inbox: one row.</summary>
[PublicData]
public class FeedbackSettings
{
    public const int DefaultRetentionMonths = 12;

    public int Id { get; set; }

    /// <summary>Months a message is kept after it arrived, handled or not.</summary>
    public int RetentionMonths { get; set; } = DefaultRetentionMonths;
}
