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
        builder.HasIndex(o => new { o.Country, o.Status });
    }
}

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

internal sealed class ApiKeyRowConfiguration : IEntityTypeConfiguration<ApiKeyRow>
{
    public void Configure(EntityTypeBuilder<ApiKeyRow> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(40);
        builder.Property(k => k.Name).HasMaxLength(200);
        builder.Property(k => k.Hash).HasMaxLength(200);
        builder.Property(k => k.Scopes).HasMaxLength(500);
    }
}
