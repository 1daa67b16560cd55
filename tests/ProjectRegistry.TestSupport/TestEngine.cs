namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// Which database engine this test run uses: SQLite unless <c>REGISTRY_TEST_DATABASE=Postgres</c>, which
/// .ci/run sets for its second pass over the whole suite.
/// </summary>
public static class TestEngine
{
    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("REGISTRY_TEST_DATABASE"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public const string OncePerRun = "Startar den riktiga binären och prövar inget som beror på omgångens databasmotor; körs en gång, i den första omgången.";

    public const string SqliteOnly = "Prövar SQLite-filen själv (WAL, säkerhetskopia, låsfil, SIGKILL); körs i SQLite-omgången.";
}

/// <summary>A test of the SQLite file itself: skipped in the PostgreSQL pass, where it has no file to test.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestEngine.IsPostgres) Skip = TestEngine.SqliteOnly;
    }
}

/// <inheritdoc cref="SqliteFactAttribute"/>
public sealed class SqliteTheoryAttribute : TheoryAttribute
{
    public SqliteTheoryAttribute()
    {
        if (TestEngine.IsPostgres) Skip = TestEngine.SqliteOnly;
    }
}

/// <summary>
/// A test of the real binary in its own process whose outcome does not depend on the pass's engine (it starts the
/// binary on a SQLite file of its own, or on PostgreSQL in either pass, or refuses a setting before any database is
/// opened): it runs once, in the first pass (the README's <c>dotnet test</c>), and is not run again in the
/// PostgreSQL pass, where it would repeat the same process for the same answer.
/// </summary>
public sealed class ProcessFactAttribute : FactAttribute
{
    public ProcessFactAttribute()
    {
        if (TestEngine.IsPostgres) Skip = TestEngine.OncePerRun;
    }
}

/// <inheritdoc cref="ProcessFactAttribute"/>
public sealed class ProcessTheoryAttribute : TheoryAttribute
{
    public ProcessTheoryAttribute()
    {
        if (TestEngine.IsPostgres) Skip = TestEngine.OncePerRun;
    }
}
