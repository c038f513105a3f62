using System;
using CaraPlatform.Infrastructure.Database;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class Workshops : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "course_runs",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cohort = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    delivery = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: true),
                    meeting_link = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    facilitator_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    booked_count = table.Column<int>(type: "integer", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    workshop1_date = table.Column<DateOnly>(type: "date", nullable: false),
                    workshop1_end = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    workshop1_start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    workshop2_date = table.Column<DateOnly>(type: "date", nullable: false),
                    workshop2_end = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    workshop2_start = table.Column<TimeOnly>(type: "time without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_course_runs", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_course_runs_booked_within_capacity", "booked_count >= 0 AND booked_count <= capacity");
                    table.CheckConstraint("ck_course_runs_capacity", "capacity BETWEEN 1 AND 12");
                    table.ForeignKey(
                        name: "fk_course_runs_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_course_runs_venues_tenant_id_venue_id",
                        columns: x => new { x.tenant_id, x.venue_id },
                        principalTable: "venues",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "bookings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    booked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    booked_by = table.Column<Guid>(type: "uuid", nullable: false),
                    workshop1 = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    workshop2 = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bookings", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_bookings_course_runs_tenant_id_run_id",
                        columns: x => new { x.tenant_id, x.run_id },
                        principalTable: "course_runs",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bookings_referrals_tenant_id_referral_id",
                        columns: x => new { x.tenant_id, x.referral_id },
                        principalTable: "referrals",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bookings_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "feedback_responses",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    answers = table.Column<string>(type: "jsonb", nullable: false),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feedback_responses", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_feedback_responses_course_runs_tenant_id_run_id",
                        columns: x => new { x.tenant_id, x.run_id },
                        principalTable: "course_runs",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_feedback_responses_referrals_tenant_id_referral_id",
                        columns: x => new { x.tenant_id, x.referral_id },
                        principalTable: "referrals",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_feedback_responses_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "workshop_registers",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workshop = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    entries = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workshop_registers", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_workshop_registers_course_runs_tenant_id_run_id",
                        columns: x => new { x.tenant_id, x.run_id },
                        principalTable: "course_runs",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_workshop_registers_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_once_per_run",
                table: "bookings",
                columns: new[] { "tenant_id", "run_id", "referral_id" },
                unique: true,
                filter: "status <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "ix_bookings_one_live_booking_per_referral",
                table: "bookings",
                columns: new[] { "tenant_id", "referral_id" },
                unique: true,
                filter: "status = 'Booked'");

            migrationBuilder.CreateIndex(
                name: "ix_course_runs_tenant_id_cancelled_at",
                table: "course_runs",
                columns: new[] { "tenant_id", "cancelled_at" });

            migrationBuilder.CreateIndex(
                name: "ix_course_runs_tenant_id_venue_id",
                table: "course_runs",
                columns: new[] { "tenant_id", "venue_id" });

            migrationBuilder.CreateIndex(
                name: "ix_feedback_responses_tenant_id_referral_id",
                table: "feedback_responses",
                columns: new[] { "tenant_id", "referral_id" });

            migrationBuilder.CreateIndex(
                name: "ix_feedback_responses_tenant_id_run_id_referral_id",
                table: "feedback_responses",
                columns: new[] { "tenant_id", "run_id", "referral_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workshop_registers_tenant_id_run_id_workshop",
                table: "workshop_registers",
                columns: new[] { "tenant_id", "run_id", "workshop" },
                unique: true);

            foreach (var table in new[] { "course_runs", "bookings", "workshop_registers", "feedback_responses" })
                migrationBuilder.EnableTenantIsolation(table);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bookings");

            migrationBuilder.DropTable(
                name: "feedback_responses");

            migrationBuilder.DropTable(
                name: "workshop_registers");

            migrationBuilder.DropTable(
                name: "course_runs");
        }
    }
}
