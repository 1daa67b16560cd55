using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Operations;

/// <summary>
/// The PostgreSQL configuration as an operator meets it: a server that is down or a misspelt provider stops
/// the start with one sentence, and backup and restore point to pg_dump instead of touching anything.
/// </summary>
public sealed class PostgresOperationsTests
{
    private static Dictionary<string, string> Postgres(string connectionString) => new()
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Registry"] = connectionString,
    };

    [ProcessFact]
    public async Task A_PostgreSQL_server_that_does_not_answer_stops_the_start_with_one_line()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        using var app = new RegistryProcess { Settings = Postgres("Host=127.0.0.1;Port=1;Database=projektregistret;Username=registret;Timeout=3") };
        StartupFailureTests.AssertOneClearLine(await app.RunAsync(null, "--urls", "http://127.0.0.1:0"), "PostgreSQL-servern svarar inte");
    }

    [ProcessFact]
    public async Task A_misspelt_provider_stops_the_start_with_one_line_naming_the_choices()
    {
        using var app = new RegistryProcess { Settings = new() { ["Database__Provider"] = "Postgress" } };
        StartupFailureTests.AssertOneClearLine(await app.RunAsync(null, "--urls", "http://127.0.0.1:0"), "Database:Provider är ”Postgress”; ange Sqlite eller Postgres.");
    }

    [ProcessTheory]
    [InlineData("backup")]
    [InlineData("restore")]
    public async Task Backup_and_restore_on_PostgreSQL_say_to_use_pg_dump_and_touch_nothing(string command)
    {
        using var app = new RegistryProcess { Settings = Postgres("Host=127.0.0.1;Port=1;Database=projektregistret;Username=registret") };
        var file = Path.Combine(Path.GetTempPath(), $"projektregistret-pg-{Guid.NewGuid():N}.db");
        var outcome = await app.RunAsync(null, command, file);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains("Säkerhetskopiera med pg_dump och återställ med pg_restore", outcome.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        Assert.False(File.Exists(app.DatabasePath), "Kommandot skapade en SQLite-fil fast databasen är PostgreSQL.");
    }
}
