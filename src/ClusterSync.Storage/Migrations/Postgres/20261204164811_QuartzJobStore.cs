using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClusterSync.Storage.Migrations.Postgres
{
    /// <summary>
    /// Quartz.NET's clustered job store (tables <c>qrtz_*</c>), created from the PostgreSQL schema that Quartz.NET ships
    /// inside Quartz.dll (resource <c>Quartz.Impl.AdoJobStore.Schema.create_postgres.sql</c>): EF Core cannot express
    /// these tables, and taking them from the library keeps them in step with the Quartz version in use. SQLite runs
    /// Quartz's in-memory store and needs no such migration.
    /// </summary>
    public partial class QuartzJobStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in QuartzSchema.CreateStatements(QuartzSchema.TablePrefix))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in QuartzSchema.Tables(QuartzSchema.TablePrefix).Reverse())
            {
                migrationBuilder.Sql($"DROP TABLE IF EXISTS {table} CASCADE");
            }
        }
    }
}
