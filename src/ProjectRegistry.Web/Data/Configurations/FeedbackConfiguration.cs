using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Data.Configurations;

public class FeedbackMessageConfiguration : IEntityTypeConfiguration<FeedbackMessage>
{
    public void Configure(EntityTypeBuilder<FeedbackMessage> builder)
    {
        // The inbox lists by publisher, newest first; the cleanup deletes by date.
        builder.HasIndex(m => new { m.PublisherId, m.ReceivedAt });
        builder.HasIndex(m => m.ReceivedAt);
        builder.Property(m => m.Message).HasMaxLength(FeedbackMessage.MaxMessageLength);
        builder.Property(m => m.SenderName).HasMaxLength(FeedbackMessage.MaxNameLength);
        builder.Property(m => m.SenderEmail).HasMaxLength(254);
        builder.Property(m => m.PageSlug).HasMaxLength(120);
        builder.Property(m => m.Note).HasMaxLength(FeedbackMessage.MaxNoteLength);
        builder.Property(m => m.HandledBy).HasMaxLength(254);
        // A deleted project's or publisher's messages go with it.
        builder.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.PublisherId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class FeedbackSettingsConfiguration : IEntityTypeConfiguration<FeedbackSettings>
{
    public void Configure(EntityTypeBuilder<FeedbackSettings> builder) =>
        builder.HasData(new FeedbackSettings { Id = 1, RetentionMonths = FeedbackSettings.DefaultRetentionMonths });
}
