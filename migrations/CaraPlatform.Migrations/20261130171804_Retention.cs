using System;
using System.Collections.Generic;
using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_bookings_referrals_tenant_id_referral_id",
                table: "bookings");

            migrationBuilder.DropForeignKey(
                name: "fk_feedback_responses_referrals_tenant_id_referral_id",
                table: "feedback_responses");

            migrationBuilder.CreateTable(
                name: "erasure_log",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    erased_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    rule = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    categories = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_erasure_log", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_erasure_log_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "retained_counts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    month_received = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ipv = table.Column<bool>(type: "boolean", nullable: false),
                    cohort = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_retained_counts", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_retained_counts_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "retention_reviews",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    listed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    kept_months = table.Column<int>(type: "integer", nullable: false),
                    decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_retention_reviews", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_retention_reviews_referrals_tenant_id_referral_id",
                        columns: x => new { x.tenant_id, x.referral_id },
                        principalTable: "referrals",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_retention_reviews_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_erasure_log_tenant_id_erased_at",
                table: "erasure_log",
                columns: new[] { "tenant_id", "erased_at" });

            migrationBuilder.CreateIndex(
                name: "ix_erasure_log_tenant_id_referral_id",
                table: "erasure_log",
                columns: new[] { "tenant_id", "referral_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_retained_counts_tenant_id_month_received_status_ipv_cohort",
                table: "retained_counts",
                columns: new[] { "tenant_id", "month_received", "status", "ipv", "cohort" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_retention_reviews_tenant_id_referral_id",
                table: "retention_reviews",
                columns: new[] { "tenant_id", "referral_id" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_bookings_referrals_tenant_id_referral_id",
                table: "bookings",
                columns: new[] { "tenant_id", "referral_id" },
                principalTable: "referrals",
                principalColumns: new[] { "tenant_id", "id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_feedback_responses_referrals_tenant_id_referral_id",
                table: "feedback_responses",
                columns: new[] { "tenant_id", "referral_id" },
                principalTable: "referrals",
                principalColumns: new[] { "tenant_id", "id" },
                onDelete: ReferentialAction.Cascade);

            // Hand-written: the retention tables are tenant tables like every other (row-level security, ENABLE + FORCE).
            foreach (var table in new[] { "retention_reviews", "erasure_log", "retained_counts" })
                migrationBuilder.EnableTenantIsolation(table);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_bookings_referrals_tenant_id_referral_id",
                table: "bookings");

            migrationBuilder.DropForeignKey(
                name: "fk_feedback_responses_referrals_tenant_id_referral_id",
                table: "feedback_responses");

            migrationBuilder.DropTable(
                name: "erasure_log");

            migrationBuilder.DropTable(
                name: "retained_counts");

            migrationBuilder.DropTable(
                name: "retention_reviews");

            migrationBuilder.AddForeignKey(
                name: "fk_bookings_referrals_tenant_id_referral_id",
                table: "bookings",
                columns: new[] { "tenant_id", "referral_id" },
                principalTable: "referrals",
                principalColumns: new[] { "tenant_id", "id" },
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_feedback_responses_referrals_tenant_id_referral_id",
                table: "feedback_responses",
                columns: new[] { "tenant_id", "referral_id" },
                principalTable: "referrals",
                principalColumns: new[] { "tenant_id", "id" },
                onDelete: ReferentialAction.Restrict);
        }
    }
}
