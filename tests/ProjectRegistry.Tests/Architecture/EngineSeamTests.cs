namespace ProjectRegistry.Tests.Architecture;

/// <summary>
/// The database engines are known in one place, Data/Engines: a page, a command or a start-up step asks the
/// injected engine instead of branching on which one it is. Migrations are generated per engine and excepted.
/// </summary>
public class EngineSeamTests
{
    private static readonly string[] EngineChecks = ["IsNpgsql(", "IsSqlite(", "DatabaseProvider."];

    [Fact]
    public void Only_the_engine_folder_asks_which_engine_it_is()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "ProjectRegistry.Web");
        var offending = Directory.EnumerateFiles(web, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal)
                && !f.StartsWith("Data/Engines/", StringComparison.Ordinal) && !f.Contains("Migrations/", StringComparison.Ordinal))
            .Select(f => (File: f, Found: EngineChecks.Where(File.ReadAllText(Path.Combine(web, f)).Contains).ToList()))
            .Where(f => f.Found.Count > 0)
            .Select(f => $"{f.File} ({string.Join(", ", f.Found)})")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offending.Count == 0,
            "Frågar efter databasmotorn utanför Data/Engines (använd den injicerade IDatabaseEngine):\n" + string.Join("\n", offending));
    }

    /// <summary>The checkout the tests were built from, for the tests that read the source itself.</summary>
    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ProjectRegistry.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"ProjectRegistry.sln finns inte ovanför {AppContext.BaseDirectory}.");
    }
}
