using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Data;

/// <summary>The registry and its staff accounts (ASP.NET Core Identity) in one store.</summary>
public class RegistryDbContext : IdentityDbContext<StaffUser>, IDataProtectionKeyContext
{
    public RegistryDbContext(DbContextOptions<RegistryDbContext> options) : base(options)
    {
    }

    /// <summary>For <see cref="PostgresRegistryDbContext"/>, whose options are typed on itself.</summary>
    protected RegistryDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<GoalArea> GoalAreas => Set<GoalArea>();
    public DbSet<DirectionGoal> DirectionGoals => Set<DirectionGoal>();
    public DbSet<ProjectFinancier> ProjectFinanciers => Set<ProjectFinancier>();
    public DbSet<ProjectPartner> ProjectPartners => Set<ProjectPartner>();
    public DbSet<ProjectRevision> ProjectRevisions => Set<ProjectRevision>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<SitePage> SitePages => Set<SitePage>();
    public DbSet<SearchChange> SearchChanges => Set<SearchChange>();

    /// <summary>
    /// The keys that protect sign-in cookies and antiforgery tokens, in the database so that every web node
    /// (and a restored backup) reads and writes the same ones: a form rendered by one node posts to another.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// What the public may see: published, not deleted, and in a status its publisher shows. Every public
    /// page starts from here; staff pages start from <see cref="Projects"/>.
    /// </summary>
    public IQueryable<Project> PublicProjects
    {
        get
        {
            // The few publishers that hide a status are read once per context and become constant conditions:
            // asking each project's publisher row for its hidden list would cost a JSON parse per project.
            _hiddenStatuses ??= Organisations.AsNoTracking().Where(o => o.HiddenStatuses.Count > 0)
                .Select(o => new { o.Id, o.HiddenStatuses }).AsEnumerable()
                .Select(o => (o.Id, o.HiddenStatuses)).ToList();
            var projects = Projects.Where(p => p.IsPublished);
            foreach (var (publisherId, statuses) in _hiddenStatuses)
                projects = projects.Where(p => p.PublisherId != publisherId || !statuses.Contains(p.Status));
            return projects;
        }
    }

    private List<(int PublisherId, List<ProjectStatus> Statuses)>? _hiddenStatuses;

    /// <summary>
    /// The engine's full-text query for what a visitor typed (<see cref="SearchText.FtsQuery"/> on SQLite,
    /// <see cref="SearchText.TsQuery"/> on PostgreSQL), or null when it has no word to search for.
    /// </summary>
    public string? FullTextQuery(string? query) => Database.IsNpgsql() ? SearchText.TsQuery(query) : SearchText.FtsQuery(query);

    /// <summary>
    /// The projects matching a full-text query, title weighted ten times the rest; a lower rank is a better hit.
    /// On SQLite through the FTS5 index ProjectSearch (bm25; the FullTextSearch migration), on PostgreSQL through
    /// the GIN-indexed tsvector column "SearchVector" (ts_rank; the Postgres FullTextSearch migration).
    /// <paramref name="fullTextQuery"/> must come from <see cref="FullTextQuery"/>, which quotes every word or
    /// keeps only letters and digits: user input never reaches the query syntax. It is a parameter either way.
    /// </summary>
    public IQueryable<SearchHit> Search(string fullTextQuery) => Database.IsNpgsql()
        ? Set<SearchHit>().FromSql(
            $"""SELECT "Id", -ts_rank("SearchVector", to_tsquery('simple', {fullTextQuery}))::float8 AS "Rank" FROM "Projects" WHERE "SearchVector" @@ to_tsquery('simple', {fullTextQuery})""")
        : Set<SearchHit>().FromSql(
            $"SELECT rowid AS Id, bm25(ProjectSearch, 10.0, 1.0) AS Rank FROM ProjectSearch WHERE ProjectSearch MATCH {fullTextQuery}");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefreshSearchText();
        RaiseVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefreshSearchText();
        RaiseVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Every save of a project raises its version; the UPDATE checks the version it was based on.</summary>
    private void RaiseVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Project>().Where(e => e.State == EntityState.Modified))
            entry.Entity.Version = entry.Property(p => p.Version).OriginalValue + 1;
    }

    /// <summary>Keeps each saved project's search text in step with what it is searched on.</summary>
    private void RefreshSearchText()
    {
        foreach (var entry in ChangeTracker.Entries<Project>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            var p = entry.Entity;
            if (p.Owner is null && p.OwnerId is not null) entry.Reference(x => x.Owner).Load();
            p.SearchText = SearchText.Normalize(string.Join('\n', new[]
            {
                p.Title, p.ShortName, p.Purpose, p.Goal, p.Description, p.Owner?.Name,
                string.Join('\n', p.SubGoals), string.Join('\n', p.TargetGroups),
            }.Where(s => !string.IsNullOrWhiteSpace(s))));
        }
    }
}
