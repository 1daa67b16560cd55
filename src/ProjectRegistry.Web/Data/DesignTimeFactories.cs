using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Data;

/// <summary>
/// For <c>dotnet ef migrations add NAME --context RegistryDbContext --output-dir Data/Migrations</c> (SQLite) and
/// <c>... --context PostgresRegistryDbContext --output-dir Data/Migrations/Postgres</c>: each engine keeps its own
/// migrations. Adding a migration needs the model, not a database, so no connection is made.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<RegistryDbContext>)Database.Configure(new DbContextOptionsBuilder<RegistryDbContext>(), "Data Source=design-time.db").Options);
}

/// <inheritdoc cref="SqliteDesignTimeFactory"/>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRegistryDbContext>
{
    public PostgresRegistryDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresRegistryDbContext>)Database.Configure(
            new DbContextOptionsBuilder<PostgresRegistryDbContext>(), DatabaseProvider.Postgres, "Host=localhost;Database=projektregistret").Options);
}
