using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClusterSync.Storage;

/// <summary>Storage settings: section <c>Storage</c>, connection string <c>ConnectionStrings:ClusterSync</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string ConnectionStringName = "ClusterSync";
    public const string DefaultSqliteConnectionString = "Data Source=data/clustersync.db";

    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c>.</summary>
    [Required]
    public string Provider { get; set; } = nameof(StorageProvider.Sqlite);

    /// <summary>Apply pending migrations when the service starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Resolved from <c>ConnectionStrings:ClusterSync</c>; SQLite falls back to a file under <c>data/</c>.</summary>
    public string? ConnectionString { get; set; }

    public StorageProvider ParsedProvider =>
        Enum.TryParse<StorageProvider>(Provider, ignoreCase: true, out var p) && Enum.IsDefined(p)
            ? p
            : throw new InvalidOperationException($"Unknown storage provider '{Provider}'.");

    public string EffectiveConnectionString =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : ParsedProvider == StorageProvider.Sqlite ? DefaultSqliteConnectionString
        : throw new InvalidOperationException("ConnectionStrings:ClusterSync is required for the Postgres provider.");
}

/// <summary>Checks the provider name and the connection string's syntax before anything connects.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!Enum.TryParse<StorageProvider>(options.Provider, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:Provider '{options.Provider}' is not supported; use 'Sqlite' or 'Postgres'.");
        }

        if (provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("ConnectionStrings:ClusterSync is required when Storage:Provider is 'Postgres'.");
        }

        try
        {
            var connectionString = options.EffectiveConnectionString;
            if (provider == StorageProvider.Postgres)
            {
                var builder = new NpgsqlConnectionStringBuilder(connectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    return ValidateOptionsResult.Fail("ConnectionStrings:ClusterSync has no Host for PostgreSQL.");
                }
            }
            else
            {
                var builder = new SqliteConnectionStringBuilder(connectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource))
                {
                    return ValidateOptionsResult.Fail("ConnectionStrings:ClusterSync has no Data Source for SQLite.");
                }
            }
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:ClusterSync is not a valid {provider} connection string: {ex.Message}");
        }

        return ValidateOptionsResult.Success;
    }
}
