using System;
using System.Collections.Generic;
using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class VictimContactAndDataProtection : Migration
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

            migrationBuilder.AddColumn<List<string>>(
                name: "force_codes",
                table: "memberships",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "force_codes",
                table: "invitations",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "detail",
                table: "audit_events",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason",
                table: "audit_events",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

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
                name: "ix_audit_events_tenant_id_occurred_at",
                table: "audit_events",
                columns: new[] { "tenant_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_tenant_id_subject",
                table: "audit_events",
                columns: new[] { "tenant_id", "subject" });

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

            // Hand-written (issue 13), kept in one block:
            // 1. A victim-contact case for every referral already received, as intake now opens one with each referral.
            //    The migration's session has no tenant, so it reads every tenant's referrals as their owner with FORCE lifted
            //    for this one statement (inside the migration's transaction), before the new tables' security is on.
            migrationBuilder.Sql("""
                ALTER TABLE referrals NO FORCE ROW LEVEL SECURITY;
                INSERT INTO victim_cases (tenant_id, id, referral_id, opened_at, created_at, updated_at)
                SELECT r.tenant_id, gen_random_uuid(), r.id, r.received_at, now(), now()
                FROM referrals r
                WHERE NOT EXISTS (SELECT 1 FROM victim_cases c WHERE c.tenant_id = r.tenant_id AND c.referral_id = r.id);
                ALTER TABLE referrals FORCE ROW LEVEL SECURITY;
                """);

            // 2. Row-level security on the new tenant tables.
            foreach (var table in new[] { "victim_cases", "victim_case_entries", "retention_reviews", "erasure_log", "retained_counts" })
                migrationBuilder.EnableTenantIsolation(table);

            // 3. The audit trail: a tenant reads its own rows, nobody reads rows of no tenant, and cara_app may add rows
            //    but never change or delete them.
            migrationBuilder.EnableAppendOnlyTenantLog("audit_events");

            // 4. Retention replaces an erased case's event payloads with their erased form, so the application may update
            //    that one column of an event; the rest stays as written, and no event is deleted.
            migrationBuilder.Sql($"GRANT UPDATE (payload) ON tenant_events TO {DatabaseRoles.Application};");

            // Existing ForceSpoc memberships get no forces here: which force a SPOC of a tenant of several forces serves
            // cannot be known. ForceScope.Served reads "no forces" as the tenant's force in a tenant of one force, and as
            // none elsewhere until an admin names them.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"REVOKE UPDATE (payload) ON tenant_events FROM {DatabaseRoles.Application};");
            migrationBuilder.DisableAppendOnlyTenantLog("audit_events");
            foreach (var table in new[] { "victim_cases", "victim_case_entries", "retention_reviews", "erasure_log", "retained_counts" })
                migrationBuilder.DisableTenantIsolation(table);

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

            migrationBuilder.DropTable(
                name: "victim_case_entries");

            migrationBuilder.DropTable(
                name: "victim_cases");

            migrationBuilder.DropIndex(
                name: "ix_audit_events_tenant_id_occurred_at",
                table: "audit_events");

            migrationBuilder.DropIndex(
                name: "ix_audit_events_tenant_id_subject",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "force_codes",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "force_codes",
                table: "invitations");

            migrationBuilder.DropColumn(
                name: "detail",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "audit_events");

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
