using System;
using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class Materials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "material_downloads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    release_id = table.Column<Guid>(type: "uuid", nullable: false),
                    release_number = table.Column<int>(type: "integer", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    by_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_material_downloads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "material_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    workshop = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    audience = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    language = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_material_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "material_releases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    release_notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    file_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    file_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    file_size = table.Column<long>(type: "bigint", nullable: true),
                    file_type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_material_releases", x => x.id);
                    table.ForeignKey(
                        name: "fk_material_releases_material_items_item_id",
                        column: x => x.item_id,
                        principalTable: "material_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "material_distributions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    release_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    distributed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledge_by = table.Column<DateOnly>(type: "date", nullable: false),
                    notified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_material_distributions", x => x.id);
                    table.ForeignKey(
                        name: "fk_material_distributions_material_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "material_releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_material_distributions_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "material_receipts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    release_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workshop1on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_material_receipts", x => new { x.tenant_id, x.run_id, x.release_id });
                    table.ForeignKey(
                        name: "fk_material_receipts_material_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "material_releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_material_receipts_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_material_distributions_release_id",
                table: "material_distributions",
                column: "release_id");

            migrationBuilder.CreateIndex(
                name: "ix_material_distributions_tenant_id_release_id",
                table: "material_distributions",
                columns: new[] { "tenant_id", "release_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_material_downloads_release_id_at",
                table: "material_downloads",
                columns: new[] { "release_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_material_receipts_release_id",
                table: "material_receipts",
                column: "release_id");

            migrationBuilder.CreateIndex(
                name: "ix_material_releases_item_id_number",
                table: "material_releases",
                columns: new[] { "item_id", "number" },
                unique: true);

            // Hand-written: the licence holder's materials are global tables. A draft release may be deleted; downloads and
            // receipts are a record, only ever added to.
            foreach (var table in new[] { "material_items", "material_distributions" })
                migrationBuilder.GrantToApplication(table, "SELECT, INSERT, UPDATE");
            migrationBuilder.GrantToApplication("material_releases", "SELECT, INSERT, UPDATE, DELETE");
            foreach (var table in new[] { "material_downloads", "material_receipts" })
                migrationBuilder.GrantToApplication(table, "SELECT, INSERT");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "material_distributions");

            migrationBuilder.DropTable(
                name: "material_downloads");

            migrationBuilder.DropTable(
                name: "material_receipts");

            migrationBuilder.DropTable(
                name: "material_releases");

            migrationBuilder.DropTable(
                name: "material_items");
        }
    }
}
