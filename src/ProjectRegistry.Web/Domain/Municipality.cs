namespace ProjectRegistry.Web.Domain;

/// <summary>One of Sweden's 290 municipalities, keyed by its official four-digit kommunkod.</summary>
[PublicData]
public class Municipality
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string CountyCode { get; set; }
    public required string CountyName { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    public List<Project> Projects { get; set; } = [];

    public static bool IsValidCode(string? code) => code is { Length: 4 } && code.All(char.IsAsciiDigit);
}
