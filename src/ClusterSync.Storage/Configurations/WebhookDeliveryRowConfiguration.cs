using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClusterSync.Storage.Configurations;

internal sealed class WebhookDeliveryRowConfiguration : IEntityTypeConfiguration<WebhookDeliveryRow>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryRow> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.SubscriptionId).HasMaxLength(40);
        builder.Property(d => d.MessageId).HasMaxLength(100);
        builder.Property(d => d.EventType).HasMaxLength(40);
        builder.Property(d => d.Trigger).HasMaxLength(16);
        builder.Property(d => d.Error).HasMaxLength(1000);
        builder.HasIndex(d => new { d.SubscriptionId, d.Id });
        builder.HasOne<WebhookSubscriptionRow>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
