namespace CaraPlatform.Web.Tests.TenantIsolation;

/// <summary>The checker on SQL written out, in the shapes EF Core and the app's own statements take.</summary>
public sealed class TenantSqlCheckTests
{
    private static readonly IReadOnlySet<string> Tenant =
        new HashSet<string>(StringComparer.Ordinal) { "referrals", "bookings", "course_runs", "police_notices", "tenant_events", "tenant_event_cursors" };

    private const string FilteredSelect = """
        SELECT r.id, r.tenant_id, r.status, r.version
        FROM referrals AS r
        WHERE r.tenant_id = @ef_filter__CurrentTenantId AND r.id = @id
        LIMIT 2
        """;

    [Fact]
    public void An_EF_select_with_the_tenant_filter_passes()
    {
        var result = TenantSqlCheck.Check(FilteredSelect, Tenant);
        Assert.True(result.Passes, string.Join("; ", result.Problems));
        Assert.Equal(["referrals"], result.TenantTables);
    }

    [Fact]
    public void The_same_select_without_the_tenant_condition_fails_naming_the_table()
    {
        var result = TenantSqlCheck.Check(FilteredSelect.Replace("r.tenant_id = @ef_filter__CurrentTenantId AND ", "", StringComparison.Ordinal), Tenant);
        Assert.Equal(["referrals AS r has no tenant_id condition"], result.Problems);
    }

    [Fact]
    public void A_join_where_only_one_side_is_filtered_fails_for_the_other_side()
    {
        var result = TenantSqlCheck.Check("""
            SELECT r.id, b.id
            FROM referrals AS r
            INNER JOIN bookings AS b ON r.id = b.referral_id
            WHERE r.tenant_id = @ef_filter__CurrentTenantId
            """, Tenant);
        Assert.Equal(["bookings AS b has no tenant_id condition"], result.Problems);
    }

    [Fact]
    public void An_insert_without_tenant_id_fails()
    {
        var result = TenantSqlCheck.Check("INSERT INTO bookings (id, referral_id, run_id) VALUES (@p0, @p1, @p2) RETURNING xmin;", Tenant);
        Assert.Equal(["INSERT INTO bookings does not insert tenant_id"], result.Problems);
    }

    [Theory]
    [InlineData("""
        SELECT r.id, b.id FROM referrals AS r
        INNER JOIN bookings AS b ON r.tenant_id = b.tenant_id AND r.id = b.referral_id
        WHERE r.tenant_id = @t
        """)] // pinned through the join's tenant_id, which Citus follows too
    [InlineData("""
        SELECT r.id, b0.id FROM referrals AS r
        LEFT JOIN (
            SELECT b.id, b.tenant_id, b.referral_id FROM bookings AS b WHERE b.tenant_id = @ef_filter__CurrentTenantId
        ) AS b0 ON r.tenant_id = b0.tenant_id AND r.id = b0.referral_id
        WHERE r.tenant_id = @ef_filter__CurrentTenantId
        ORDER BY r.id, b0.id
        """)] // EF's shape for an Include
    [InlineData("""
        SELECT r.id FROM referrals AS r
        WHERE r.tenant_id = @t AND EXISTS (
            SELECT 1 FROM bookings AS b WHERE b.tenant_id = @t AND r.tenant_id = b.tenant_id AND r.id = b.referral_id)
        """)]
    [InlineData("""
        SELECT c.id, b0.c FROM course_runs AS c
        LEFT JOIN LATERAL (SELECT count(*)::int AS c FROM bookings AS b WHERE c.tenant_id = b.tenant_id AND c.id = b.run_id) AS b0 ON TRUE
        WHERE c.tenant_id = @t
        """)] // a LATERAL subquery pinned by its outer reference
    [InlineData("""
        SELECT r.id, (SELECT count(*)::int FROM bookings AS b WHERE b.tenant_id = @t AND b.referral_id = r.id) AS n
        FROM referrals AS r WHERE (r.tenant_id = @t AND (r.status = 'Received' OR r.status = 'Eligible'))
        """)]
    [InlineData("""
        SET app.tenant_id = '0195b3a0-0000-7000-8000-000000000001';
        SELECT "r"."id" FROM "referrals" AS "r" WHERE "r"."tenant_id" = @t
        """)] // the session setting's prefix, and quoted names
    [InlineData("""
        UPDATE referrals SET status = @p0, version = @p1
        WHERE tenant_id = @p2 AND id = @p3 AND version = @p4;
        DELETE FROM bookings WHERE tenant_id = @p5 AND id = @p6;
        INSERT INTO police_notices (tenant_id, id, referral_id) VALUES (@p7, @p8, @p9);
        """)] // a SaveChanges batch
    [InlineData("""
        UPDATE police_notices AS p SET leased_until = @p
        WHERE p.tenant_id = @ef_filter__CurrentTenantId AND p.id IN (SELECT p0.id FROM police_notices AS p0 WHERE p0.tenant_id = @ef_filter__CurrentTenantId)
        """)]
    [InlineData("""
        INSERT INTO tenant_event_cursors (tenant_id, id, consumer, last_transaction_id, last_event_id)
        VALUES (@p0, @p1, @p2, '0', @p3)
        ON CONFLICT (tenant_id, consumer) DO NOTHING
        """)]
    [InlineData("UPDATE tenant_event_cursors SET last_event_id = @p0 WHERE tenant_id = current_setting('app.tenant_id')::uuid AND consumer = @p1")]
    [InlineData("DELETE FROM bookings AS b WHERE b.tenant_id IN (@t1, @t2) AND b.run_id = @r")]
    [InlineData("SELECT n.referral_id FROM national.referrals AS n JOIN national.runs AS u ON u.run_id = n.run_id")] // the national read model is not a tenant table
    [InlineData("SELECT pg_advisory_xact_lock(hashtextextended(@p0, 0))")]
    [InlineData("SELECT u.id FROM asp_net_users AS u WHERE u.normalized_email = @email LIMIT 2")]
    [InlineData("""
        WITH due AS (SELECT p.id FROM police_notices AS p WHERE p.tenant_id = @t AND p.leased_until IS NULL)
        SELECT d.id FROM due AS d
        UNION ALL
        SELECT r.id FROM referrals AS r WHERE r.tenant_id = @t AND r.received_at BETWEEN @a AND @b
        """)]
    public void A_command_pinned_to_its_tenant_everywhere_passes(string sql)
    {
        var result = TenantSqlCheck.Check(sql, Tenant);
        Assert.True(result.Passes, string.Join("; ", result.Problems));
    }

    [Theory]
    [InlineData("SELECT r.id FROM referrals AS r WHERE r.tenant_id = @t OR r.id = @id", "referrals AS r")] // under an OR, the filter pins nothing
    [InlineData("SELECT r.id FROM public.referrals r WHERE r.id = @id", "referrals AS r")]
    [InlineData("""
        SELECT r.id FROM referrals AS r
        WHERE r.tenant_id = @t AND EXISTS (SELECT 1 FROM bookings AS b WHERE r.id = b.referral_id)
        """, "bookings AS b")] // EF puts the filter inside the subquery too: one without it is not EF's
    [InlineData("""
        SELECT r.id FROM referrals AS r
        JOIN bookings AS b ON r.tenant_id = b.tenant_id AND r.id = b.referral_id
        WHERE b.run_id = @run
        """, "referrals AS r")] // joined on tenant_id, but neither side pinned to a value
    [InlineData("SELECT r.id FROM referrals AS r WHERE r.tenant_id = r.id", "referrals AS r")]
    [InlineData("SELECT id AS \"Value\" FROM tenant_event_cursors WHERE consumer = @p0 FOR UPDATE SKIP LOCKED", "tenant_event_cursors has no")]
    [InlineData("""
        SELECT t.id FROM (
            SELECT e.* FROM tenant_events e
            JOIN tenant_event_cursors c ON c.tenant_id = e.tenant_id AND c.consumer = @p0
        ) AS t
        WHERE t.tenant_id = @ef_filter__CurrentTenantId
        """, "tenant_events AS e")] // FromSql: EF's filter outside the app's SQL does not reach inside it
    [InlineData("""
        UPDATE police_notices SET leased_until = @p0
        WHERE id IN (SELECT id FROM police_notices WHERE leased_until IS NULL FOR UPDATE SKIP LOCKED)
        RETURNING id AS "Value"
        """, "police_notices has no")]
    [InlineData("INSERT INTO bookings SELECT * FROM bookings AS b WHERE b.tenant_id = @t", "INSERT INTO bookings")]
    [InlineData("TRUNCATE referrals", "referrals is named where the check reads no table reference")]
    [InlineData("MERGE INTO public.bookings AS b USING (VALUES (@id)) AS v (id) ON b.id = v.id WHEN MATCHED THEN DELETE", "bookings is named where")]
    public void A_tenant_table_left_unpinned_fails(string sql, string problem)
    {
        var result = TenantSqlCheck.Check(sql, Tenant);
        Assert.Contains(result.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }
}
