using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Text;

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
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<ProjectIndicatorValue> ProjectIndicatorValues => Set<ProjectIndicatorValue>();
    public DbSet<ProjectFinancier> ProjectFinanciers => Set<ProjectFinancier>();
    public DbSet<ProjectPartner> ProjectPartners => Set<ProjectPartner>();
    public DbSet<ProjectRevision> ProjectRevisions => Set<ProjectRevision>();
    public DbSet<ProjectDraft> ProjectDrafts => Set<ProjectDraft>();
    public DbSet<ImportMapping> ImportMappings => Set<ImportMapping>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<SitePage> SitePages => Set<SitePage>();
    public DbSet<SearchChange> SearchChanges => Set<SearchChange>();
    public DbSet<ProjectFile> ProjectFiles => Set<ProjectFile>();
    public DbSet<ProjectFileContent> ProjectFileContents => Set<ProjectFileContent>();
    public DbSet<FeedbackMessage> FeedbackMessages => Set<FeedbackMessage>();
    public DbSet<FeedbackSettings> FeedbackSettings => Set<FeedbackSettings>();
    public DbSet<AlertSubscription> AlertSubscriptions => Set<AlertSubscription>();
    public DbSet<AlertConfirmationMail> AlertConfirmationMails => Set<AlertConfirmationMail>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();

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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveAsync(acceptAllChangesOnSuccess, async: false, CancellationToken.None).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveAsync(acceptAllChangesOnSuccess, async: true, cancellationToken);

    /// <summary>
    /// The one way a save goes, for <see cref="SaveChanges(bool)"/> and <see cref="SaveChangesAsync(bool, CancellationToken)"/>:
    /// with <paramref name="async"/> false every step runs synchronously (each awaited task is already complete), so the
    /// sync save never blocks on async work.
    /// </summary>
    private async Task<int> SaveAsync(bool acceptAllChangesOnSuccess, bool async, CancellationToken ct)
    {
        await RefreshSearchTextAsync(async, ct);
        RaiseVersions();
        if (_recording) return await BaseSaveAsync(acceptAllChangesOnSuccess, async, ct);
        var (known, added) = await AffectedProjectsAsync(async, ct);
        if (known.Count == 0 && added.Count == 0) return await BaseSaveAsync(acceptAllChangesOnSuccess, async, ct);
        if (added.Count == 0)
        {
            // The common case, one save: the rows go in with the change, in EF's own transaction.
            var rows = AddSearchChanges(known);
            try { return await BaseSaveAsync(acceptAllChangesOnSuccess, async, ct); }
            catch { Forget(rows); throw; }
        }
        // A new project's id is known only after its INSERT: two saves in one transaction.
        var own = Database.CurrentTransaction is not null ? null : async ? await Database.BeginTransactionAsync(ct) : Database.BeginTransaction();
        try
        {
            var result = await BaseSaveAsync(true, async, ct);
            _ = AddSearchChanges(known.Concat(added.Select(p => p.Id)));
            _recording = true;
            try { result += await BaseSaveAsync(true, async, ct); } finally { _recording = false; }
            if (own is not null)
            {
                if (async) await own.CommitAsync(ct);
                else own.Commit();
            }
            return result;
        }
        finally
        {
            if (own is not null)
            {
                if (async) await own.DisposeAsync();
                else own.Dispose();
            }
        }
    }

    private Task<int> BaseSaveAsync(bool acceptAllChangesOnSuccess, bool async, CancellationToken ct) =>
        async ? base.SaveChangesAsync(acceptAllChangesOnSuccess, ct) : Task.FromResult(base.SaveChanges(acceptAllChangesOnSuccess));

    /// <summary>Set while the second save of <see cref="SaveChanges(bool)"/> writes the change rows.</summary>
    private bool _recording;

    private List<SearchChange> AddSearchChanges(IEnumerable<int> projectIds)
    {
        var at = DateTime.UtcNow;
        var rows = projectIds.Distinct().Order().Select(id => new SearchChange { ProjectId = id, At = at }).ToList();
        SearchChanges.AddRange(rows);
        return rows;
    }

    /// <summary>
    /// A refused save (a concurrency conflict) leaves its entities tracked for the caller to retry or show:
    /// its change rows go, or a retry would write them twice.
    /// </summary>
    private void Forget(List<SearchChange> rows)
    {
        foreach (var row in rows) Entry(row).State = EntityState.Detached;
    }

    /// <summary>
    /// The projects whose public record this save may change, for <see cref="SearchChange"/>: saved projects,
    /// projects whose parts or links are saved, and the projects of a saved organisation, goal area, direction
    /// goal or municipality (its name is shown on and searched with them). New projects apart: no id yet.
    /// </summary>
    private async Task<(HashSet<int> Known, List<Project> Added)> AffectedProjectsAsync(bool async, CancellationToken ct)
    {
        var (known, added, organisations, goalAreas, directionGoals, municipalities) = ScanChanges();
        async Task<List<int>> IdsAsync(IQueryable<Project> projects) =>
            async ? await projects.Select(p => p.Id).ToListAsync(ct) : projects.Select(p => p.Id).ToList();
        if (organisations.Count > 0)
            known.UnionWith(await IdsAsync(Projects.Where(p => organisations.Contains(p.PublisherId)
                    || (p.OwnerId != null && organisations.Contains(p.OwnerId.Value))
                    || p.Partners.Any(x => organisations.Contains(x.OrganisationId))
                    || p.Financiers.Any(x => organisations.Contains(x.OrganisationId)))));
        if (goalAreas.Count > 0)
            known.UnionWith(await IdsAsync(Projects.Where(p => p.GoalAreas.Any(g => goalAreas.Contains(g.Id)))));
        if (directionGoals.Count > 0)
            known.UnionWith(await IdsAsync(Projects.Where(p => p.DirectionGoals.Any(g => directionGoals.Contains(g.Id)))));
        if (municipalities.Count > 0)
            known.UnionWith(await IdsAsync(Projects.Where(p => p.Municipalities.Any(m => municipalities.Contains(m.Code)))));
        return (known, added);
    }

    private (HashSet<int> Known, List<Project> Added, List<int> Organisations, List<int> GoalAreas, List<int> DirectionGoals, List<string> Municipalities) ScanChanges()
    {
        HashSet<int> known = [];
        List<Project> added = [];
        List<int> organisations = [], goalAreas = [], directionGoals = [];
        List<string> municipalities = [];
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            // An organisation, goal area, direction goal or municipality added now has no projects yet.
            var changed = entry.State is EntityState.Modified or EntityState.Deleted;
            switch (entry.Entity)
            {
                case Project p when entry.State == EntityState.Added:
                    added.Add(p);
                    continue;
                case Project p:
                    known.Add(p.Id);
                    continue;
                case Organisation o when changed: organisations.Add(o.Id); continue;
                case GoalArea g when changed: goalAreas.Add(g.Id); continue;
                case DirectionGoal d when changed: directionGoals.Add(d.Id); continue;
                case Municipality m when changed: municipalities.Add(m.Code); continue;
                case ProjectRevision or SearchChange or ProjectDraft: continue; // a revision is history (a restore saves the project); a draft is staff's own
            }
            // Parts of a project (financiers, partners, contacts, ...) and the many-to-many join rows.
            var property = entry.Metadata.FindProperty(nameof(ProjectFinancier.ProjectId)) ?? entry.Metadata.FindProperty("ProjectsId");
            if (property is null || property.ClrType != typeof(int)) continue;
            var current = entry.Property(property.Name);
            // A temporary value points at a project added in this save: it is in the added list already.
            if (!current.IsTemporary && entry.State != EntityState.Deleted) known.Add((int)current.CurrentValue!);
            if (entry.State is EntityState.Modified or EntityState.Deleted) known.Add((int)current.OriginalValue!);
        }
        return (known, added, organisations, goalAreas, directionGoals, municipalities);
    }

    /// <summary>Every save of a project raises its version; the UPDATE checks the version it was based on.</summary>
    private void RaiseVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Project>().Where(e => e.State == EntityState.Modified))
            entry.Entity.Version = entry.Property(p => p.Version).OriginalValue + 1;
    }

    /// <summary>Keeps each saved project's search text in step with what it is searched on.</summary>
    private async Task RefreshSearchTextAsync(bool async, CancellationToken ct)
    {
        foreach (var entry in ChangeTracker.Entries<Project>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
        {
            var p = entry.Entity;
            if (p.Owner is null && p.OwnerId is not null)
            {
                if (async) await entry.Reference(x => x.Owner).LoadAsync(ct);
                else entry.Reference(x => x.Owner).Load();
            }
            p.SearchText = SearchText.Normalize(string.Join('\n', new[]
            {
                p.Title, p.ShortName, p.Purpose, p.Goal, p.Description, p.Owner?.Name,
                string.Join('\n', p.SubGoals), string.Join('\n', p.TargetGroups),
            }.Where(s => !string.IsNullOrWhiteSpace(s))));
        }
    }
}
