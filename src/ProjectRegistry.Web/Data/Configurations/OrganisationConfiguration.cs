using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Data.Engines;

namespace ProjectRegistry.Web.Data.Configurations;

public class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.HasIndex(o => o.Slug).IsUnique();
        builder.Property(o => o.Slug).HasMaxLength(120);
        builder.Property(o => o.Name).HasMaxLength(300).UseCollation(SwedishCollation.Name);
        builder.HasOne(o => o.Municipality).WithMany().HasForeignKey(o => o.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.AreaMunicipalities).WithMany().UsingEntity("OrganisationAreaMunicipality");
        builder.HasMany(o => o.GoalAreas).WithOne(g => g.Organisation).HasForeignKey(g => g.OrganisationId);
        builder.Ignore(o => o.IsPublisher);
        builder.Property(o => o.ContactEmail).HasMaxLength(254);
        builder.Property(o => o.HiddenStatuses).HasDefaultValueSql("'[]'");
        builder.Property(o => o.AccentColor).HasMaxLength(7);
        builder.Property(o => o.EmbedOrigins).HasDefaultValueSql("'[]'");
        builder.OwnsOne(o => o.VolunteerHourRate, m => MoneyConfiguration.Configure(m, "VolunteerHourRate"));
        builder.Property(o => o.AddedBy).HasMaxLength(256);
        // The admin's start page counts the new ones on every visit.
        builder.HasIndex(o => o.Review);
    }
}

public class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> builder)
    {
        builder.HasKey(m => m.Code);
        builder.Property(m => m.Code).HasMaxLength(4);
        builder.Property(m => m.CountyCode).HasMaxLength(2);
        builder.Property(m => m.Name).UseCollation(SwedishCollation.Name);
        builder.Property(m => m.CountyName).UseCollation(SwedishCollation.Name);
    }
}

public class GoalAreaConfiguration : IEntityTypeConfiguration<GoalArea>
{
    public void Configure(EntityTypeBuilder<GoalArea> builder)
    {
        builder.HasIndex(g => new { g.OrganisationId, g.Slug }).IsUnique();
        builder.Property(g => g.Name).UseCollation(SwedishCollation.Name);
        builder.HasMany(g => g.DirectionGoals).WithOne(d => d.GoalArea).HasForeignKey(d => d.GoalAreaId);
        builder.OwnsOne(g => g.PlannedBudget, m => MoneyConfiguration.Configure(m, "PlannedBudget"));
    }
}

public class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.HasOne(i => i.Organisation).WithMany(o => o.Indicators).HasForeignKey(i => i.OrganisationId);
        builder.HasIndex(i => new { i.OrganisationId, i.Name }).IsUnique();
        // No Swedish collation: a unique index over a collated column makes every connection without the collation
        // (backup's integrity check, the sqlite3 shell) unable to read the file. Indicators are ordered by position.
        builder.Property(i => i.Name).HasMaxLength(300);
        builder.Property(i => i.Unit).HasMaxLength(100);
        builder.Property(i => i.EuCode).HasMaxLength(10);
        // Removing a målområde leaves its indicators in the catalogue, no longer tied to an area.
        builder.HasOne(i => i.GoalArea).WithMany().HasForeignKey(i => i.GoalAreaId).OnDelete(DeleteBehavior.SetNull);
    }
}
