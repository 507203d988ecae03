using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClusterSync.Storage.Configurations;

internal sealed class DirectoryTermRowConfiguration : IEntityTypeConfiguration<DirectoryTermRow>
{
    public void Configure(EntityTypeBuilder<DirectoryTermRow> builder)
    {
        builder.ToTable("directory_terms");
        builder.HasKey(t => new { t.Facet, t.Value, t.OrganisationId });
        builder.Property(t => t.OrganisationId).HasMaxLength(40);
        builder.Property(t => t.Facet).HasMaxLength(16);
        builder.Property(t => t.Value).HasMaxLength(200);
        builder.HasIndex(t => t.OrganisationId);
    }
}
