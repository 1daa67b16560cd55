using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Data;

public class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<GoalArea> GoalAreas => Set<GoalArea>();
    public DbSet<DirectionGoal> DirectionGoals => Set<DirectionGoal>();
    public DbSet<ProjectFinancier> ProjectFinanciers => Set<ProjectFinancier>();
    public DbSet<ProjectPartner> ProjectPartners => Set<ProjectPartner>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefreshSearchText();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefreshSearchText();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
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
