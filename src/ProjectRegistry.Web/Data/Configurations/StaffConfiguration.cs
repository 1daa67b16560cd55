using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Data.Configurations;

public class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder) =>
        builder.HasMany(u => u.Organisations).WithMany().UsingEntity("StaffUserOrganisation");
}

public class ProjectRevisionConfiguration : IEntityTypeConfiguration<ProjectRevision>
{
    public void Configure(EntityTypeBuilder<ProjectRevision> builder)
    {
        builder.HasIndex(r => new { r.ProjectId, r.Number }).IsUnique();
        builder.Property(r => r.Note).HasMaxLength(300);
        builder.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ProjectDraftConfiguration : IEntityTypeConfiguration<ProjectDraft>
{
    public void Configure(EntityTypeBuilder<ProjectDraft> builder)
    {
        builder.ToTable("ProjectDrafts");
        builder.HasIndex(d => new { d.StaffUserId, d.ProjectId });
        builder.Property(d => d.StaffUserId).HasMaxLength(450);
        // A draft goes with its author's account and with its project.
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(d => d.StaffUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder) => builder.HasIndex(a => a.At);
}

public class SitePageConfiguration : IEntityTypeConfiguration<SitePage>
{
    public void Configure(EntityTypeBuilder<SitePage> builder)
    {
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.Slug).HasMaxLength(40);
    }
}

public class SearchChangeConfiguration : IEntityTypeConfiguration<SearchChange>
{
    // The key is the order nodes read the table in; by convention it is never reused (SQLite AUTOINCREMENT,
    // PostgreSQL identity). Nothing else is looked up: no other index.
    public void Configure(EntityTypeBuilder<SearchChange> builder) => builder.HasKey(c => c.Id);
}
