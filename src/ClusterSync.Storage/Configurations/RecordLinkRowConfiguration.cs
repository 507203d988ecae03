using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClusterSync.Storage.Configurations;

internal sealed class RecordLinkRowConfiguration : IEntityTypeConfiguration<RecordLinkRow>
{
    public void Configure(EntityTypeBuilder<RecordLinkRow> builder)
    {
        builder.ToTable("record_links");
        builder.HasKey(l => new { l.Source, l.SourceId });
        builder.Property(l => l.Source).HasMaxLength(40);
        builder.Property(l => l.SourceId).HasMaxLength(200);
        builder.Property(l => l.OrganisationId).HasMaxLength(40);
        builder.HasIndex(l => l.OrganisationId);
    }
}
