using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClusterSync.Storage.Configurations;

internal sealed class DirectoryOrganisationRowConfiguration : IEntityTypeConfiguration<DirectoryOrganisationRow>
{
    public void Configure(EntityTypeBuilder<DirectoryOrganisationRow> builder)
    {
        builder.ToTable("directory_organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasMaxLength(40);
        builder.Property(o => o.Status).HasMaxLength(16);
        builder.Property(o => o.RedirectTo).HasMaxLength(40);
        builder.Property(o => o.Name).HasMaxLength(500);
        builder.Property(o => o.Country).HasMaxLength(2);
        builder.HasIndex(o => new { o.Status, o.Name, o.Id });
        builder.Property(o => o.SearchText).HasMaxLength(4000);
        builder.Property(o => o.Region).HasMaxLength(8);
        builder.HasIndex(o => new { o.Country, o.Status });
        builder.HasIndex(o => new { o.Status, o.UpdatedAt, o.Id });
    }
}
