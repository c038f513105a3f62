using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class NationalDashboardSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "pair_referred_before",
                schema: "national",
                table: "referrals",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string[]>(
                name: "reoffences_12_months",
                schema: "national",
                table: "referrals",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string[]>(
                name: "reoffences_6_months",
                schema: "national",
                table: "referrals",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<bool>(
                name: "reoffended_12_months",
                schema: "national",
                table: "referrals",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "reoffended_6_months",
                schema: "national",
                table: "referrals",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cohort",
                schema: "national",
                table: "feedback_answers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "force_code",
                schema: "national",
                table: "feedback_answers",
                type: "character varying(63)",
                maxLength: 63,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "language",
                schema: "national",
                table: "feedback_answers",
                type: "character varying(35)",
                maxLength: 35,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "ix_national_feedback_answers_tenant_id_referral_id",
                schema: "national",
                table: "feedback_answers",
                columns: new[] { "tenant_id", "referral_id" });

            // Hand-written: fill the new columns from what the read model already holds, as the projections do from now
            // on. Repeats: every referral of a pair after its first. Follow-ups: copied onto their referral. Answers:
            // their referral's force, cohort and language.
            migrationBuilder.Sql("""
                UPDATE national.referrals r SET pair_referred_before = true
                FROM (SELECT tenant_id, referral_id, row_number() OVER (PARTITION BY pair_key ORDER BY received_on, referral_id) AS n
                      FROM national.referrals WHERE pair_key IS NOT NULL) o
                WHERE o.tenant_id = r.tenant_id AND o.referral_id = r.referral_id AND o.n > 1;

                UPDATE national.referrals r SET reoffended_6_months = o.reoffended, reoffences_6_months = o.offence_types
                FROM national.outcomes o
                WHERE o.tenant_id = r.tenant_id AND o.referral_id = r.referral_id AND o.months = 6;

                UPDATE national.referrals r SET reoffended_12_months = o.reoffended, reoffences_12_months = o.offence_types
                FROM national.outcomes o
                WHERE o.tenant_id = r.tenant_id AND o.referral_id = r.referral_id AND o.months = 12;

                UPDATE national.feedback_answers a SET force_code = r.force_code, cohort = r.cohort, language = r.language
                FROM national.referrals r
                WHERE r.tenant_id = a.tenant_id AND r.referral_id = a.referral_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_national_feedback_answers_tenant_id_referral_id",
                schema: "national",
                table: "feedback_answers");

            migrationBuilder.DropColumn(
                name: "pair_referred_before",
                schema: "national",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "reoffences_12_months",
                schema: "national",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "reoffences_6_months",
                schema: "national",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "reoffended_12_months",
                schema: "national",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "reoffended_6_months",
                schema: "national",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "cohort",
                schema: "national",
                table: "feedback_answers");

            migrationBuilder.DropColumn(
                name: "force_code",
                schema: "national",
                table: "feedback_answers");

            migrationBuilder.DropColumn(
                name: "language",
                schema: "national",
                table: "feedback_answers");
        }
    }
}
