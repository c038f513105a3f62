using System;
using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class NationalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_feedback_responses_tenant_id_referral_id",
                table: "feedback_responses");

            migrationBuilder.DropIndex(
                name: "ix_feedback_responses_tenant_id_run_id_referral_id",
                table: "feedback_responses");

            migrationBuilder.EnsureSchema(
                name: "national");

            migrationBuilder.AddColumn<string>(
                name: "offender_ethnicity",
                table: "referrals",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attachment_name",
                table: "outgoing_mail",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "protected_attachment",
                table: "outgoing_mail",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stage",
                table: "feedback_responses",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "PostCourse");

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

            migrationBuilder.CreateTable(
                name: "feedback_answers",
                schema: "national",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    feedback_id = table.Column<Guid>(type: "uuid", nullable: false),
                    question_code = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    value = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_feedback_answers", x => new { x.tenant_id, x.feedback_id, x.question_code });
                    table.ForeignKey(
                        name: "fk_national_feedback_answers_tenants",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "force_reports",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    csv = table.Column<string>(type: "text", nullable: false),
                    made_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_force_reports", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_force_reports_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "referrals",
                schema: "national",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    force_code = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    offence_type_code = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    relationship = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ipv = table.Column<bool>(type: "boolean", nullable: false),
                    dash_level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    sex = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    cohort = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    age_band = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ethnicity = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
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

            migrationBuilder.CreateTable(
                name: "runs",
                schema: "national",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cohort = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
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

            migrationBuilder.CreateTable(
                name: "signposting",
                schema: "national",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    force_code = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_signposting", x => new { x.tenant_id, x.entry_id, x.service });
                    table.ForeignKey(
                        name: "fk_national_signposting_tenants",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "victim_changes",
                schema: "national",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    force_code = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    workshop = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    change = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_victim_changes", x => new { x.tenant_id, x.entry_id });
                    table.ForeignKey(
                        name: "fk_national_victim_changes_tenants",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_feedback_responses_tenant_id_referral_id_stage",
                table: "feedback_responses",
                columns: new[] { "tenant_id", "referral_id", "stage" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_feedback_responses_tenant_id_run_id",
                table: "feedback_responses",
                columns: new[] { "tenant_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_national_export_jobs_state_requested_at",
                schema: "national",
                table: "export_jobs",
                columns: new[] { "state", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_national_feedback_answers_month_stage",
                schema: "national",
                table: "feedback_answers",
                columns: new[] { "month", "stage" });

            migrationBuilder.CreateIndex(
                name: "ix_force_reports_tenant_id_month",
                table: "force_reports",
                columns: new[] { "tenant_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_national_outcomes_tenant_id_referral_id",
                schema: "national",
                table: "outcomes",
                columns: new[] { "tenant_id", "referral_id" });

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
                name: "ix_reoffending_follow_ups_tenant_id_police_reference_months",
                table: "reoffending_follow_ups",
                columns: new[] { "tenant_id", "police_reference", "months" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reoffending_follow_ups_tenant_id_referral_id",
                table: "reoffending_follow_ups",
                columns: new[] { "tenant_id", "referral_id" });

            migrationBuilder.CreateIndex(
                name: "ix_national_runs_month",
                schema: "national",
                table: "runs",
                column: "month");

            migrationBuilder.CreateIndex(
                name: "ix_national_signposting_month_force_code",
                schema: "national",
                table: "signposting",
                columns: new[] { "month", "force_code" });

            migrationBuilder.CreateIndex(
                name: "ix_national_victim_changes_month_force_code",
                schema: "national",
                table: "victim_changes",
                columns: new[] { "month", "force_code" });

            // Hand-written (issue 14):
            // - the application role reads and writes the national schema, today's tables and those added later; no
            //   row-level security there, as it is read across tenants (by Features/National only, an architecture test holds);
            // - row-level security on the two new tenant tables.
            migrationBuilder.GrantNationalSchema("national");
            migrationBuilder.EnableTenantIsolation("reoffending_follow_ups");
            migrationBuilder.EnableTenantIsolation("force_reports");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "export_jobs",
                schema: "national");

            migrationBuilder.DropTable(
                name: "feedback_answers",
                schema: "national");

            migrationBuilder.DropTable(
                name: "force_reports");

            migrationBuilder.DropTable(
                name: "outcomes",
                schema: "national");

            migrationBuilder.DropTable(
                name: "referrals",
                schema: "national");

            migrationBuilder.DropTable(
                name: "reoffending_follow_ups");

            migrationBuilder.DropTable(
                name: "runs",
                schema: "national");

            migrationBuilder.DropTable(
                name: "signposting",
                schema: "national");

            migrationBuilder.DropTable(
                name: "victim_changes",
                schema: "national");

            migrationBuilder.DropIndex(
                name: "ix_feedback_responses_tenant_id_referral_id_stage",
                table: "feedback_responses");

            migrationBuilder.DropIndex(
                name: "ix_feedback_responses_tenant_id_run_id",
                table: "feedback_responses");

            migrationBuilder.DropColumn(
                name: "offender_ethnicity",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "attachment_name",
                table: "outgoing_mail");

            migrationBuilder.DropColumn(
                name: "protected_attachment",
                table: "outgoing_mail");

            migrationBuilder.DropColumn(
                name: "stage",
                table: "feedback_responses");

            migrationBuilder.CreateIndex(
                name: "ix_feedback_responses_tenant_id_referral_id",
                table: "feedback_responses",
                columns: new[] { "tenant_id", "referral_id" });

            migrationBuilder.CreateIndex(
                name: "ix_feedback_responses_tenant_id_run_id_referral_id",
                table: "feedback_responses",
                columns: new[] { "tenant_id", "run_id", "referral_id" },
                unique: true);
        }
    }
}
