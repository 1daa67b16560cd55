using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ProjectRegistry.Web.Data.Engines;

namespace ProjectRegistry.Web.Data;

/// <summary>
/// For <c>dotnet ef migrations add NAME --context RegistryDbContext --output-dir Data/Migrations</c> (SQLite) and
/// <c>... --context PostgresRegistryDbContext --output-dir Data/Migrations/Postgres</c>: each engine keeps its own
/// migrations. Adding a migration needs the model, not a database, so no connection is made.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext(string[] args) =>
        DatabaseEngines.Named("Sqlite").CreateContext("Data Source=design-time.db");
}

/// <inheritdoc cref="SqliteDesignTimeFactory"/>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRegistryDbContext>
{
    public PostgresRegistryDbContext CreateDbContext(string[] args) =>
        (PostgresRegistryDbContext)DatabaseEngines.Named("Postgres").CreateContext("Host=localhost;Database=projektregistret");
}
