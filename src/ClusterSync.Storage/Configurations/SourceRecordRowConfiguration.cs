using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClusterSync.Storage.Configurations;

internal sealed class SourceRecordRowConfiguration : IEntityTypeConfiguration<SourceRecordRow>
{
    public void Configure(EntityTypeBuilder<SourceRecordRow> builder)
    {
        builder.ToTable("source_records");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.Source, r.SourceId }).IsUnique();
        builder.Property(r => r.Source).HasMaxLength(40);
        builder.Property(r => r.SourceId).HasMaxLength(200);
        builder.Property(r => r.ContentHash).HasMaxLength(80);
    }
}
