using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data.Engines;

namespace ProjectRegistry.Web.Data;

/// <summary>
/// The registry on PostgreSQL. A type of its own only so that EF keeps a migration history per engine
/// (Data/Migrations/Postgres); the model is <see cref="RegistryDbContext"/>'s, plus the server-side pieces
/// SQLite gets from interceptors: the Swedish ICU collation that the name and title columns sort by.
/// </summary>
public sealed class PostgresRegistryDbContext(DbContextOptions<PostgresRegistryDbContext> options) : RegistryDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Case-insensitive like the SQLite collation (level 2: å, ä and ö are letters of their own, case is not),
        // deterministic: false so that equality and unique indexes on these columns ignore case as on SQLite.
        builder.HasCollation(SwedishCollation.Name, locale: "sv-SE-u-ks-level2", provider: "icu", deterministic: false);
        base.OnModelCreating(builder);
        // A PostgreSQL array, not SQLite's JSON text: the empty default is '{}'.
        builder.Entity<Domain.Organisation>().Property(o => o.HiddenStatuses).HasDefaultValueSql("'{}'");
        builder.Entity<Domain.Organisation>().Property(o => o.EmbedOrigins).HasDefaultValueSql("'{}'");
    }
}
