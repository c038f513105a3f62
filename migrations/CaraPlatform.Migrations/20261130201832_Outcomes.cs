using System;
using Microsoft.EntityFrameworkCore.Migrations;
using CaraPlatform.Infrastructure.Database;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class Outcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outcomes",
                schema: "national",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    follow_up_id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: true),
                    cohort = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    months = table.Column<int>(type: "integer", nullable: false),
                    reoffended = table.Column<bool>(type: "boolean", nullable: false),
                    offence_types = table.Column<string[]>(type: "text[]", nullable: false),
                    first_reoffence_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_outcomes", x => new { x.tenant_id, x.follow_up_id });
                    table.ForeignKey(
                        name: "fk_national_outcomes_tenants",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reoffending_follow_ups",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    police_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    months = table.Column<int>(type: "integer", nullable: false),
                    cohort = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: true),
                    start_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reoffended = table.Column<bool>(type: "boolean", nullable: false),
                    reoffences = table.Column<string>(type: "jsonb", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reoffending_follow_ups", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_reoffending_follow_ups_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_national_outcomes_tenant_id_referral_id",
                schema: "national",
                table: "outcomes",
                columns: new[] { "tenant_id", "referral_id" });

            migrationBuilder.CreateIndex(
                name: "ix_reoffending_follow_ups_tenant_id_police_reference_months",
                table: "reoffending_follow_ups",
                columns: new[] { "tenant_id", "police_reference", "months" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reoffending_follow_ups_tenant_id_referral_id",
                table: "reoffending_follow_ups",
                columns: new[] { "tenant_id", "referral_id" });

            // Hand-written (issue 14, outcomes): row-level security on the new tenant table. national.outcomes needs no
            // grant: the NationalReadModel migration's default privileges cover every table added to schema national.
            migrationBuilder.EnableTenantIsolation("reoffending_follow_ups");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outcomes",
                schema: "national");

            migrationBuilder.DropTable(
                name: "reoffending_follow_ups");
        }
    }
}
