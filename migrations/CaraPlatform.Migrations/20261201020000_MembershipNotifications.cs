using CaraPlatform.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <summary>
    /// Hand-written: every host keeps people's roles in memory (MembershipCache) and forgets one when this trigger
    /// says, at commit, that it changed, whichever host or statement changed it.
    /// </summary>
    [DbContext(typeof(CaraDbContext))]
    [Migration("20261201020000_MembershipNotifications")]
    public partial class MembershipNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_membership_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN
                        PERFORM pg_notify('cara_memberships', OLD.tenant_id::text || ':' || OLD.user_id::text);
                    END IF;
                    IF TG_OP <> 'DELETE' THEN
                        PERFORM pg_notify('cara_memberships', NEW.tenant_id::text || ':' || NEW.user_id::text);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER memberships_notify AFTER INSERT OR UPDATE OR DELETE ON memberships
                    FOR EACH ROW EXECUTE FUNCTION notify_membership_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER memberships_notify ON memberships;
                DROP FUNCTION notify_membership_change();
                """);
        }
    }
}
