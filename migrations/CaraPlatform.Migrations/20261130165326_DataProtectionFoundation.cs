using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class DataProtectionFoundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_tenant_id_occurred_at",
                table: "audit_events",
                columns: new[] { "tenant_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_tenant_id_subject",
                table: "audit_events",
                columns: new[] { "tenant_id", "subject" });

            migrationBuilder.EnableAppendOnlyTenantLog("audit_events");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableAppendOnlyTenantLog("audit_events");

            migrationBuilder.DropIndex(
                name: "ix_audit_events_tenant_id_occurred_at",
                table: "audit_events");

            migrationBuilder.DropIndex(
                name: "ix_audit_events_tenant_id_subject",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "detail",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "audit_events");
        }
    }
}
