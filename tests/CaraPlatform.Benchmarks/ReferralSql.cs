namespace CaraPlatform.Benchmarks;

/// <summary>
/// The SQL the host's EF Core sends for the tenant-API reads the baseline repeats, from its command log
/// (Microsoft.EntityFrameworkCore.Database.Command at Information), with $1 the tenant and $2 the referral.
/// Refresh it when the referral's columns change: the ratio is only fair while both run the same statements.
/// </summary>
internal static class ReferralSql
{
    private const string Columns =
        "r.tenant_id, r.id, r.at_risk_notice_at, r.booking_target_missed_at, r.condition_deadline, r.created_at, r.disposal_date, " +
        "r.disposal_type, r.first_contact_at, r.force_code, r.overdue_notice_at, r.police_answers, r.police_reference, r.rebooking_count, " +
        "r.received_at, r.screening, r.status, r.updated_at, r.xmin, r.timeline, r.offence_date, r.offence_relationship, r.offence_type_code, " +
        "r.offender_accessibility_needs, r.offender_address_line1, r.offender_address_line2, r.offender_children_in_household, " +
        "r.offender_date_of_birth, r.offender_email, r.offender_ethnicity, r.offender_family_name, r.offender_given_name, " +
        "r.offender_interpreter_needed, r.offender_phone, r.offender_postcode, r.offender_preferred_language, r.offender_sex, " +
        "r.offender_town, r.officer_collar_number, r.officer_email, r.officer_name, r.officer_phone";

    /// <summary>GET /referrals/{id}.</summary>
    public const string One = $"SELECT {Columns} FROM referrals AS r WHERE r.tenant_id = $1 AND r.id = $2 LIMIT 2";

    /// <summary>GET /referrals/{id} records who viewed the referral.</summary>
    public const string Viewed =
        "INSERT INTO audit_events (id, action, actor_client_id, actor_user_id, detail, ip_address, occurred_at, outcome, reason, subject, tenant_id) " +
        "VALUES (gen_random_uuid(), 'referral-viewed', 'bench-baseline', NULL, NULL, '127.0.0.1', now(), 'success', NULL, $2::text, $1)";

    /// <summary>GET /referrals?limit=50, the first page.</summary>
    public const string Page = $"SELECT {Columns} FROM referrals AS r WHERE r.tenant_id = $1 ORDER BY r.received_at DESC, r.id DESC LIMIT 50";
}
