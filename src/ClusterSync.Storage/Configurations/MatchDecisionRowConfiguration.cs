using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClusterSync.Storage.Configurations;

internal sealed class MatchDecisionRowConfiguration : IEntityTypeConfiguration<MatchDecisionRow>
{
    public void Configure(EntityTypeBuilder<MatchDecisionRow> builder)
    {
        builder.ToTable("match_decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.LeftKey).HasMaxLength(250);
        builder.Property(d => d.RightKey).HasMaxLength(250);
        builder.Property(d => d.Kind).HasMaxLength(16);
        builder.Property(d => d.Author).HasMaxLength(200);
        builder.Property(d => d.RevokedBy).HasMaxLength(200);
        builder.Property(d => d.Reason).HasMaxLength(2000);
        builder.HasIndex(d => new { d.LeftKey, d.RightKey });
    }
}
