using System;
using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class NationalReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "national");

            migrationBuilder.CreateTable(
                name: "referrals",
                schema: "national",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    force_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    offence_type_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    relationship = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ipv = table.Column<bool>(type: "boolean", nullable: false),
                    dash_level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    sex = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    cohort = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    age_band = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ethnicity = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    offender_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    pair_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    screened_eligible_on = table.Column<DateOnly>(type: "date", nullable: true),
                    returned_on = table.Column<DateOnly>(type: "date", nullable: true),
                    returned_as = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    return_reasons = table.Column<string[]>(type: "text[]", nullable: false),
                    first_contact_on = table.Column<DateOnly>(type: "date", nullable: true),
                    booked_on = table.Column<DateOnly>(type: "date", nullable: true),
                    run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    workshop1_on = table.Column<DateOnly>(type: "date", nullable: true),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    non_compliant_on = table.Column<DateOnly>(type: "date", nullable: true),
                    breach_reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    withdrawn_on = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_referrals", x => new { x.tenant_id, x.referral_id });
                    table.ForeignKey(
                        name: "fk_national_referrals_tenants",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "runs",
                schema: "national",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cohort = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    delivery = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    workshop1_on = table.Column<DateOnly>(type: "date", nullable: false),
                    workshop2_on = table.Column<DateOnly>(type: "date", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    cancelled_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_runs", x => new { x.tenant_id, x.run_id });
                    table.ForeignKey(
                        name: "fk_national_runs_tenants",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_national_referrals_month_force_code",
                schema: "national",
                table: "referrals",
                columns: new[] { "month", "force_code" });

            migrationBuilder.CreateIndex(
                name: "ix_national_referrals_pair_key",
                schema: "national",
                table: "referrals",
                column: "pair_key");

            migrationBuilder.CreateIndex(
                name: "ix_national_runs_month",
                schema: "national",
                table: "runs",
                column: "month");

            // Hand-written: the application role reads and writes the national schema (no row-level security: it is
            // read across tenants, by the national module only).
            migrationBuilder.GrantNationalSchema("national");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "referrals",
                schema: "national");

            migrationBuilder.DropTable(
                name: "runs",
                schema: "national");
        }
    }
}
