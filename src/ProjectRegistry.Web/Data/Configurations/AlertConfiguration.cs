using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Data.Configurations;

public class AlertSubscriptionConfiguration : IEntityTypeConfiguration<AlertSubscription>
{
    public void Configure(EntityTypeBuilder<AlertSubscription> builder)
    {
        builder.Property(a => a.Email).HasMaxLength(254);
        builder.Property(a => a.Filter).HasMaxLength(4000);
        builder.Property(a => a.TokenHash).HasMaxLength(64);
        // The confirmation link finds its row by the hash; the digest run finds the due ones by date.
        builder.HasIndex(a => a.TokenHash).IsUnique();
        builder.HasIndex(a => a.LastDigestAt);
        builder.HasIndex(a => a.CreatedAt);
    }
}

public class AlertConfirmationMailConfiguration : IEntityTypeConfiguration<AlertConfirmationMail>
{
    public void Configure(EntityTypeBuilder<AlertConfirmationMail> builder)
    {
        // The key makes a slot one row, so that two requests inserting it at once cannot both succeed.
        builder.HasKey(m => new { m.Email, m.Slot });
        builder.Property(m => m.Email).HasMaxLength(254);
        builder.HasIndex(m => m.SentAt);
    }
}

public class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Holder).HasMaxLength(200);
        // The row exists from the migration on, so taking the lease is always one conditional UPDATE, never an insert race.
        builder.HasData(new JobLease { Name = "alert-digests", Holder = null, ExpiresAt = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
    }
}
