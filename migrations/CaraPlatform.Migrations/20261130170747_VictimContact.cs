using System;
using System.Collections.Generic;
using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class VictimContact : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "victim_cases",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_victim_cases", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_victim_cases_referrals_tenant_id_referral_id",
                        columns: x => new { x.tenant_id, x.referral_id },
                        principalTable: "referrals",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_victim_cases_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "victim_case_entries",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    method = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    person_who_caused_harm_present = table.Column<bool>(type: "boolean", nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    services = table.Column<List<string>>(type: "text[]", nullable: false),
                    dash_score = table.Column<int>(type: "integer", nullable: true),
                    dash_level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    dash_judgement_level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    escalated_to = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    lawful_basis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    workshop = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    change = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    protected_notes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_victim_case_entries", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_victim_case_entries_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_victim_case_entries_victim_cases_tenant_id_case_id",
                        columns: x => new { x.tenant_id, x.case_id },
                        principalTable: "victim_cases",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_victim_case_entries_tenant_id_case_id_recorded_at",
                table: "victim_case_entries",
                columns: new[] { "tenant_id", "case_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_victim_cases_tenant_id_referral_id",
                table: "victim_cases",
                columns: new[] { "tenant_id", "referral_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_victim_cases_tenant_id_worker_id",
                table: "victim_cases",
                columns: new[] { "tenant_id", "worker_id" });

            // Hand-written: row-level security on the new tenant tables.
            foreach (var table in new[] { "victim_cases", "victim_case_entries" })
                migrationBuilder.EnableTenantIsolation(table);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "victim_case_entries");

            migrationBuilder.DropTable(
                name: "victim_cases");
        }
    }
}
