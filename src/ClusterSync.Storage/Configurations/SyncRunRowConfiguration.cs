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
        builder.HasIndex(r => new { r.Source, r.Id });
    }
}
