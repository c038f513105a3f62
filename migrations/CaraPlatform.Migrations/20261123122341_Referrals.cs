using System;
using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class Referrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    caller_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    operation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    response_body = table.Column<string>(type: "jsonb", nullable: true),
                    location = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_idempotency_records_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "referrals",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    police_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    force_code = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    police_answers = table.Column<string>(type: "jsonb", nullable: false),
                    disposal_type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    disposal_date = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_contact_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    condition_deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    screening = table.Column<string>(type: "jsonb", nullable: true),
                    rebooking_count = table.Column<int>(type: "integer", nullable: false),
                    booking_target_missed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    at_risk_notice_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    overdue_notice_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    timeline = table.Column<string>(type: "jsonb", nullable: false),
                    offence_date = table.Column<DateOnly>(type: "date", nullable: false),
                    offence_relationship = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    offence_type_code = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    offender_accessibility_needs = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    offender_address_line1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    offender_address_line2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    offender_children_in_household = table.Column<bool>(type: "boolean", nullable: false),
                    offender_date_of_birth = table.Column<DateOnly>(type: "date", nullable: false),
                    offender_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    offender_family_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    offender_given_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    offender_interpreter_needed = table.Column<bool>(type: "boolean", nullable: false),
                    offender_phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    offender_postcode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    offender_preferred_language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    offender_sex = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    offender_town = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    officer_collar_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    officer_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    officer_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    officer_phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referrals", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_referrals_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "police_notices",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    schema_version = table.Column<int>(type: "integer", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    inbox_delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    webhook_state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    webhook_attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    leased_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    webhook_delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_police_notices", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_police_notices_referrals_tenant_id_referral_id",
                        columns: x => new { x.tenant_id, x.referral_id },
                        principalTable: "referrals",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_police_notices_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "victim_records",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    protected_details = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_victim_records", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_victim_records_referrals_tenant_id_referral_id",
                        columns: x => new { x.tenant_id, x.referral_id },
                        principalTable: "referrals",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_victim_records_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "webhook_delivery_attempts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    notice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    attempted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    duration_ms = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_delivery_attempts", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_webhook_delivery_attempts_police_notices_tenant_id_notice_id",
                        columns: x => new { x.tenant_id, x.notice_id },
                        principalTable: "police_notices",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_webhook_delivery_attempts_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_tenant_id_caller_id_operation_key",
                table: "idempotency_records",
                columns: new[] { "tenant_id", "caller_id", "operation", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_tenant_id_created_at",
                table: "idempotency_records",
                columns: new[] { "tenant_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_police_notices_tenant_id_next_attempt_at",
                table: "police_notices",
                columns: new[] { "tenant_id", "next_attempt_at" },
                filter: "inbox_delivered_at IS NULL OR webhook_state = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_police_notices_tenant_id_occurred_at",
                table: "police_notices",
                columns: new[] { "tenant_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_police_notices_tenant_id_referral_id_occurred_at",
                table: "police_notices",
                columns: new[] { "tenant_id", "referral_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_referrals_tenant_id_police_reference",
                table: "referrals",
                columns: new[] { "tenant_id", "police_reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_referrals_tenant_id_received_at",
                table: "referrals",
                columns: new[] { "tenant_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_referrals_tenant_id_status_received_at",
                table: "referrals",
                columns: new[] { "tenant_id", "status", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_victim_records_tenant_id_referral_id",
                table: "victim_records",
                columns: new[] { "tenant_id", "referral_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_delivery_attempts_tenant_id_attempted_at",
                table: "webhook_delivery_attempts",
                columns: new[] { "tenant_id", "attempted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_delivery_attempts_tenant_id_notice_id_attempt",
                table: "webhook_delivery_attempts",
                columns: new[] { "tenant_id", "notice_id", "attempt" },
                unique: true);

            foreach (var table in new[] { "referrals", "victim_records", "police_notices", "webhook_delivery_attempts", "idempotency_records" })
                migrationBuilder.EnableTenantIsolation(table);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "victim_records");

            migrationBuilder.DropTable(
                name: "webhook_delivery_attempts");

            migrationBuilder.DropTable(
                name: "police_notices");

            migrationBuilder.DropTable(
                name: "referrals");
        }
    }
}
