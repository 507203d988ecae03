using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClusterSync.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "latitude",
                table: "directory_organisations",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "longitude",
                table: "directory_organisations",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "region",
                table: "directory_organisations",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "directory_organisations",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "year_founded",
                table: "directory_organisations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "directory_terms",
                columns: table => new
                {
                    organisation_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    facet = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    weight = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directory_terms", x => new { x.facet, x.value, x.organisation_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_directory_organisations_status_updated_at_id",
                table: "directory_organisations",
                columns: new[] { "status", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_directory_terms_organisation_id",
                table: "directory_terms",
                column: "organisation_id");

            // Not expressible in EF Core: SQLite's FTS5 full-text index over the folded search text (an external-content
            // table keyed by the organisations' rowid, kept current by triggers). See SQLite's FTS5 documentation.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE directory_search USING fts5(search_text, content='directory_organisations', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');");
            migrationBuilder.Sql("CREATE TRIGGER directory_search_insert AFTER INSERT ON directory_organisations BEGIN INSERT INTO directory_search(rowid, search_text) VALUES (new.rowid, new.search_text); END;");
            migrationBuilder.Sql("CREATE TRIGGER directory_search_delete AFTER DELETE ON directory_organisations BEGIN INSERT INTO directory_search(directory_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END;");
            migrationBuilder.Sql("CREATE TRIGGER directory_search_update AFTER UPDATE OF search_text ON directory_organisations BEGIN INSERT INTO directory_search(directory_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); INSERT INTO directory_search(rowid, search_text) VALUES (new.rowid, new.search_text); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER directory_search_update;");
            migrationBuilder.Sql("DROP TRIGGER directory_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER directory_search_insert;");
            migrationBuilder.Sql("DROP TABLE directory_search;");

            migrationBuilder.DropTable(
                name: "directory_terms");

            migrationBuilder.DropIndex(
                name: "ix_directory_organisations_status_updated_at_id",
                table: "directory_organisations");

            migrationBuilder.DropColumn(
                name: "latitude",
                table: "directory_organisations");

            migrationBuilder.DropColumn(
                name: "longitude",
                table: "directory_organisations");

            migrationBuilder.DropColumn(
                name: "region",
                table: "directory_organisations");

            migrationBuilder.DropColumn(
                name: "search_text",
                table: "directory_organisations");

            migrationBuilder.DropColumn(
                name: "year_founded",
                table: "directory_organisations");
        }
    }
}
