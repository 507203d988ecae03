using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClusterSync.Storage.Configurations;

internal sealed class SyncRunRowConfiguration : IEntityTypeConfiguration<SyncRunRow>
{
    public void Configure(EntityTypeBuilder<SyncRunRow> builder)
    {
        builder.ToTable("sync_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Source).HasMaxLength(40);
        builder.Property(r => r.Mode).HasMaxLength(16);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.Trigger).HasMaxLength(64);
        builder.Property(r => r.InstanceId).HasMaxLength(200);
        builder.Property(r => r.Error).HasMaxLength(4000);
        builder.Property(r => r.RequestedBy).HasMaxLength(200);
        builder.Property(r => r.HoldResolution).HasMaxLength(16);
        builder.Property(r => r.HoldResolvedBy).HasMaxLength(200);
        builder.HasIndex(r => new { r.Source, r.Id });
        builder.HasIndex(r => new { r.Status, r.Source });
        // At most one queued or running run per source (operators' decisions publish under their own lock and are exempt).
        builder.HasIndex(r => r.Source).IsUnique().HasDatabaseName("ix_sync_runs_one_unfinished_per_source")
            .HasFilter("status IN ('queued', 'running') AND source <> 'decisions'");
    }
}
