using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class ErasableEventPayloads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written (issue 13): retention replaces an erased case's event payloads with their erased form, so the
            // application may update that one column of an event; the rest stays as written, and no event is deleted.
            migrationBuilder.Sql($"GRANT UPDATE (payload) ON tenant_events TO {DatabaseRoles.Application};");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"REVOKE UPDATE (payload) ON tenant_events FROM {DatabaseRoles.Application};");
        }
    }
}
