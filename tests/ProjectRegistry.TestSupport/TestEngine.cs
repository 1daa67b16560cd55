namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// Which database engine this test run uses: SQLite unless <c>REGISTRY_TEST_DATABASE=Postgres</c>, which
/// .ci/run sets for its second pass over the whole suite.
/// </summary>
public static class TestEngine
{
    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("REGISTRY_TEST_DATABASE"), "Postgres", StringComparison.OrdinalIgnoreCase);

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
