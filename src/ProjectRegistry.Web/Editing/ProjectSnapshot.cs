using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProjectRegistry.Web.Editing;

/// <summary>
/// A project's editable state as one revision stores it, to be restored any time later. The stored names are
/// pinned, apart from the C# names of <see cref="ProjectInput"/>: the members here with
/// <see cref="JsonPropertyNameAttribute"/>, and the form's texts by their names in <see cref="ProjectFields"/> (a test
/// holds every name a revision has ever stored), so that renaming a property of the input can never silently empty
/// that field in the restore of an old revision.
/// <para>
/// Format 1 (revisions written up to December 2026) serialised the input class itself under "Form", without a
/// "Format" member; its names are the ones pinned here, so it reads as it is. A change that renames, splits or
/// re-types a stored field raises <see cref="CurrentFormat"/> and converts the older formats in <see cref="Read"/>.
/// A field only added (Results, ResultsText) needs no new format: an older snapshot lacks it and restores it empty,
/// which is what the project had then.
/// </para>
/// </summary>
public sealed record ProjectSnapshot
{
    public const int CurrentFormat = 2;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Missing in format 1, hence the default.</summary>
    [JsonPropertyName("Format")] public int Format { get; init; } = 1;
    [JsonPropertyName("Form")] public StoredFields Form { get; init; } = new();
    [JsonPropertyName("IsPublished")] public bool IsPublished { get; init; }
    [JsonPropertyName("IsDeleted")] public bool IsDeleted { get; init; }

    /// <summary>
    /// The uploaded files the project showed (not removed), in id order. Missing in revisions written before
    /// files existed, which read as null: the project had none then, and restoring such a revision removes them.
    /// </summary>
    [JsonPropertyName("FileIds")] public List<int>? FileIds { get; init; }

    /// <summary>The file that was the main picture, if any.</summary>
    [JsonPropertyName("MainFileId")] public int? MainFileId { get; init; }

    public static ProjectSnapshot Of(ProjectInput input, bool isPublished, bool isDeleted, List<int>? fileIds = null, int? mainFileId = null) => new()
    {
        Format = CurrentFormat,
        IsPublished = isPublished,
        IsDeleted = isDeleted,
        FileIds = fileIds ?? [],
        MainFileId = mainFileId,
        Form = new StoredFields
        {
            Version = input.Version, PublisherId = input.PublisherId, OwnerId = input.OwnerId,
            Texts = ProjectFields.AllTexts.ToDictionary(t => t.Name, t => JsonSerializer.SerializeToElement(t.Get(input))),
            GoalAreaIds = [.. input.GoalAreaIds], DirectionGoalIds = [.. input.DirectionGoalIds],
            Partners = input.Partners.Select(r => new StoredPartner { OrganisationId = r.OrganisationId, Role = r.Role, Amount = r.Amount, Currency = r.Currency }).ToList(),
            Financiers = input.Financiers.Select(r => new StoredFinancier
            {
                OrganisationId = r.OrganisationId, Contribution = r.Contribution, Amount = r.Amount, Currency = r.Currency, Hours = r.Hours,
                Rate = r.Rate, AccountingReference = r.AccountingReference, Note = r.Note,
            }).ToList(),
            Contacts = input.Contacts.Select(c => new StoredContact
            {
                Name = c.Name, Role = c.Role, Organisation = c.Organisation, Phone = c.Phone, Email = c.Email, IsRoleMailbox = c.IsRoleMailbox,
            }).ToList(),
            Links = input.Links.Select(l => new StoredLink { Kind = l.Kind, Text = l.Text, Url = l.Url }).ToList(),
            Identifiers = input.Identifiers.Select(i => new StoredIdentifier { Registry = i.Registry, Value = i.Value }).ToList(),
            Results = input.Results.Select(r => new StoredResult { IndicatorId = r.IndicatorId, Planned = r.Planned, Achieved = r.Achieved }).ToList(),
        },
    };

    /// <summary>The input to restore: checked again like anything typed, since the world may have moved on.</summary>
    public ProjectInput ToInput()
    {
        var f = Form;
        var input = new ProjectInput
        {
            Version = f.Version, PublisherId = f.PublisherId, OwnerId = f.OwnerId,
            GoalAreaIds = [.. f.GoalAreaIds ?? []], DirectionGoalIds = [.. f.DirectionGoalIds ?? []],
            Partners = (f.Partners ?? []).Select(r => new ProjectInput.PartnerRow { OrganisationId = r.OrganisationId, Role = r.Role, Amount = r.Amount, Currency = r.Currency }).ToList(),
            // A snapshot from before the kinds (format 1, or 2 until December 2026) has none: the row takes the kind its
            // organisation's kind implies, as the migration gave the rows themselves.
            Financiers = (f.Financiers ?? []).Select(r => new ProjectInput.FinancierRow
            {
                OrganisationId = r.OrganisationId, Contribution = r.Contribution, Amount = r.Amount, Currency = r.Currency, Hours = r.Hours,
                Rate = r.Rate, AccountingReference = r.AccountingReference, Note = r.Note,
            }).ToList(),
            Contacts = (f.Contacts ?? []).Select(c => new ProjectInput.ContactRow
            {
                Name = c.Name, Role = c.Role, Organisation = c.Organisation, Phone = c.Phone, Email = c.Email, IsRoleMailbox = c.IsRoleMailbox,
            }).ToList(),
            Links = (f.Links ?? []).Select(l => new ProjectInput.LinkRow { Kind = l.Kind ?? "", Text = l.Text, Url = l.Url }).ToList(),
            Identifiers = (f.Identifiers ?? []).Select(i => new ProjectInput.IdentifierRow { Registry = i.Registry ?? "", Value = i.Value }).ToList(),
            Results = (f.Results ?? []).Select(r => new ProjectInput.ResultRow { IndicatorId = r.IndicatorId, Planned = r.Planned, Achieved = r.Achieved }).ToList(),
        };
        // A text an older revision lacks (one added since) is empty, as the project had it then.
        foreach (var text in ProjectFields.AllTexts) text.Set(input, f.Text(text.Name));
        return input;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>A stored snapshot of any format, or null when the text is not one.</summary>
    public static ProjectSnapshot? Read(string json)
    {
        var snapshot = JsonSerializer.Deserialize<ProjectSnapshot>(json, Json);
        return snapshot is null || snapshot.Format > CurrentFormat ? null : snapshot;
    }

    public sealed record StoredFields
    {
        [JsonPropertyName("Version")] public int Version { get; init; }
        [JsonPropertyName("PublisherId")] public int PublisherId { get; init; }
        [JsonPropertyName("OwnerId")] public int? OwnerId { get; init; }

        /// <summary>
        /// The form's texts (<see cref="ProjectFields.AllTexts"/>), each stored under its <see cref="ProjectText.Name"/>
        /// beside the members above, as format 1 and 2 wrote them ("Title", "Purpose" ...).
        /// </summary>
        [JsonExtensionData] public Dictionary<string, JsonElement> Texts { get; init; } = [];

        public string? Text(string name) => Texts.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        [JsonPropertyName("GoalAreaIds")] public List<int>? GoalAreaIds { get; init; }
        [JsonPropertyName("DirectionGoalIds")] public List<int>? DirectionGoalIds { get; init; }
        [JsonPropertyName("Partners")] public List<StoredPartner>? Partners { get; init; }
        [JsonPropertyName("Financiers")] public List<StoredFinancier>? Financiers { get; init; }
        [JsonPropertyName("Contacts")] public List<StoredContact>? Contacts { get; init; }
        [JsonPropertyName("Links")] public List<StoredLink>? Links { get; init; }
        [JsonPropertyName("Identifiers")] public List<StoredIdentifier>? Identifiers { get; init; }

        /// <summary>Added in December 2026 without a new format: a snapshot written before has no results, and restores without.</summary>
        [JsonPropertyName("Results")] public List<StoredResult>? Results { get; init; }
    }

    public sealed record StoredResult
    {
        [JsonPropertyName("IndicatorId")] public int? IndicatorId { get; init; }
        [JsonPropertyName("Planned")] public string? Planned { get; init; }
        [JsonPropertyName("Achieved")] public string? Achieved { get; init; }
    }

    public sealed record StoredPartner
    {
        [JsonPropertyName("OrganisationId")] public int? OrganisationId { get; init; }
        [JsonPropertyName("Role")] public string? Role { get; init; }
        [JsonPropertyName("Amount")] public string? Amount { get; init; }
        [JsonPropertyName("Currency")] public string? Currency { get; init; }
    }

    public sealed record StoredFinancier
    {
        [JsonPropertyName("OrganisationId")] public int? OrganisationId { get; init; }
        [JsonPropertyName("Contribution")] public string? Contribution { get; init; }
        [JsonPropertyName("Hours")] public string? Hours { get; init; }
        [JsonPropertyName("Rate")] public string? Rate { get; init; }
        [JsonPropertyName("Amount")] public string? Amount { get; init; }
        [JsonPropertyName("Currency")] public string? Currency { get; init; }
        [JsonPropertyName("AccountingReference")] public string? AccountingReference { get; init; }
        [JsonPropertyName("Note")] public string? Note { get; init; }
    }

    public sealed record StoredContact
    {
        [JsonPropertyName("Name")] public string? Name { get; init; }
        [JsonPropertyName("Role")] public string? Role { get; init; }
        [JsonPropertyName("Organisation")] public string? Organisation { get; init; }
        [JsonPropertyName("Phone")] public string? Phone { get; init; }
        [JsonPropertyName("Email")] public string? Email { get; init; }
        [JsonPropertyName("IsRoleMailbox")] public bool IsRoleMailbox { get; init; }
    }

    public sealed record StoredLink
    {
        [JsonPropertyName("Kind")] public string? Kind { get; init; }
        [JsonPropertyName("Text")] public string? Text { get; init; }
        [JsonPropertyName("Url")] public string? Url { get; init; }
    }

    public sealed record StoredIdentifier
    {
        [JsonPropertyName("Registry")] public string? Registry { get; init; }
        [JsonPropertyName("Value")] public string? Value { get; init; }
    }
}
