namespace ProjectRegistry.Web.Infrastructure.Text;

public static class SwedishGrammar
{
    /// <summary>"Malå kommuns", "Gold of Laplands", but "Leader Polaris" (no s after s, x or z).</summary>
    public static string Genitive(string name) =>
        name.Length > 0 && char.ToLowerInvariant(name[^1]) is 's' or 'x' or 'z' ? name : name + "s";
}
