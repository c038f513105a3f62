using System;
using CaraPlatform.Infrastructure.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <inheritdoc />
    public partial class Training : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "expiry_reminded_on",
                table: "training_records",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "training_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    trainer_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_training_events_training_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "training_courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_training_events_users_trainer_user_id",
                        column: x => x.trainer_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_attendees",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    nominated_by_tenant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    nominated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    attended = table.Column<bool>(type: "boolean", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_attendees", x => x.id);
                    table.ForeignKey(
                        name: "fk_training_attendees_training_events_event_id",
                        column: x => x.event_id,
                        principalTable: "training_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_training_attendees_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_training_attendees_event_id_user_id",
                table: "training_attendees",
                columns: new[] { "event_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_attendees_nominated_by_tenant_id",
                table: "training_attendees",
                column: "nominated_by_tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_training_attendees_user_id",
                table: "training_attendees",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_training_events_course_id",
                table: "training_events",
                column: "course_id");

            migrationBuilder.CreateIndex(
                name: "ix_training_events_starts_on",
                table: "training_events",
                column: "starts_on");

            migrationBuilder.CreateIndex(
                name: "ix_training_events_trainer_user_id",
                table: "training_events",
                column: "trainer_user_id");

            // Hand-written: licence-holder tables are global; the application reads and writes them through the training feature only.
            foreach (var table in new[] { "training_events", "training_attendees" })
                migrationBuilder.GrantToApplication(table, "SELECT, INSERT, UPDATE, DELETE");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "training_attendees");

            migrationBuilder.DropTable(
                name: "training_events");

            migrationBuilder.DropColumn(
                name: "expiry_reminded_on",
                table: "training_records");
        }
    }
}
