using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Operations;

/// <summary>
/// <c>backup</c>, <c>restore</c> and <c>migrate</c> run as the README writes them: the real binary in its own
/// process, against a database that a running site (the test app, which holds the database lock) may be using.
/// </summary>
public sealed class DatabaseCommandTests : IAsyncLifetime
{
    private readonly RegistryAppFactory _site = new();
    private readonly List<string> _files = [];

    public Task InitializeAsync()
    {
        _ = _site.Services; // starts the site: migrated, seeded, and holding the lock shared
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        foreach (var file in _files) TempDatabase.Delete(file);
    }

    private string NewFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"projektregistret-kopia-{Guid.NewGuid():N}.db");
        _files.Add(file);
        return file;
    }

    private static int Projects(string file) => SqliteFile.Count(file, "SELECT COUNT(*) FROM Projects");

    [SqliteFact]
    public async Task Backup_while_the_site_runs_writes_one_checked_file_with_every_project()
    {
        using var cli = new RegistryProcess(_site.DatabasePath);
        var target = NewFile();

        var result = await cli.RunAsync(null, "backup", target);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("integrity_check: ok", result.Out, StringComparison.Ordinal);
        Assert.Equal("ok", SqliteFile.Scalar(target, "PRAGMA integrity_check"));
        Assert.Equal(Projects(_site.DatabasePath), Projects(target));
        Assert.Equal(25, Projects(target));
        // A self-contained file: no WAL mode, nothing beside it, no temporary file left.
        Assert.Equal("delete", SqliteFile.Scalar(target, "PRAGMA journal_mode"));
        Assert.False(File.Exists(target + "-wal"));
        Assert.False(File.Exists(target + ".tmp"));
    }

    [SqliteFact]
    public async Task Backup_never_overwrites_an_existing_file()
    {
        using var cli = new RegistryProcess(_site.DatabasePath);
        var target = NewFile();
        await File.WriteAllTextAsync(target, "en tidigare kopia");

        var result = await cli.RunAsync(null, "backup", target);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("finns redan", result.Error, StringComparison.Ordinal);
        Assert.Equal("en tidigare kopia", await File.ReadAllTextAsync(target));
    }

    [SqliteFact]
    public async Task Restore_is_refused_while_the_site_has_the_database_open()
    {
        using var cli = new RegistryProcess(_site.DatabasePath);
        var backup = NewFile();
        Assert.Equal(0, (await cli.RunAsync(null, "backup", backup)).ExitCode);

        var result = await cli.RunAsync(null, "restore", backup);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Stoppa webbplatsen först", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_site.DatabasePath)!, Path.GetFileName(_site.DatabasePath) + ".fore-restore-*"));
        using var client = _site.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri("/projekt", UriKind.Relative))).StatusCode);
    }

    [SqliteFact]
    public async Task Restore_replaces_a_stopped_sites_database_and_keeps_the_replaced_file()
    {
        // A database of its own, with no site running: seeded by `migrate` + `users add`, then backed up.
        using var cli = new RegistryProcess();
        Assert.Equal(0, (await cli.RunAsync(StaffSession.Password + "\n", "users", "add", "--email", "drift@example.se", "--role", "Admin")).ExitCode);
        var backup = NewFile();
        Assert.Equal(0, (await cli.RunAsync(null, "backup", backup)).ExitCode);
        // Then a change that the restore should undo, and that the kept file should still have.
        SqliteFile.Execute(cli.DatabasePath, "UPDATE Projects SET Title = 'Ändrat efter kopian' WHERE Slug = 'exportfokus'");

        var result = await cli.RunAsync(null, "restore", backup);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ok", SqliteFile.Scalar(cli.DatabasePath, "PRAGMA integrity_check"));
        Assert.Equal("Exportfokus", SqliteFile.Scalar(cli.DatabasePath, "SELECT Title FROM Projects WHERE Slug = 'exportfokus'"));
        var kept = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(cli.DatabasePath)!, Path.GetFileName(cli.DatabasePath) + ".fore-restore-*"));
        Assert.Contains(kept, result.Out, StringComparison.Ordinal);
        Assert.Equal("Ändrat efter kopian", SqliteFile.Scalar(kept, "SELECT Title FROM Projects WHERE Slug = 'exportfokus'"));
        Assert.False(File.Exists(cli.DatabasePath + "-wal") && new FileInfo(cli.DatabasePath + "-wal").Length > 0);
        // Staff accounts are in every one of them: readable by the owner only.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in new[] { cli.DatabasePath, backup, kept })
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        // The restored database serves, with the account the backup had.
        using var server = await cli.StartServerAsync();
        using var staff = server.CreateClient();
        using var signIn = await staff.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = "drift@example.se", ["Input.Password"] = StaffSession.Password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [SqliteTheory]
    [InlineData("text")]
    [InlineData("empty-sqlite")]
    [InlineData("newer")]
    public async Task Restore_checks_the_backup_first_and_leaves_the_database_alone_when_it_is_wrong(string kind)
    {
        using var cli = new RegistryProcess();
        Assert.Equal(0, (await cli.RunAsync(null, "migrate")).ExitCode);
        var before = File.ReadAllBytes(cli.DatabasePath);
        var backup = NewFile();
        switch (kind)
        {
            case "text":
                await File.WriteAllTextAsync(backup, "inte en databas");
                break;
            case "empty-sqlite":
                SqliteFile.Execute(backup, "CREATE TABLE Anteckningar (Text TEXT)");
                break;
            case "newer":
                Assert.Equal(0, (await cli.RunAsync(null, "backup", backup)).ExitCode);
                SqliteFile.Execute(backup, "INSERT INTO __EFMigrationsHistory VALUES ('29991231000000_FranFramtiden', '99.0.0')");
                break;
        }

        var result = await cli.RunAsync(null, "restore", backup);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("läses inte tillbaka", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(cli.DatabasePath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(cli.DatabasePath)!, Path.GetFileName(cli.DatabasePath) + ".fore-restore-*"));
    }

    [SqliteFact]
    public async Task Migrate_creates_the_schema_without_seeding_and_a_second_run_has_nothing_to_do()
    {
        using var cli = new RegistryProcess();

        var first = await cli.RunAsync(null, "migrate");
        var second = await cli.RunAsync(null, "migrate");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("är migrerad", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, Projects(cli.DatabasePath));
        Assert.Equal(2, SqliteFile.Count(cli.DatabasePath, "SELECT COUNT(*) FROM AspNetRoles"));
        Assert.Equal("wal", SqliteFile.Scalar(cli.DatabasePath, "PRAGMA journal_mode"));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("inget att göra", second.Out, StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task Migrate_while_the_site_runs_says_there_is_nothing_to_do()
    {
        using var cli = new RegistryProcess(_site.DatabasePath);

        var result = await cli.RunAsync(null, "migrate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("inget att göra", result.Out, StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task An_unknown_command_prints_the_commands_instead_of_starting_the_site()
    {
        using var cli = new RegistryProcess();

        var result = await cli.RunAsync(null, "bakup", "/tmp/x.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Okänt kommando ”bakup”", result.Error, StringComparison.Ordinal);
        Assert.Contains("restore FIL", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.DatabasePath));
    }
}
