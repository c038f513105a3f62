using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class NationalVoices : Migration
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

            migrationBuilder.AddColumn<string>(
                name: "stage",
                table: "feedback_responses",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "PostCourse");

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
                name: "ix_national_feedback_answers_month_stage",
                schema: "national",
                table: "feedback_answers",
                columns: new[] { "month", "stage" });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feedback_answers",
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
