using ClusterSync.Core.Publication;
using ClusterSync.Core.Sync;
using ClusterSync.Storage.Feed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClusterSync.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the provider-specific context factory, the migrator, and the stores and queries that own every
    /// read and write of the database (the Core store interfaces among them).
    /// </summary>
    public static IServiceCollection AddClusterSyncStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLogging();
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .PostConfigure(o => o.ConnectionString ??= configuration.GetConnectionString(StorageOptions.ConnectionStringName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        services.AddSingleton<IClusterSyncDbContextFactory, ClusterSyncDbContextFactory>();
        services.AddSingleton<DatabaseMigrator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<InstanceOptions>().Bind(configuration.GetSection(InstanceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<InstanceIdentity>();
        services.AddSingleton<InstanceStore>();
        services.AddSingleton<OperatorActionStore>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<ISyncRunStore>(sp => sp.GetRequiredService<RunStore>());
        services.AddSingleton<SourceRecordStore>();
        services.AddSingleton<ISourceRecordStore>(sp => sp.GetRequiredService<SourceRecordStore>());
        services.AddSingleton<DirectoryStore>();
        services.AddSingleton<IDirectoryStore>(sp => sp.GetRequiredService<DirectoryStore>());
        services.AddSingleton<DirectoryQueries>();
        services.AddSingleton<SectorQueries>();
        services.AddSingleton<DirectoryExporter>();
        services.AddSingleton<ChangeNotifications>();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<DecisionStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<Webhooks.WebhookStore>();
        services.AddSingleton<RunHealthQueries>();
        return services;
    }
}

/// <summary>Creates contexts for the configured provider; one per unit of work.</summary>
public interface IClusterSyncDbContextFactory
{
    StorageProvider Provider { get; }

    ClusterSyncDbContext CreateDbContext();
}

internal sealed class ClusterSyncDbContextFactory : IClusterSyncDbContextFactory
{
    private readonly DbContextOptions<PostgresDbContext>? _postgres;
    private readonly DbContextOptions<SqliteDbContext>? _sqlite;

    public ClusterSyncDbContextFactory(IOptions<StorageOptions> options)
    {
        var storage = options.Value;
        Provider = storage.ParsedProvider;
        var connectionString = storage.EffectiveConnectionString;
        if (Provider == StorageProvider.Postgres)
        {
            _postgres = StorageOptionsBuilder.Postgres(new DbContextOptionsBuilder<PostgresDbContext>(), connectionString).Options;
        }
        else
        {
            EnsureSqliteFolder(connectionString);
            _sqlite = StorageOptionsBuilder.Sqlite(new DbContextOptionsBuilder<SqliteDbContext>(), connectionString).Options;
        }
    }

    public StorageProvider Provider { get; }

    public ClusterSyncDbContext CreateDbContext() =>
        Provider == StorageProvider.Postgres ? new PostgresDbContext(_postgres!) : new SqliteDbContext(_sqlite!);

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (dataSource is ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            System.IO.Directory.CreateDirectory(folder);
        }
    }
}
