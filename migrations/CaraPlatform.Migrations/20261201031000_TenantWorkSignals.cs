using CaraPlatform.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaraPlatform.Migrations
{
    /// <summary>
    /// Hand-written: the relay and the notice dispatcher visit the tenants these triggers name (TenantSignal) instead of
    /// every tenant every second. PostgreSQL sends a transaction's identical notifications once, at commit.
    /// </summary>
    [DbContext(typeof(CaraDbContext))]
    [Migration("20261201031000_TenantWorkSignals")]
    public partial class TenantWorkSignals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_tenant_work() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify(TG_ARGV[0], NEW.tenant_id::text);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER tenant_events_notify AFTER INSERT ON tenant_events
                    FOR EACH ROW EXECUTE FUNCTION notify_tenant_work('cara_tenant_events');
                CREATE TRIGGER police_notices_notify AFTER INSERT OR UPDATE OF webhook_state, next_attempt_at, inbox_delivered_at ON police_notices
                    FOR EACH ROW WHEN (NEW.inbox_delivered_at IS NULL OR NEW.webhook_state = 'Pending')
                    EXECUTE FUNCTION notify_tenant_work('cara_police_notices');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER police_notices_notify ON police_notices;
                DROP TRIGGER tenant_events_notify ON tenant_events;
                DROP FUNCTION notify_tenant_work();
                """);
        }
    }
}
