using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClusterSync.Storage;

/// <summary>PostgreSQL (production). JSON columns are <c>jsonb</c>.</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : ClusterSyncDbContext(options)
{
    public override StorageProvider Provider => StorageProvider.Postgres;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<SourceRecordRow>().Property(r => r.NormalisedJson).HasColumnType("jsonb");
        modelBuilder.Entity<DirectoryOrganisationRow>().Property(o => o.GoldenJson).HasColumnType("jsonb");
        modelBuilder.Entity<ChangeEventRow>().Property(e => e.PayloadJson).HasColumnType("jsonb");
        modelBuilder.Entity<ReviewItemRow>().Property(e => e.ExplanationJson).HasColumnType("jsonb");
    }
}

/// <summary>
/// SQLite (the embedded default). SQLite cannot order or compare <see cref="DateTimeOffset"/>, so they are
/// stored as sortable 64-bit integers.
/// </summary>
public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : ClusterSyncDbContext(options)
{
    public override StorageProvider Provider => StorageProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(StorageOptionsBuilder.Postgres<PostgresDbContext>(
            new DbContextOptionsBuilder<PostgresDbContext>(), "Host=localhost;Database=clustersync_design").Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDbContext>
{
    public SqliteDbContext CreateDbContext(string[] args) =>
        new(StorageOptionsBuilder.Sqlite<SqliteDbContext>(
            new DbContextOptionsBuilder<SqliteDbContext>(), "Data Source=design.db").Options);
}

/// <summary>Provider settings shared by the application and the design-time factories.</summary>
internal static class StorageOptionsBuilder
{
    public static DbContextOptionsBuilder<T> Postgres<T>(DbContextOptionsBuilder<T> builder, string connectionString)
        where T : DbContext
    {
        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
        return builder;
    }

    public static DbContextOptionsBuilder<T> Sqlite<T>(DbContextOptionsBuilder<T> builder, string connectionString)
        where T : DbContext
    {
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
        return builder;
    }
}
