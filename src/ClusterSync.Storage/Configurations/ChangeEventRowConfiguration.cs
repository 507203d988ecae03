using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClusterSync.Storage.Configurations;

internal sealed class ChangeEventRowConfiguration : IEntityTypeConfiguration<ChangeEventRow>
{
    public void Configure(EntityTypeBuilder<ChangeEventRow> builder)
    {
        builder.ToTable("change_events");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedOnAdd();
        builder.Property(e => e.OrganisationId).HasMaxLength(40);
        builder.Property(e => e.SurvivorId).HasMaxLength(40);
        builder.Property(e => e.Type).HasMaxLength(16);
        builder.HasIndex(e => new { e.OrganisationId, e.Sequence });
    }
}
