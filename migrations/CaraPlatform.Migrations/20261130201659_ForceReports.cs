using System;
using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class ForceReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "ix_force_reports_tenant_id_month",
                table: "force_reports",
                columns: new[] { "tenant_id", "month" },
                unique: true);

            // Hand-written (force reports, issue 14 part 6): row-level security on the new tenant table.
            migrationBuilder.EnableTenantIsolation("force_reports");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "force_reports");

            migrationBuilder.DropColumn(
                name: "attachment_name",
                table: "outgoing_mail");

            migrationBuilder.DropColumn(
                name: "protected_attachment",
                table: "outgoing_mail");
        }
    }
}
