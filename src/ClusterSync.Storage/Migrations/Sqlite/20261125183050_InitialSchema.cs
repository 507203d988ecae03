using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClusterSync.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    scopes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "change_events",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    organisation_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    survivor_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    payload_json = table.Column<string>(type: "TEXT", nullable: false),
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_events", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "directory_organisations",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    redirect_to = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    member_count = table.Column<int>(type: "INTEGER", nullable: false),
                    golden_json = table.Column<string>(type: "TEXT", nullable: false),
                    golden_hash = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_in_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_in_run_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directory_organisations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "match_decisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    left_key = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    right_key = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revoked_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_match_decisions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "quarantined_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    source_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    raw_payload = table.Column<string>(type: "TEXT", nullable: false),
                    payload_hash = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    first_seen_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    quarantined_at = table.Column<long>(type: "INTEGER", nullable: false),
                    resolved_in_run_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quarantined_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "record_links",
                columns: table => new
                {
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    source_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    organisation_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    match_probability = table.Column<double>(type: "REAL", nullable: true),
                    linked_in_run_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_record_links", x => new { x.source, x.source_id });
                });

            migrationBuilder.CreateTable(
                name: "review_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    left_key = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    right_key = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    probability = table.Column<double>(type: "REAL", nullable: false),
                    explanation_json = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    decision_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "source_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    source_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    normalised_json = table.Column<string>(type: "TEXT", nullable: false),
                    raw_payload = table.Column<string>(type: "TEXT", nullable: false),
                    source_updated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    first_seen_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_changed_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    gone_in_run_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sync_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    items_read = table.Column<int>(type: "INTEGER", nullable: false),
                    new_count = table.Column<int>(type: "INTEGER", nullable: false),
                    changed_count = table.Column<int>(type: "INTEGER", nullable: false),
                    unchanged_count = table.Column<int>(type: "INTEGER", nullable: false),
                    gone_count = table.Column<int>(type: "INTEGER", nullable: false),
                    quarantined_count = table.Column<int>(type: "INTEGER", nullable: false),
                    organisations_changed = table.Column<int>(type: "INTEGER", nullable: false),
                    high_water_mark = table.Column<long>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    instance_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sync_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_change_events_organisation_id_sequence",
                table: "change_events",
                columns: new[] { "organisation_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_directory_organisations_country_status",
                table: "directory_organisations",
                columns: new[] { "country", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_directory_organisations_status_name_id",
                table: "directory_organisations",
                columns: new[] { "status", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_match_decisions_left_key_right_key",
                table: "match_decisions",
                columns: new[] { "left_key", "right_key" });

            migrationBuilder.CreateIndex(
                name: "ix_quarantined_records_source_payload_hash",
                table: "quarantined_records",
                columns: new[] { "source", "payload_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_quarantined_records_source_source_id",
                table: "quarantined_records",
                columns: new[] { "source", "source_id" });

            migrationBuilder.CreateIndex(
                name: "ix_record_links_organisation_id",
                table: "record_links",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_items_left_key_right_key",
                table: "review_items",
                columns: new[] { "left_key", "right_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_review_items_status_id",
                table: "review_items",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_source_records_source_source_id",
                table: "source_records",
                columns: new[] { "source", "source_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sync_runs_source_id",
                table: "sync_runs",
                columns: new[] { "source", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "change_events");

            migrationBuilder.DropTable(
                name: "directory_organisations");

            migrationBuilder.DropTable(
                name: "match_decisions");

            migrationBuilder.DropTable(
                name: "quarantined_records");

            migrationBuilder.DropTable(
                name: "record_links");

            migrationBuilder.DropTable(
                name: "review_items");

            migrationBuilder.DropTable(
                name: "source_records");

            migrationBuilder.DropTable(
                name: "sync_runs");
        }
    }
}
