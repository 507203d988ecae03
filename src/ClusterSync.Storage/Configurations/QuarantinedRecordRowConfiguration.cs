using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClusterSync.Storage.Configurations;

internal sealed class QuarantinedRecordRowConfiguration : IEntityTypeConfiguration<QuarantinedRecordRow>
{
    public void Configure(EntityTypeBuilder<QuarantinedRecordRow> builder)
    {
        builder.ToTable("quarantined_records");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.Source, r.PayloadHash }).IsUnique();
        builder.HasIndex(r => new { r.Source, r.SourceId });
        builder.Property(r => r.Source).HasMaxLength(40);
        builder.Property(r => r.SourceId).HasMaxLength(200);
        builder.Property(r => r.PayloadHash).HasMaxLength(80);
        builder.Property(r => r.Reason).HasMaxLength(2000);
    }
}
