using System;
using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class TenantEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tenant_event_cursors",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    last_transaction_id = table.Column<ulong>(type: "xid8", nullable: false),
                    last_event_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_event_cursors", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_tenant_event_cursors_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tenant_events",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    aggregate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    transaction_id = table.Column<ulong>(type: "xid8", nullable: false, defaultValueSql: "pg_current_xact_id()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_events", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_tenant_events_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tenant_event_cursors_tenant_id_consumer",
                table: "tenant_event_cursors",
                columns: new[] { "tenant_id", "consumer" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenant_events_tenant_id_transaction_id_id",
                table: "tenant_events",
                columns: new[] { "tenant_id", "transaction_id", "id" });

            foreach (var table in new[] { "tenant_events", "tenant_event_cursors" })
                migrationBuilder.EnableTenantIsolation(table);
            // An event is a fact once written: the application may add events, never change or remove one.
            migrationBuilder.Sql($"REVOKE UPDATE, DELETE ON tenant_events FROM {DatabaseRoles.Application};");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tenant_event_cursors");

            migrationBuilder.DropTable(
                name: "tenant_events");
        }
    }
}
