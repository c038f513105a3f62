using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class NationalExports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "export_jobs",
                schema: "national",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_by = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    tenant = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    force = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    from_month = table.Column<DateOnly>(type: "date", nullable: true),
                    to_month = table.Column<DateOnly>(type: "date", nullable: true),
                    cohort = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    tables_done = table.Column<int>(type: "integer", nullable: false),
                    tables_total = table.Column<int>(type: "integer", nullable: false),
                    leased_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    content = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_export_jobs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_national_export_jobs_state_requested_at",
                schema: "national",
                table: "export_jobs",
                columns: new[] { "state", "requested_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "export_jobs",
                schema: "national");
        }
    }
}
