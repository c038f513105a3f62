using System.Diagnostics;
using Npgsql;

namespace CaraPlatform.Benchmarks;

/// <summary>
/// A million referrals (quick: twenty thousand) in the tenant tables, over <see cref="Tenants"/> tenants skewed like real
/// areas (the largest holds about a fifth, most hold a few thousand), received over two years. Each is a copy of one
/// referral made through the API, so every column is as the host writes it. Referrals older than 140 days are closed
/// (Completed); the recent ones are open at every stage, and their notices and flags are as the deadline job would have
/// left them yesterday for 99 in 100, so that a round of the job finds a realistic day's work.
/// </summary>
internal static class ScaleSeed
{
    public const string Prefix = "scale-";

    public const int Tenants = 50;

    public static async Task<long> EnsureAsync(BenchOptions options)
    {
        await BenchTenants.EnsureAsync(options.SuperuserConnectionString, Tenants, Prefix);
        await using var db = new NpgsqlConnection(options.SuperuserConnectionString);
        await db.OpenAsync();
        var have = await ScalarAsync(db, $"SELECT count(*) FROM referrals r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug LIKE '{Prefix}%'");
        var wanted = options.Quick ? 20_000L : 1_000_000L;
        if (have >= wanted) return have;

        var watch = Stopwatch.StartNew();
        await using var insert = new NpgsqlCommand("""
            WITH scale AS (SELECT array_agg(id ORDER BY slug) AS ids FROM tenants WHERE slug LIKE 'scale-%'),
                 template AS (SELECT r.* FROM referrals r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = 'bench-0001' LIMIT 1),
                 drawn AS (
                     SELECT g, 1 + floor(50 * power(random(), 2))::int AS k, now() - random() * interval '730 days' AS received, random() AS luck
                     FROM generate_series($1, $2) AS g)
            INSERT INTO referrals (tenant_id, id, police_reference, force_code, police_answers, disposal_type, disposal_date, status,
                received_at, first_contact_at, condition_deadline, screening, rebooking_count, booking_target_missed_at, at_risk_notice_at,
                overdue_notice_at, created_at, updated_at, timeline, offence_date, offence_relationship, offence_type_code,
                offender_accessibility_needs, offender_address_line1, offender_address_line2, offender_children_in_household,
                offender_date_of_birth, offender_email, offender_family_name, offender_given_name, offender_interpreter_needed, offender_phone,
                offender_postcode, offender_preferred_language, offender_sex, offender_town, officer_collar_number, officer_email, officer_name,
                officer_phone, offender_ethnicity)
            SELECT scale.ids[d.k], gen_random_uuid(), 'SCALE/' || d.g, t.force_code, t.police_answers, t.disposal_type, d.received::date - 3,
                   CASE WHEN d.received < now() - interval '140 days' THEN 'Completed'
                        ELSE (ARRAY['Received', 'Screening', 'Eligible', 'Booked', 'AttendedWorkshop1'])[1 + d.g % 5] END,
                   d.received, d.received + interval '2 days', d.received::date + 112, t.screening, 0,
                   CASE WHEN d.luck < 0.99 AND d.received < now() - interval '15 days' THEN d.received + interval '15 days' END,
                   CASE WHEN d.luck < 0.99 AND d.received < now() - interval '77 days' THEN d.received + interval '77 days' END,
                   CASE WHEN d.luck < 0.99 AND d.received < now() - interval '113 days' THEN d.received + interval '113 days' END,
                   d.received, d.received, t.timeline, t.offence_date, t.offence_relationship, t.offence_type_code,
                   t.offender_accessibility_needs, t.offender_address_line1, t.offender_address_line2, t.offender_children_in_household,
                   t.offender_date_of_birth, t.offender_email, t.offender_family_name, t.offender_given_name, t.offender_interpreter_needed,
                   t.offender_phone, t.offender_postcode, t.offender_preferred_language, t.offender_sex, t.offender_town, t.officer_collar_number,
                   t.officer_email, t.officer_name, t.officer_phone, t.offender_ethnicity
            FROM drawn d, scale, template t
            """, db) { CommandTimeout = 1800 };
        insert.Parameters.Add(new NpgsqlParameter { Value = have + 1 });
        insert.Parameters.Add(new NpgsqlParameter { Value = wanted });
        await insert.ExecuteNonQueryAsync();
        await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE referrals", db) { CommandTimeout = 1800 })
            await analyze.ExecuteNonQueryAsync();
        Console.WriteLine($"Seeded {wanted - have:N0} tenant referrals over {Tenants} tenants in {watch.Elapsed.TotalSeconds:0} s");
        return wanted;
    }

    /// <summary>The largest scale tenant's slug and its referral count.</summary>
    public static async Task<(string Slug, long Referrals)> LargestAsync(BenchOptions options)
    {
        await using var db = new NpgsqlConnection(options.SuperuserConnectionString);
        await db.OpenAsync();
        var slug = BenchTenants.Slug(1, Prefix);
        return (slug, await ScalarAsync(db, $"SELECT count(*) FROM referrals r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = '{slug}'"));
    }

    /// <summary>Referrals of <paramref name="slug"/> drawn at random, to read.</summary>
    public static async Task<List<Guid>> SampleAsync(BenchOptions options, string slug, int count)
    {
        await using var db = new NpgsqlConnection(options.SuperuserConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT r.id FROM referrals r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 ORDER BY random() LIMIT $2", db)
        {
            Parameters = { new() { Value = slug }, new() { Value = count } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 600 };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
