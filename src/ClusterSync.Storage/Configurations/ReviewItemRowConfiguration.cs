using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClusterSync.Storage.Configurations;

internal sealed class ReviewItemRowConfiguration : IEntityTypeConfiguration<ReviewItemRow>
{
    public void Configure(EntityTypeBuilder<ReviewItemRow> builder)
    {
        builder.ToTable("review_items");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.LeftKey).HasMaxLength(250);
        builder.Property(r => r.RightKey).HasMaxLength(250);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.DecidedBy).HasMaxLength(200);
        builder.HasIndex(r => new { r.LeftKey, r.RightKey }).IsUnique();
        builder.HasIndex(r => new { r.Status, r.Id });
    }
}
