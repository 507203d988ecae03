using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>
/// The directory's database. Provider-specific subclasses (<see cref="PostgresDbContext"/>,
/// <see cref="SqliteDbContext"/>) each own a migration set; nothing outside Storage sees the difference.
/// </summary>
public abstract class ClusterSyncDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<SourceRecordRow> SourceRecords => Set<SourceRecordRow>();
    public DbSet<QuarantinedRecordRow> QuarantinedRecords => Set<QuarantinedRecordRow>();
    public DbSet<DirectoryOrganisationRow> Organisations => Set<DirectoryOrganisationRow>();
    public DbSet<DirectoryTermRow> DirectoryTerms => Set<DirectoryTermRow>();
    public DbSet<RecordLinkRow> RecordLinks => Set<RecordLinkRow>();
    public DbSet<SyncRunRow> SyncRuns => Set<SyncRunRow>();
    public DbSet<ChangeEventRow> ChangeEvents => Set<ChangeEventRow>();
    public DbSet<MatchDecisionRow> MatchDecisions => Set<MatchDecisionRow>();
    public DbSet<ReviewItemRow> ReviewItems => Set<ReviewItemRow>();
    public DbSet<ApiKeyRow> ApiKeys => Set<ApiKeyRow>();
    public DbSet<InstanceRow> Instances => Set<InstanceRow>();
    public DbSet<OperatorActionRow> OperatorActions => Set<OperatorActionRow>();
    public DbSet<WebhookSubscriptionRow> WebhookSubscriptions => Set<WebhookSubscriptionRow>();
    public DbSet<WebhookDeliveryRow> WebhookDeliveries => Set<WebhookDeliveryRow>();

    /// <summary>The provider this context speaks to.</summary>
    public abstract StorageProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClusterSyncDbContext).Assembly);
    }
}

/// <summary>Supported database providers.</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}
