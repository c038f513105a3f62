using Npgsql;

namespace CaraPlatform.Benchmarks;

/// <summary>
/// Fills the national read model straight through the database (the feed would take hours for a million referrals):
/// bench tenants (suspended copies of a real one, so no job works on them), runs, and referrals spread like real areas,
/// a few large and many small, over three years, moving through the funnel at realistic rates.
/// </summary>
internal static class NationalSeed
{
    public const string TenantPrefix = "national-";

    public static async Task<long> RunAsync(BenchOptions options)
    {
        await using var db = new NpgsqlConnection(options.OwnerConnectionString);
        await db.OpenAsync();
        var existing = (long)(await Scalar(db, "SELECT count(*) FROM national.referrals r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug LIKE 'national-%'"))!;
        if (existing == options.Referrals) return existing;

        await Execute(db, "DELETE FROM tenants WHERE slug LIKE 'national-%'");
        await Execute(db, $"""
            INSERT INTO tenants
            SELECT (jsonb_populate_record(NULL::tenants, to_jsonb(t) || jsonb_build_object(
                'id', gen_random_uuid(), 'slug', '{TenantPrefix}' || lpad(i::text, 3, '0'), 'name', 'Bench service ' || i,
                'status', 'Suspended', 'definition', t.definition || jsonb_build_object('slug', '{TenantPrefix}' || lpad(i::text, 3, '0'))))).*
            FROM tenants t CROSS JOIN generate_series(1, {options.Tenants}) i WHERE t.slug = 'hampshire'
            """);

        // A run holds up to 12; about one run per 9 referrals, each tenant's runs numbered so referrals can pick one.
        var runsPerTenant = Math.Max(1, options.Referrals / options.Tenants / 9);
        await Execute(db, $"""
            INSERT INTO national.runs (tenant_id, run_id, cohort, language, delivery, capacity, workshop1_on, workshop2_on, month, cancelled_on)
            SELECT t.id, md5(t.slug || '-' || n)::uuid, (ARRAY['IpvMale','IpvMale','IpvMale','IpvFemale','NonIpvMale'])[1 + n % 5],
                   CASE WHEN n % 17 = 0 THEN 'pl' ELSE 'en' END, CASE WHEN n % 4 = 0 THEN 'Remote' ELSE 'Venue' END, 12,
                   w1, w1 + 28, date_trunc('month', w1)::date, CASE WHEN n % 40 = 0 THEN w1 - 7 END
            FROM tenants t CROSS JOIN generate_series(0, {runsPerTenant - 1}) n
            CROSS JOIN LATERAL (SELECT date '2024-01-06' + (n * 1100 / {runsPerTenant}) AS w1) d
            WHERE t.slug LIKE 'national-%'
            """);

        // Skew: tenant index = floor(T * u^2.5), so the first few tenants take most referrals.
        await Execute(db, $"""
            WITH bench AS (SELECT id, slug, row_number() OVER (ORDER BY slug) - 1 AS idx FROM tenants WHERE slug LIKE 'national-%'),
            g AS (SELECT i, random() AS u, random() AS a, random() AS b, random() AS c, random() AS d, random() AS e, random() AS f
                  FROM generate_series(1, {options.Referrals}) i),
            r AS (SELECT g.*, bench.id AS tenant_id, bench.slug, bench.idx, date '2024-01-01' + floor(a * 1064)::int AS received
                  FROM g JOIN bench ON bench.idx = least({options.Tenants - 1}, floor({options.Tenants} * power(g.u, 2.5))::int))
            INSERT INTO national.referrals (
                tenant_id, referral_id, force_code, received_on, month, offence_type_code, relationship, ipv, dash_level, sex, cohort,
                age_band, ethnicity, language, offender_key, pair_key, status, screened_eligible_on, returned_on, returned_as,
                return_reasons, first_contact_on, booked_on, run_id, workshop1_on, completed_on, non_compliant_on, breach_reason,
                withdrawn_on, closed_on)
            SELECT tenant_id, gen_random_uuid(), 'BF' || lpad(idx::text, 2, '0'), received, date_trunc('month', received)::date,
                (ARRAY['common-assault','criminal-damage','harassment','threatening-behaviour','domestic-theft'])[1 + floor(b * 5)::int],
                CASE WHEN c < 0.8 THEN 'CurrentPartner' WHEN c < 0.9 THEN 'FormerPartner' ELSE 'Sibling' END, c < 0.9,
                CASE WHEN d < 0.85 THEN 'Standard' ELSE 'Medium' END,
                CASE WHEN c < 0.9 AND e < 0.12 THEN 'Female' ELSE 'Male' END,
                CASE WHEN c >= 0.9 THEN 'NonIpvMale' WHEN e < 0.12 THEN 'IpvFemale' ELSE 'IpvMale' END,
                (ARRAY['18-24','25-34','35-44','45-54','55+'])[1 + floor(f * 5)::int],
                (ARRAY['W1','W1','W1','W2','W9','A1','A2','B1','M1','NS'])[1 + floor(d * 10)::int],
                CASE WHEN e > 0.95 THEN 'pl' WHEN e > 0.93 THEN 'pa' ELSE 'en' END,
                encode(sha256(convert_to('o' || i, 'UTF8')), 'hex'),
                encode(sha256(convert_to('p' || (CASE WHEN i % 25 = 0 THEN i - 1 ELSE i END), 'UTF8')), 'hex'),
                CASE WHEN d >= 0.92 THEN 'ReturnedIneligible' WHEN d >= 0.9 THEN 'ReturnedUncontactable'
                     WHEN received > date '2026-10-01' THEN 'Booked' WHEN f < 0.85 THEN 'Completed' WHEN f < 0.95 THEN 'NonCompliant' ELSE 'Withdrawn' END,
                CASE WHEN d < 0.9 THEN received + 2 + floor(e * 5)::int END,
                CASE WHEN d >= 0.9 THEN received + 5 END,
                CASE WHEN d >= 0.92 THEN 'ReturnedIneligible' WHEN d >= 0.9 THEN 'ReturnedUncontactable' END,
                CASE WHEN d >= 0.92 THEN ARRAY['coercive-control'] WHEN d >= 0.9 THEN ARRAY['uncontactable'] ELSE ARRAY[]::text[] END,
                CASE WHEN d < 0.9 THEN received + floor(b * 25)::int END,
                CASE WHEN d < 0.9 THEN received + 10 + floor(b * 10)::int END,
                CASE WHEN d < 0.9 THEN md5(slug || '-' || floor(a * {runsPerTenant})::int)::uuid END,
                CASE WHEN d < 0.9 AND received <= date '2026-10-01' AND f < 0.97 THEN received + 30 + floor(c * 10)::int END,
                CASE WHEN d < 0.9 AND received <= date '2026-10-01' AND f < 0.85 THEN received + 60 + floor(c * 10)::int END,
                CASE WHEN d < 0.9 AND received <= date '2026-10-01' AND f >= 0.85 AND f < 0.95 THEN received + 31 + floor(c * 30)::int END,
                CASE WHEN d < 0.9 AND received <= date '2026-10-01' AND f >= 0.85 AND f < 0.95
                     THEN (ARRAY['absent-workshop1','absent-workshop2','late-workshop1','late-workshop2'])[1 + floor(e * 4)::int] END,
                CASE WHEN d < 0.9 AND received <= date '2026-10-01' AND f >= 0.95 THEN received + 20 END,
                NULL
            FROM r
            """);
        // Repeats as the referral projection marks them: every referral of a pair after its first.
        await Execute(db, """
            UPDATE national.referrals r SET pair_referred_before = true
            FROM (SELECT tenant_id, referral_id, row_number() OVER (PARTITION BY pair_key ORDER BY received_on, referral_id) AS n
                  FROM national.referrals WHERE pair_key IS NOT NULL) o
            WHERE o.tenant_id = r.tenant_id AND o.referral_id = r.referral_id AND o.n > 1;
            """);
        await SeedVoicesAndOutcomesAsync(db);
        await Execute(db, "ANALYZE national.referrals; ANALYZE national.runs; ANALYZE national.feedback_answers; " +
            "ANALYZE national.victim_changes; ANALYZE national.signposting; ANALYZE national.outcomes; ANALYZE tenants");
        return options.Referrals;
    }

    /// <summary>
    /// What follows a referral, at realistic rates: questionnaires (half of those reaching each workshop answer),
    /// victim-reported change after each workshop (seven in ten IPV referrals have a victim in contact), signposting,
    /// and the police's follow-ups at 6 and 12 months for closed cases whose window has passed, plus a comparison group.
    /// </summary>
    private static async Task SeedVoicesAndOutcomesAsync(NpgsqlConnection db)
    {
        await Execute(db, """
            INSERT INTO national.feedback_answers (tenant_id, feedback_id, question_code, referral_id, force_code, cohort, language, stage, value, month)
            SELECT r.tenant_id, md5(r.referral_id::text || q.stage)::uuid, q.code, r.referral_id, r.force_code, r.cohort, r.language, q.stage,
                   1 + floor(random() * CASE WHEN q.stage = 'PreCourse' THEN 5 ELSE 2 END)::int + CASE WHEN q.stage = 'PreCourse' THEN 0 ELSE 3 END,
                   date_trunc('month', CASE WHEN q.stage = 'PreCourse' THEN r.workshop1_on ELSE r.completed_on END)::date
            FROM national.referrals r
            JOIN tenants t ON t.id = r.tenant_id AND t.slug LIKE 'national-%'
            CROSS JOIN (VALUES ('PreCourse', 'attitude-towards-partner'), ('PreCourse', 'helped-relationship-issues'),
                               ('PostCourse', 'attitude-towards-partner'), ('PostCourse', 'helped-relationship-issues'),
                               ('PostCourse', 'would-recommend')) q(stage, code)
            WHERE hashtext(r.referral_id::text) % 2 = 0
              AND CASE WHEN q.stage = 'PreCourse' THEN r.workshop1_on ELSE r.completed_on END IS NOT NULL
            """);
        await Execute(db, """
            INSERT INTO national.victim_changes (tenant_id, entry_id, force_code, month, workshop, change)
            SELECT r.tenant_id, md5(r.referral_id::text || w.workshop)::uuid, r.force_code, date_trunc('month', w.on_day + 3)::date, w.workshop,
                   (ARRAY['Improved','Improved','Improved','Improved','Improved','Improved','NoChange','NoChange','Worse','NotAskedNoContact'])[1 + floor(random() * 10)::int]
            FROM national.referrals r
            JOIN tenants t ON t.id = r.tenant_id AND t.slug LIKE 'national-%'
            CROSS JOIN LATERAL (VALUES ('Workshop1', r.workshop1_on), ('Workshop2', r.completed_on)) w(workshop, on_day)
            WHERE r.ipv AND abs(hashtext(r.referral_id::text || 'v')) % 10 < 7 AND w.on_day IS NOT NULL
            """);
        await Execute(db, """
            INSERT INTO national.signposting (tenant_id, entry_id, service, force_code, month)
            SELECT r.tenant_id, md5(r.referral_id::text || 's')::uuid, s.service, r.force_code, date_trunc('month', r.first_contact_on + 2)::date
            FROM national.referrals r
            JOIN tenants t ON t.id = r.tenant_id AND t.slug LIKE 'national-%'
            CROSS JOIN (VALUES ('IDVA service', 0), ('Housing advice', 1), ('Counselling', 2), ('Children''s services', 3), ('Legal advice', 4)) s(service, n)
            WHERE r.ipv AND r.first_contact_on IS NOT NULL AND abs(hashtext(r.referral_id::text || 's' || s.n)) % 10 < 3 - s.n / 2
            """);
        await Execute(db, """
            INSERT INTO national.outcomes (tenant_id, follow_up_id, referral_id, cohort, months, reoffended, offence_types, first_reoffence_on)
            SELECT r.tenant_id, md5(r.referral_id::text || m.months)::uuid, r.referral_id, 'Referred', m.months, o.reoffended,
                   CASE WHEN o.reoffended THEN ARRAY[(ARRAY['common-assault','harassment','actual-bodily-harm','coercive-control'])[1 + floor(random() * 4)::int]] ELSE ARRAY[]::text[] END,
                   CASE WHEN o.reoffended THEN r.received_on + 40 END
            FROM national.referrals r
            JOIN tenants t ON t.id = r.tenant_id AND t.slug LIKE 'national-%'
            CROSS JOIN (VALUES (6), (12)) m(months)
            CROSS JOIN LATERAL (SELECT random() < CASE WHEN r.status = 'Completed' THEN 0.08 ELSE 0.16 END * m.months / 6 AS reoffended) o
            WHERE r.status IN ('Completed', 'NonCompliant', 'Withdrawn') AND r.received_on < date '2026-11-30' - m.months * 30
            """);
        await Execute(db, """
            INSERT INTO national.outcomes (tenant_id, follow_up_id, referral_id, cohort, months, reoffended, offence_types, first_reoffence_on)
            SELECT t.id, gen_random_uuid(), NULL, 'EligibleNotReferred', m.months, o.reoffended,
                   CASE WHEN o.reoffended THEN ARRAY['common-assault'] ELSE ARRAY[]::text[] END, CASE WHEN o.reoffended THEN date '2025-06-01' END
            FROM tenants t CROSS JOIN generate_series(1, 2000) i CROSS JOIN (VALUES (6), (12)) m(months)
            CROSS JOIN LATERAL (SELECT random() < 0.12 * m.months / 6 AS reoffended) o
            WHERE t.slug LIKE 'national-%'
            """);
        // Copied onto the referrals, as the outcome projection does.
        await Execute(db, """
            UPDATE national.referrals r SET reoffended_6_months = o.reoffended, reoffences_6_months = o.offence_types
            FROM national.outcomes o WHERE o.tenant_id = r.tenant_id AND o.referral_id = r.referral_id AND o.months = 6;
            UPDATE national.referrals r SET reoffended_12_months = o.reoffended, reoffences_12_months = o.offence_types
            FROM national.outcomes o WHERE o.tenant_id = r.tenant_id AND o.referral_id = r.referral_id AND o.months = 12;
            """);
        // The updates left a dead copy of most rows behind: compact, as a table filled by the feed over years would be.
        await Execute(db, "VACUUM FULL national.referrals");
    }

    private static async Task Execute(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return await command.ExecuteScalarAsync();
    }
}
