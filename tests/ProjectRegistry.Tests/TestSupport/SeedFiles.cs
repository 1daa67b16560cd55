using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>What one seed project file says, as far as the list filters need it.</summary>
public sealed record SeedProject(
    string Slug,
    string Publisher,
    string Status,
    IReadOnlyList<string> Municipalities,
    IReadOnlyList<string> Financiers,
    IReadOnlyList<string> GoalAreas);

/// <summary>
/// Reads the seed project files with a few regular expressions instead of a YAML library, so that the
/// expected answers in the tests do not come from the same code path as the app's importer.
/// </summary>
public static partial class SeedFiles
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "seed-data");

    private static readonly Lazy<IReadOnlyList<SeedProject>> LazyProjects = new(ReadAll);

    public static IReadOnlyList<SeedProject> Projects => LazyProjects.Value;

    public static IReadOnlyList<string> Slugs(Func<SeedProject, bool> predicate) =>
        Projects.Where(predicate).Select(p => p.Slug).Order(StringComparer.Ordinal).ToList();

    /// <summary>The URL form of a goal area's name, folded the way a reader would type it.</summary>
    public static string SlugOf(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    private static List<SeedProject> ReadAll()
    {
        var dir = Path.Combine(Root, "projekt");
        return Directory.GetDirectories(dir)
            .SelectMany(publisherDir => Directory.GetFiles(publisherDir, "*.yaml")
                .Select(file => Read(file, Path.GetFileName(publisherDir))))
            .ToList();
    }

    private static SeedProject Read(string path, string publisher)
    {
        var scalars = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? key = null;
        foreach (var line in File.ReadLines(path))
        {
            if (TopLevelKey().Match(line) is { Success: true } top)
            {
                key = top.Groups[1].Value;
                var value = top.Groups[2].Value.Trim();
                if (value.StartsWith('['))
                    lists[key] = [.. value.Trim('[', ']').Split(',').Select(Unquote).Where(v => v.Length > 0)];
                else
                    scalars[key] = Unquote(value);
                continue;
            }
            if (key is null) continue;
            // In finansiarer only the organisation of each entry matters; other lists are plain items.
            var item = key == "finansiarer" ? OrganisationLine().Match(line) : ListItem().Match(line);
            if (!item.Success) continue;
            if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
            list.Add(Unquote(item.Groups[1].Value));
        }

        return new SeedProject(
            Slug: Path.GetFileNameWithoutExtension(path),
            Publisher: publisher,
            Status: scalars["status"],
            Municipalities: lists.GetValueOrDefault("kommuner") ?? [],
            Financiers: lists.GetValueOrDefault("finansiarer") ?? [],
            GoalAreas: lists.GetValueOrDefault("malomraden") ?? []);
    }

    private static string Unquote(string value) => value.Trim().Trim('"', '\'').Trim();

    [GeneratedRegex(@"^([a-z_]+):(.*)$")]
    private static partial Regex TopLevelKey();

    [GeneratedRegex(@"^\s+-\s+(.+)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\s+-?\s*organisation:\s*(\S+)\s*$")]
    private static partial Regex OrganisationLine();
}
