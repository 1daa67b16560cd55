namespace ProjectRegistry.Tests.TestSupport;

/// <summary>The checkout the tests were built from: for the tests that read its sources or run its commands.</summary>
public static class Repository
{
    /// <summary>The folder of ProjectRegistry.sln, above the test assembly's bin folder.</summary>
    public static string Root { get; } = Find();

    /// <summary>The web project's sources.</summary>
    public static string WebSources => Path.Combine(Root, "src", "ProjectRegistry.Web");

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ProjectRegistry.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"ProjectRegistry.sln finns inte ovanför {AppContext.BaseDirectory}.");
    }
}
