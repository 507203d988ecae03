using ClusterSync.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClusterSync.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway database for one test: a SQLite file, or a fresh database on the PostgreSQL server named by
/// <see cref="PostgresVariable"/>. Without that variable PostgreSQL tests are skipped locally and FAIL under CI=true.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "CLUSTERSYNC_TEST_POSTGRES";

    private readonly string? _sqliteFile;
    private readonly string? _postgresDatabase;
    private ServiceProvider? _services;

    private TestDatabase(StorageProvider provider, string connectionString, string? sqliteFile, string? postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresDatabase = postgresDatabase;
    }

    public StorageProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Configuration keys that point the service at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = Provider.ToString(),
        ["ConnectionStrings:ClusterSync"] = ConnectionString,
    };

    public IServiceProvider Services => _services ??= BuildServices();

    public IClusterSyncDbContextFactory Contexts => Services.GetRequiredService<IClusterSyncDbContextFactory>();

    public static string AdminConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            var message = $"{PostgresVariable} is not set: PostgreSQL tests need a server (scripts/test.sh starts one).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        return value!;
    }

    public static async Task<TestDatabase> CreateAsync(StorageProvider provider, bool migrate = true)
    {
        TestDatabase db;
        if (provider == StorageProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"clustersync-test-{Guid.NewGuid():N}.db");
            db = new TestDatabase(provider, $"Data Source={file}", file, null);
        }
        else
        {
            var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString());
            var name = $"cs_test_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            admin.Database = name;
            db = new TestDatabase(provider, admin.ConnectionString, null, name);
        }

        if (migrate)
        {
            await db.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        return db;
    }

    private ServiceProvider BuildServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddClusterSyncStorage(configuration);
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqliteFile + suffix);
            }
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(AdminConnectionString());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
