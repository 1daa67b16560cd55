using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Architecture;

/// <summary>
/// A newcomer reads any file of the web project whole: none of the hand-written ones grows past 450 lines (issue 23).
/// Generated migrations and the list of common passwords (data) are not read that way and are excepted.
/// </summary>
public class FileSizeTests
{
    private const int MaxLines = 450;

    [Fact]
    public void No_hand_written_file_of_the_web_project_is_over_450_lines()
    {
        var web = Repository.WebSources;
        var tooLong = Directory.EnumerateFiles(web, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(web, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal)
                && !f.StartsWith("Data/Migrations/", StringComparison.Ordinal)
                && (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)
                    || f.EndsWith(".css", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal)))
            .Select(f => (File: f, Lines: File.ReadLines(Path.Combine(web, f)).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File}: {f.Lines} rader")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(tooLong.Count == 0, $"Filer över {MaxLines} rader (dela dem efter vad de gör):\n" + string.Join("\n", tooLong));
    }
}
