namespace ProjectRegistry.Web.Domain;

/// <summary>A page of the site's own text ("Om registret", the accessibility statement), written by admins in Markdown.</summary>
[PublicData]
public class SitePage
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string Markdown { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>The pages the site has, by address: /om and /tillganglighet.</summary>
    public static readonly IReadOnlyList<string> Known = ["om", "tillganglighet"];
}
