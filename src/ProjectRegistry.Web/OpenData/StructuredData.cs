using System.Text.Json;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.OpenData;

/// <summary>schema.org JSON-LD of a project page, so search engines can show funders, amounts, dates and places.</summary>
public static class StructuredData
{
    // The default encoder escapes <, > and &, so the JSON cannot close the script element it sits in.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static string For(Project p, string baseUrl)
    {
        static object Org(Organisation o) => new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = o.Name };
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Project",
            ["name"] = p.Title,
            ["alternateName"] = p.ShortName,
            ["description"] = p.Purpose ?? p.Goal,
            ["url"] = $"{baseUrl}/projekt/{p.Slug}",
            ["foundingDate"] = p.Start?.ToIsoString(),
            ["dissolutionDate"] = p.End?.ToIsoString(),
            ["dateModified"] = DateTime.SpecifyKind(p.UpdatedAt, DateTimeKind.Utc).ToString("O"),
            ["sponsor"] = p.Owner is null ? null : Org(p.Owner),
            ["funder"] = p.Financiers.Select(f => Org(f.Organisation)).ToList(),
            ["funding"] = p.Financiers.Where(f => f.Amount is not null).Select(f => new Dictionary<string, object?>
            {
                ["@type"] = "MonetaryGrant",
                ["funder"] = Org(f.Organisation),
                ["amount"] = new Dictionary<string, object?> { ["@type"] = "MonetaryAmount", ["value"] = f.Amount!.Amount, ["currency"] = f.Amount.Currency },
            }).ToList(),
            ["areaServed"] = p.Municipalities.Select(m => new Dictionary<string, object?>
            {
                ["@type"] = "AdministrativeArea", ["name"] = $"{m.Name} kommun", ["identifier"] = m.Code,
            }).ToList(),
            ["location"] = p.Places.Select(x => new Dictionary<string, object?>
            {
                ["@type"] = "Place",
                ["name"] = x.Name,
                ["geo"] = x.HasCoordinates
                    ? new Dictionary<string, object?> { ["@type"] = "GeoCoordinates", ["latitude"] = x.Latitude, ["longitude"] = x.Longitude }
                    : null,
            }).ToList(),
        };
        foreach (var key in data.Where(kv => kv.Value is null || kv.Value is System.Collections.IList { Count: 0 }).Select(kv => kv.Key).ToList())
            data.Remove(key);
        return JsonSerializer.Serialize(data, Json);
    }
}
