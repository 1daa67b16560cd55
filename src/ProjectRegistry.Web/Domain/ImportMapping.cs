namespace ProjectRegistry.Web.Domain;

/// <summary>
/// How an organisation's sheets name the project's fields, remembered from its last import: a Leader office
/// exports from the same spreadsheet every time, so the second import needs no mapping at all.
/// </summary>
public class ImportMapping
{
    public int OrganisationId { get; set; }

    /// <summary>JSON object: a column's header as the sheet writes it (lower case, trimmed) → the field's key, or "" for a column left out.</summary>
    public required string ColumnsJson { get; set; }
    public DateTime UpdatedAt { get; set; }
}
