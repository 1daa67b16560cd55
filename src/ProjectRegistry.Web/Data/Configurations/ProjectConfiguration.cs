using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Data.Engines;

namespace ProjectRegistry.Web.Data.Configurations;

public class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    // ISO text at the recorded precision ("2019", "2020-09", "2018-09-01") sorts correctly as text.
    internal static readonly ValueConverter<PartialDate?, string?> PartialDateConverter = new(
        d => d == null ? null : d.ToIsoString(),
        s => s == null ? null : ParsePartialDate(s));

    private static PartialDate ParsePartialDate(string s) =>
        PartialDate.TryParse(s, out var d) ? d! : throw new InvalidOperationException($"Ogiltigt datum i databasen: {s}");

    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.HasIndex(p => p.Status);
        builder.HasIndex(p => p.UpdatedAt);
        builder.Property(p => p.Version).IsConcurrencyToken();
        // Deleted projects vanish from every query, staff's included; the bin asks for them with IgnoreQueryFilters.
        builder.HasQueryFilter(p => p.DeletedAt == null);
        builder.Property(p => p.Slug).HasMaxLength(120);
        builder.Property(p => p.Title).HasMaxLength(300).UseCollation(SwedishCollation.Name);
        builder.Property(p => p.ShortName).HasMaxLength(100);
        builder.Property(p => p.Start).HasConversion(PartialDateConverter).HasMaxLength(10);
        builder.Property(p => p.End).HasConversion(PartialDateConverter).HasMaxLength(10);
        builder.Ignore(p => p.Period);
        builder.OwnsOne(p => p.Budget, m => MoneyConfiguration.Configure(m, "Budget"));

        builder.HasOne(p => p.Publisher).WithMany().HasForeignKey(p => p.PublisherId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Owner).WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(p => p.Partners).WithOne().HasForeignKey(x => x.ProjectId);
        builder.HasMany(p => p.Financiers).WithOne().HasForeignKey(x => x.ProjectId);
        builder.HasMany(p => p.Contacts).WithOne().HasForeignKey(x => x.ProjectId);
        builder.HasMany(p => p.Links).WithOne().HasForeignKey(x => x.ProjectId);
        builder.HasMany(p => p.Identifiers).WithOne().HasForeignKey(x => x.ProjectId);
        builder.HasMany(p => p.Places).WithOne().HasForeignKey(x => x.ProjectId);
        builder.HasMany(p => p.StatusHistory).WithOne().HasForeignKey(x => x.ProjectId);
        builder.HasMany(p => p.IndicatorValues).WithOne().HasForeignKey(x => x.ProjectId);

        builder.HasMany(p => p.Municipalities).WithMany(m => m.Projects).UsingEntity("ProjectMunicipality");
        builder.HasMany(p => p.GoalAreas).WithMany(g => g.Projects).UsingEntity("ProjectGoalArea");
        builder.HasMany(p => p.DirectionGoals).WithMany(g => g.Projects).UsingEntity("ProjectDirectionGoal");
    }
}

public class ProjectPartnerConfiguration : IEntityTypeConfiguration<ProjectPartner>
{
    public void Configure(EntityTypeBuilder<ProjectPartner> builder)
    {
        builder.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsOne(x => x.BudgetShare, m => MoneyConfiguration.Configure(m, "BudgetShare"));
    }
}

public class ProjectFinancierConfiguration : IEntityTypeConfiguration<ProjectFinancier>
{
    public void Configure(EntityTypeBuilder<ProjectFinancier> builder)
    {
        builder.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.OrganisationId);
        builder.OwnsOne(x => x.Amount, m => MoneyConfiguration.Configure(m, "Amount"));
        builder.OwnsOne(x => x.HourlyRate, m => MoneyConfiguration.Configure(m, "HourlyRate"));
        builder.Property(x => x.Hours).HasPrecision(12, 2);
    }
}

public class ProjectIndicatorValueConfiguration : IEntityTypeConfiguration<ProjectIndicatorValue>
{
    public void Configure(EntityTypeBuilder<ProjectIndicatorValue> builder)
    {
        // An indicator that projects report on cannot be removed from the catalogue (the strategy page says so).
        builder.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.ProjectId, x.IndicatorId }).IsUnique();
    }
}

public class ProjectStatusChangeConfiguration : IEntityTypeConfiguration<ProjectStatusChange>
{
    public void Configure(EntityTypeBuilder<ProjectStatusChange> builder) => builder.ToTable("ProjectStatusHistory");
}

internal static class MoneyConfiguration
{
    public static void Configure<TOwner>(OwnedNavigationBuilder<TOwner, Money> m, string prefix) where TOwner : class
    {
        m.Property(x => x.MinorUnits).HasColumnName(prefix + "MinorUnits");
        m.Property(x => x.Currency).HasColumnName(prefix + "Currency").HasMaxLength(3);
        m.Ignore(x => x.Amount);
    }
}

public class ProjectFileConfiguration : IEntityTypeConfiguration<ProjectFile>
{
    public void Configure(EntityTypeBuilder<ProjectFile> builder)
    {
        builder.HasOne<Project>().WithMany(p => p.Files).HasForeignKey(f => f.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.ProjectId);
        builder.Property(f => f.Title).HasMaxLength(300);
        builder.Property(f => f.FileName).HasMaxLength(200);
        builder.Property(f => f.AltText).HasMaxLength(500);
        builder.Property(f => f.Credit).HasMaxLength(200);
        builder.Property(f => f.Licence).HasMaxLength(200);
        builder.Ignore(f => f.IsImage);
        builder.HasMany(f => f.Contents).WithOne().HasForeignKey(c => c.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ProjectFileContentConfiguration : IEntityTypeConfiguration<ProjectFileContent>
{
    public void Configure(EntityTypeBuilder<ProjectFileContent> builder)
    {
        builder.HasIndex(c => new { c.FileId, c.Variant }).IsUnique();
        builder.Property(c => c.ContentType).HasMaxLength(100);
        builder.Property(c => c.Hash).HasMaxLength(64);
    }
}
