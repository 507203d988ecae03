using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ClusterSync.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Orchestration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "cancel_requested_at",
                table: "sync_runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "confirm_deletions",
                table: "sync_runs",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "held_deletions_json",
                table: "sync_runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hold_resolution",
                table: "sync_runs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "hold_resolved_at",
                table: "sync_runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hold_resolved_by",
                table: "sync_runs",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phases_json",
                table: "sync_runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "requested_by",
                table: "sync_runs",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "instances",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    host = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    process_id = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    heartbeat_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    stopped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_instances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "operator_actions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    target = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_operator_actions", x => x.id);
                });

            // Before "one unfinished run per source": an older run left running by a killed process is abandoned.
            migrationBuilder.Sql("UPDATE sync_runs SET status = 'abandoned' WHERE status = 'running' AND id NOT IN (SELECT max(id) FROM sync_runs WHERE status = 'running' GROUP BY source)");

            migrationBuilder.CreateIndex(
                name: "ix_sync_runs_one_unfinished_per_source",
                table: "sync_runs",
                column: "source",
                unique: true,
                filter: "status IN ('queued', 'running') AND source <> 'decisions'");

            migrationBuilder.CreateIndex(
                name: "ix_sync_runs_status_source",
                table: "sync_runs",
                columns: new[] { "status", "source" });

            migrationBuilder.CreateIndex(
                name: "ix_operator_actions_at",
                table: "operator_actions",
                column: "at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "instances");

            migrationBuilder.DropTable(
                name: "operator_actions");

            migrationBuilder.DropIndex(
                name: "ix_sync_runs_one_unfinished_per_source",
                table: "sync_runs");

            migrationBuilder.DropIndex(
                name: "ix_sync_runs_status_source",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "cancel_requested_at",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "confirm_deletions",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "held_deletions_json",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "hold_resolution",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "hold_resolved_at",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "hold_resolved_by",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "phases_json",
                table: "sync_runs");

            migrationBuilder.DropColumn(
                name: "requested_by",
                table: "sync_runs");
        }
    }
}
