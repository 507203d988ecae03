using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClusterSync.Storage.Migrations.Postgres
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
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "longitude",
                table: "directory_organisations",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "region",
                table: "directory_organisations",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "directory_organisations",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "year_founded",
                table: "directory_organisations",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "directory_terms",
                columns: table => new
                {
                    organisation_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    facet = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    weight = table.Column<double>(type: "double precision", nullable: false)
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

            // Not expressible in EF Core: a pg_trgm GIN index over the folded search text with a leading space, which
            // serves the word-prefix LIKE patterns of search. See PostgreSQL's pg_trgm documentation.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX ix_directory_organisations_search_text_trgm ON directory_organisations USING gin ((' ' || search_text) gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_directory_organisations_search_text_trgm;");

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
