using System;
using System.Collections.Generic;
using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <summary>
    /// Quality-assurance reviews (global table qa_reviews), the review a Trainer's sign-off may cite, and what reviewers
    /// read of a run in the national read model: its venue's and facilitators' names, attendances per workshop, and the
    /// run of each questionnaire answer. Runs already projected get their new facts from a national rebuild (rebuild-national).
    /// </summary>
    public partial class QaReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "observation_review_id",
                table: "training_records",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<List<Guid>>(
                name: "facilitator_ids",
                schema: "national",
                table: "runs",
                type: "uuid[]",
                nullable: false,
                // Hand-written: rows projected before this migration have none until a rebuild.
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "facilitator_names",
                schema: "national",
                table: "runs",
                type: "text[]",
                nullable: false,
                // Hand-written: rows projected before this migration have none until a rebuild.
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "venue_name",
                schema: "national",
                table: "runs",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "run_id",
                schema: "national",
                table: "feedback_answers",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "qa_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reviewer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    observed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    facilitator_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    scores = table.Column<string>(type: "jsonb", nullable: false),
                    rating = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    findings = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    actions = table.Column<string>(type: "jsonb", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<Guid>(type: "uuid", nullable: true),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    response = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_qa_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_qa_reviews_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "run_attendances",
                schema: "national",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workshop = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_run_attendances", x => new { x.tenant_id, x.run_id, x.referral_id, x.workshop });
                    table.ForeignKey(
                        name: "fk_national_run_attendances_tenants",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_national_feedback_answers_tenant_id_run_id",
                schema: "national",
                table: "feedback_answers",
                columns: new[] { "tenant_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_qa_reviews_tenant_id_observed_on",
                table: "qa_reviews",
                columns: new[] { "tenant_id", "observed_on" });

            // Hand-written: the licence holder's table is global; the application reads and writes it through the QA feature
            // only, and never deletes a review. National tables get their grants from the schema's default privileges.
            migrationBuilder.GrantToApplication("qa_reviews", "SELECT, INSERT, UPDATE");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "qa_reviews");

            migrationBuilder.DropTable(
                name: "run_attendances",
                schema: "national");

            migrationBuilder.DropIndex(
                name: "ix_national_feedback_answers_tenant_id_run_id",
                schema: "national",
                table: "feedback_answers");

            migrationBuilder.DropColumn(
                name: "observation_review_id",
                table: "training_records");

            migrationBuilder.DropColumn(
                name: "facilitator_ids",
                schema: "national",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "facilitator_names",
                schema: "national",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "venue_name",
                schema: "national",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "run_id",
                schema: "national",
                table: "feedback_answers");
        }
    }
}
