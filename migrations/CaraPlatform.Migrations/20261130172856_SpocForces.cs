using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class SpocForces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "force_codes",
                table: "memberships",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "force_codes",
                table: "invitations",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            // Hand-written (issue 13, police): none. Existing ForceSpoc memberships get no forces here, since which force
            // a SPOC of a tenant of several forces serves cannot be known; ForceScope.Served reads "no forces" as the
            // tenant's force in a tenant of one force, and as none elsewhere until an admin names them.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "force_codes",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "force_codes",
                table: "invitations");
        }
    }
}
