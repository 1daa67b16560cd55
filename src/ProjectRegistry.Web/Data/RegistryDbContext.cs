using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Data;

/// <summary>The registry and its staff accounts (ASP.NET Core Identity) in one store.</summary>
public class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : IdentityDbContext<StaffUser>(options)
{
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
    /// The projects matching a full-text query, through the FTS5 index ProjectSearch (title weighted above the
    /// rest; see the FullTextSearch migration). <paramref name="ftsQuery"/> must come from
    /// <see cref="SearchText.FtsQuery"/>, which quotes every word: user input never reaches the FTS syntax.
    /// </summary>
    public IQueryable<SearchHit> Search(string ftsQuery) => Set<SearchHit>().FromSql(
        $"SELECT rowid AS Id, bm25(ProjectSearch, 10.0, 1.0) AS Rank FROM ProjectSearch WHERE ProjectSearch MATCH {ftsQuery}");

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
