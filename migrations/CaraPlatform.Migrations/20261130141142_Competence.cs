using System;
using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class Competence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "runs_at_risk",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workshop1 = table.Column<DateOnly>(type: "date", nullable: false),
                    workshop2 = table.Column<DateOnly>(type: "date", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    gap_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    gap_message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_runs_at_risk", x => x.id);
                    table.ForeignKey(
                        name: "fk_runs_at_risk_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_runs_at_risk_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_runs_at_risk_tenant_id_run_id_user_id_gap_code",
                table: "runs_at_risk",
                columns: new[] { "tenant_id", "run_id", "user_id", "gap_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_runs_at_risk_user_id",
                table: "runs_at_risk",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_runs_at_risk_workshop1",
                table: "runs_at_risk",
                column: "workshop1",
                filter: "resolved_at IS NULL");

            // Hand-written: the licence holder's worklist is global; the lapse check adds and resolves rows, never deletes them.
            migrationBuilder.GrantToApplication("runs_at_risk", "SELECT, INSERT, UPDATE");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "runs_at_risk");
        }
    }
}
