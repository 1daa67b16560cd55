namespace ProjectRegistry.Web.Data.Seeding;

/// <summary>A seed file that cannot be imported, with the file and field to fix.</summary>
public sealed class SeedDataException(string file, string? field, string problem, long? line = null)
    : Exception(Format(file, field, problem, line))
{
    public string File { get; } = file;
    public string? Field { get; } = field;

    private static string Format(string file, string? field, string problem, long? line) =>
        $"Fel i seed-data-filen {file}" + (line is > 0 ? $" (rad {line})" : "") +
        (field is null ? "" : $", fältet '{field}'") + $": {problem}";
}
