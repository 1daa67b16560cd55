using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data.Engines;
using Xunit.Abstractions;

namespace ProjectRegistry.Tests.Operations;

/// <summary>
/// A database the app cannot serve (newer than the app, read-only, on a full disk) stops the start with exit code 1
/// and one Swedish log line that says what to do, never a stack trace.
/// </summary>
public sealed class StartupFailureTests(ITestOutputHelper output)
{
    /// <summary>The start as an operator sees it: its whole console output, and the exit code.</summary>
    private static async Task<RegistryProcess.Outcome> StartAsync(RegistryProcess app) =>
        await app.RunAsync(null, "--urls", "http://127.0.0.1:0");

    /// <summary>The whole output of a failed start is one sentence with the expected words, and exit code 1.</summary>
    internal static void AssertOneClearLine(RegistryProcess.Outcome start, string expected)
    {
        Assert.True(start.ExitCode == 1, start.ToString());
        var lines = start.All.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.Contains("Starten avbröts: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task A_database_newer_than_the_app_stops_the_start_with_one_line()
    {
        using var app = new RegistryProcess();
        Assert.Equal(0, (await app.RunAsync(null, "migrate")).ExitCode);
        SqliteFile.Execute(app.DatabasePath, "INSERT INTO __EFMigrationsHistory VALUES ('29991231000000_FranFramtiden', '99.0.0')");

        var start = await StartAsync(app);

        AssertOneClearLine(start, "Databasen är nyare än programmet: den har migreringen 29991231000000_FranFramtiden");
        Assert.Equal(0, SqliteFile.Count(app.DatabasePath, "SELECT COUNT(*) FROM Projects"));
    }

    [SqliteFact]
    public async Task A_read_only_database_file_stops_the_start_with_one_line()
    {
        using var app = new RegistryProcess();
        Assert.Equal(0, (await app.RunAsync(null, "migrate")).ExitCode);
        // root writes to a file whatever its mode says; the immutable attribute stops root too.
        var readOnly = Environment.IsPrivilegedProcess
            ? await RunAsync("chattr", "+i", app.DatabasePath)
            : SetMode(app.DatabasePath, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        if (!readOnly)
        {
            output.WriteLine("Databasfilen gick inte att göra skrivskyddad här (chattr +i misslyckades); fallet prövas bara på nivån under, i Known_file_problems_become_one_sentence.");
            return;
        }
        try
        {
            var start = await StartAsync(app);

            AssertOneClearLine(start, $"Databasen {app.DatabasePath} är skrivskyddad");
        }
        finally
        {
            if (Environment.IsPrivilegedProcess) await RunAsync("chattr", "-i", app.DatabasePath);
            else SetMode(app.DatabasePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [SqliteFact]
    public async Task A_full_disk_stops_the_start_with_one_line()
    {
        var mount = Path.Combine(Path.GetTempPath(), $"projektregistret-full-{Guid.NewGuid():N}");
        Directory.CreateDirectory(mount);
        // A 200 kB file system: the schema fits, the seed data does not.
        if (!Environment.IsPrivilegedProcess || !await RunAsync("mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", mount))
        {
            Directory.Delete(mount);
            output.WriteLine("Ingen liten tmpfs att fylla här (kräver root och mount); full disk prövas bara på nivån under, i Known_file_problems_become_one_sentence.");
            return;
        }
        try
        {
            using var app = new RegistryProcess(Path.Combine(mount, "registret.db"));

            var start = await StartAsync(app);

            AssertOneClearLine(start, "Disken är full");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            await RunAsync("umount", mount);
            Directory.Delete(mount, recursive: true);
        }
    }

    [SqliteTheory]
    [InlineData(13, "Disken är full: /srv/registret.db kan inte skrivas.")]
    [InlineData(8, "Databasen /srv/registret.db är skrivskyddad")]
    [InlineData(14, "Databasen /srv/registret.db går inte att öppna.")]
    [InlineData(26, "/srv/registret.db är ingen hel SQLite-databas")]
    [InlineData(11, "/srv/registret.db är ingen hel SQLite-databas")]
    public void Known_file_problems_become_one_sentence(int sqliteError, string sentence)
    {
        var problem = EngineOn("/srv/registret.db").Describe(new SqliteException("SQLite Error", sqliteError));

        Assert.NotNull(problem);
        Assert.StartsWith(sentence, problem.Message, StringComparison.Ordinal);
    }

    [SqliteFact]
    public void An_unknown_failure_is_not_dressed_up_as_a_file_problem() =>
        Assert.Null(EngineOn("/srv/registret.db").Describe(new InvalidOperationException("en bugg")));

    private static SqliteEngine EngineOn(string file) => new(
        new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:Registry", $"Data Source={file}")]).Build(), () => "/");

    private static bool SetMode(string file, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows()) return false;
        File.SetUnixFileMode(file, mode);
        return true;
    }

    private static async Task<bool> RunAsync(string program, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            await process.WaitForExitAsync();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // the program is not installed
        }
    }
}
