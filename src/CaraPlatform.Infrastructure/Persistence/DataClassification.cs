namespace CaraPlatform.Infrastructure.Persistence;

/// <summary>
/// What a column holds, for the data-protection duties that follow from it (UK GDPR Art. 9 and 10, DPA 2018 Part 3).
/// </summary>
public enum DataCategory
{
    /// <summary>Nothing about a person once the personal columns are gone: kept by erasure, fit for national counts.</summary>
    None,

    /// <summary>About an identifiable person: an offender, a staff member, an officer.</summary>
    Personal,

    /// <summary>Health, disability and the like (UK GDPR Art. 9).</summary>
    SpecialCategory,

    /// <summary>About an offence, a caution or the person's part in it (UK GDPR Art. 10).</summary>
    CriminalOffence,

    /// <summary>About the person harmed: never in anything the offender, facilitators or police see.</summary>
    Victim,

    /// <summary>
    /// About a person only through a keyed pseudonym, a band or a code (the national read model): no name, date of
    /// birth, address, free text or victim value, and no way back to them without the key held outside the database.
    /// </summary>
    Pseudonymous,
}

/// <summary>
/// Every column of every table in the database, classified once (issue 13, part 6). Subject-access exports, logs and
/// the national feed decide what they may carry from here; a test fails on a column missing here or listed here but gone.
/// A new column goes under its table, with a word on why when the category is not obvious from its name.
/// </summary>
public static class DataClassification
{
    /// <summary>The category of <paramref name="table"/>.<paramref name="column"/>; throws for a column nobody has classified.</summary>
    public static DataCategory Of(string table, string column) =>
        Tables.TryGetValue(table, out var columns) && columns.TryGetValue(column, out var category)
            ? category
            : throw new KeyNotFoundException($"{table}.{column} is not classified: add it under \"{table}\" in {nameof(DataClassification)}.");

    /// <summary>The columns of <paramref name="table"/> that hold nothing about a person (none for an unknown table).</summary>
    public static IReadOnlySet<string> NonPersonalColumns(string table) =>
        Tables.TryGetValue(table, out var columns)
            ? columns.Where(c => c.Value == DataCategory.None).Select(c => c.Key).ToHashSet()
            : new HashSet<string>();

    /// <summary>Table → column → category, for every table in the public schema.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, DataCategory>> Tables { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, DataCategory>>
        {
            // Referrals: the offender's record. Status, dates, force and offence type stay after erasure for the national counts.
            ["referrals"] = Table.None(
                    "tenant_id", "id", "status", "received_at", "first_contact_at", "condition_deadline", "disposal_type", "disposal_date",
                    "force_code", "offence_type_code", "offence_relationship", "rebooking_count", "booking_target_missed_at",
                    "at_risk_notice_at", "overdue_notice_at", "created_at", "updated_at")
                .Personal(
                    "offender_given_name", "offender_family_name", "offender_date_of_birth", "offender_sex", "offender_preferred_language",
                    "offender_address_line1", "offender_address_line2", "offender_town", "offender_postcode", "offender_phone",
                    "offender_email", "offender_interpreter_needed", "offender_children_in_household",
                    // The referring officer is a third party to the offender's record.
                    "officer_name", "officer_collar_number", "officer_email", "officer_phone")
                .SpecialCategory("offender_accessibility_needs", "offender_ethnicity")
                // The caution's own reference, the police's and the provider's answers on history, bail and risk, and the
                // timeline's free-text reasons are all about the offence.
                .CriminalOffence("police_reference", "offence_date", "police_answers", "screening", "timeline"),
            ["victim_records"] = Table.None("tenant_id", "id", "referral_id", "created_at", "updated_at")
                .Victim("protected_details"),
            // The victim-contact case: everything about it is the victim's, bar its keys, dates and who holds it.
            ["victim_cases"] = Table.None("tenant_id", "id", "referral_id", "opened_at", "closed_at", "created_at", "updated_at")
                .Personal("worker_id"),
            // Each entry's typed text is ciphertext (protected_notes); its structured answers say how the victim is and what was shared.
            ["victim_case_entries"] = Table.None("tenant_id", "id", "case_id", "kind", "recorded_at")
                .Personal("recorded_by", "recorded_by_name")
                .Victim(
                    "method", "person_who_caused_harm_present", "outcome", "services", "dash_score", "dash_level", "dash_judgement_level",
                    "escalated_to", "lawful_basis", "workshop", "change", "protected_notes"),
            // Retention: metadata about cases, never their values. A reviewer's reason for keeping a case is their own words.
            ["retention_reviews"] = Table.None(
                    "tenant_id", "id", "referral_id", "closed_on", "listed_at", "decision", "kept_months", "decided_at", "created_at",
                    "updated_at")
                .Personal("decided_by", "reason"),
            ["erasure_log"] = Table.None("tenant_id", "id", "referral_id", "erased_at", "rule", "action", "categories"),
            ["retained_counts"] = Table.None("tenant_id", "id", "month_received", "status", "ipv", "cohort", "count"),
            // The national read model (schema national): codes, bands, days and keyed pseudonyms only.
            ["national.referrals"] = Table.None(
                    "tenant_id", "referral_id", "force_code", "received_on", "month", "offence_type_code", "relationship", "ipv", "dash_level",
                    "cohort", "status", "screened_eligible_on", "returned_on", "returned_as", "return_reasons", "first_contact_on", "booked_on",
                    "run_id", "workshop1_on", "completed_on", "non_compliant_on", "breach_reason", "withdrawn_on", "closed_on",
                    "reoffended_6_months", "reoffences_6_months", "reoffended_12_months", "reoffences_12_months")
                .Pseudonymous("sex", "age_band", "ethnicity", "language", "offender_key", "pair_key", "pair_referred_before"),
            // Facilitators are the provider's staff, not subjects of the programme: the licence holder's reviewers plan by them.
            ["national.runs"] = Table.None(
                "tenant_id", "run_id", "cohort", "language", "delivery", "capacity", "workshop1_on", "workshop2_on", "month", "cancelled_on",
                "venue_name", "facilitator_ids", "facilitator_names"),
            ["national.run_attendances"] = Table.None("tenant_id", "run_id", "referral_id", "workshop"),
            // The police's reoffending follow-up: whether the person reoffended and how is about offences; the reference names the caution.
            ["reoffending_follow_ups"] = Table.None(
                    "tenant_id", "id", "months", "cohort", "referral_id", "start_on", "recorded_at", "created_at", "updated_at")
                .CriminalOffence("police_reference", "reoffended", "reoffences"),
            // A follow-up nationally: codes and a day, keyed by the referral, never the police reference.
            ["national.outcomes"] = Table.None(
                "tenant_id", "follow_up_id", "referral_id", "cohort", "months", "reoffended", "offence_types", "first_reoffence_on"),
            // Questionnaire answers are codes and points on a scale; victim answers carry no referral or pseudonym at all.
            ["national.feedback_answers"] = Table.None(
                    "tenant_id", "feedback_id", "question_code", "referral_id", "run_id", "stage", "value", "month", "force_code", "cohort")
                .Pseudonymous("language"),
            ["national.victim_changes"] = Table.None("tenant_id", "entry_id", "force_code", "month", "workshop", "change"),
            ["national.signposting"] = Table.None("tenant_id", "entry_id", "service", "force_code", "month"),
            // A workbook of suppressed tables and the filter it was made for; requested_by is the licence holder's own
            // staff account, kept so that only they may download it, and no subject of the data.
            ["national.export_jobs"] = Table.None(
                "id", "requested_by", "requested_at", "tenant", "force", "from_month", "to_month", "cohort", "language", "state", "tables_done",
                "tables_total", "leased_until", "finished_at", "file_name", "content"),
            ["police_notices"] = Table.None(
                    "tenant_id", "id", "referral_id", "type", "schema_version", "occurred_at", "inbox_delivered_at", "read_at",
                    "webhook_state", "webhook_attempts", "next_attempt_at", "leased_until", "webhook_delivered_at")
                // The notice to the police names the caution and what the offender did about it.
                .CriminalOffence("payload"),
            ["webhook_delivery_attempts"] = Table.None(
                "tenant_id", "id", "notice_id", "attempt", "attempted_at", "url", "status_code", "succeeded", "error", "duration_ms"),
            // The stored answer of a retried request: a referral as the API returned it.
            ["idempotency_records"] = Table.None(
                    "tenant_id", "id", "caller_id", "operation", "key", "request_hash", "status_code", "location", "created_at")
                .CriminalOffence("response_body"),
            ["course_runs"] = Table.None(
                    "tenant_id", "id", "cohort", "language", "workshop1_date", "workshop1_start", "workshop1_end", "workshop2_date",
                    "workshop2_start", "workshop2_end", "delivery", "venue_id", "meeting_link", "capacity", "booked_count", "cancelled_at",
                    "cancel_reason", "created_at", "updated_at")
                .Personal("facilitator_ids"),
            // Attendance marks stay after erasure: completion rates are national counts.
            ["bookings"] = Table.None(
                    "tenant_id", "id", "run_id", "referral_id", "status", "booked_at", "workshop1", "workshop2", "ended_at", "created_at",
                    "updated_at")
                .Personal("booked_by", "cancel_reason"),
            // Register entries carry each participant's mark and the facilitator's note about them.
            ["workshop_registers"] = Table.None("tenant_id", "id", "run_id", "workshop", "recorded_at", "created_at", "updated_at")
                .Personal("recorded_by", "entries"),
            ["feedback_responses"] = Table.None("tenant_id", "id", "run_id", "referral_id", "stage", "recorded_at")
                .Personal("recorded_by", "answers"),
            // Events carry the referral's facts, its police reference among them.
            ["tenant_events"] = Table.None("tenant_id", "id", "aggregate_id", "type", "version", "occurred_at", "transaction_id")
                .CriminalOffence("payload"),
            ["tenant_event_cursors"] = Table.None("tenant_id", "id", "consumer", "last_event_id", "last_transaction_id"),
            ["outgoing_mail"] = Table.None("id", "kind", "attempts", "next_attempt_at", "sent_at", "last_error", "created_at")
                .Personal("to", "subject", "protected_body", "attachment_name", "protected_attachment"),
            // A force report's annex names the month's offenders with their police references and status.
            ["force_reports"] = Table.None("tenant_id", "id", "month", "made_at", "sent_at").CriminalOffence("pdf", "csv"),
            // Who did what: staff and the address they came from; the subject names a record or an account's email.
            ["audit_events"] = Table.None("id", "occurred_at", "action", "outcome", "tenant_id", "actor_client_id", "detail")
                .Personal("actor_user_id", "ip_address", "subject", "reason"),
            ["venues"] = Table.None(
                "tenant_id", "id", "code", "name", "address_line1", "address_line2", "town", "postcode", "capacity", "step_free_access",
                "is_active", "notes", "created_at", "updated_at"),
            ["tenants"] = Table.None("id", "slug", "name", "status", "delivery_model", "definition", "created_at", "updated_at"),
            ["licences"] = Table.None(
                "id", "tenant_id", "status", "terms", "ended_on", "history", "last_warning", "last_warning_for_ends_on", "created_at",
                "updated_at"),
            // A review of a run: its scores, findings and actions judge the facilitators observed (staff), never a participant.
            ["qa_reviews"] = Table.None(
                    "id", "tenant_id", "run_id", "status", "mode", "observed_on", "rating", "submitted_at", "acknowledged_at", "closed_at",
                    "created_at", "updated_at")
                .Personal("reviewer_id", "facilitator_ids", "scores", "findings", "actions", "acknowledged_by", "response"),
            ["memberships"] = Table.None("tenant_id", "id", "roles", "force_codes", "created_at", "updated_at")
                .Personal("user_id"),
            ["invitations"] = Table.None(
                    "tenant_id", "id", "roles", "force_codes", "token_hash", "expires_at", "accepted_at", "cancelled_at", "created_at",
                    "updated_at")
                .Personal("email", "invited_by"),
            ["staff_invitations"] = Table.None(
                    "id", "roles", "token_hash", "expires_at", "accepted_at", "cancelled_at", "created_at", "updated_at")
                .Personal("email", "name", "invited_by"),
            ["integration_clients"] = Table.None(
                "tenant_id", "id", "client_id", "name", "scopes", "secret_rotated_at", "revoked_at", "created_at", "updated_at"),
            ["national_clients"] = Table.None(
                "id", "client_id", "name", "scopes", "secret_rotated_at", "revoked_at", "created_at", "updated_at"),
            // A person's or client's id and when their access tokens were revoked; kept 15 minutes.
            ["token_revocations"] = Table.None("subject", "revoked_at"),
            // Staff's training and supervision: about the staff member.
            ["training_courses"] = Table.None("id", "kind", "name", "validity_months", "created_at", "updated_at"),
            ["training_records"] = Table.None(
                    "id", "course_id", "event_id", "kind", "completed_on", "expires_on", "expiry_reminded_on", "imported_from",
                    "created_at", "updated_at")
                .Personal("user_id", "observed_workshop", "observation_review_id", "signed_off_by", "signed_off_on"),
            ["training_events"] = Table.None(
                    "id", "course_id", "kind", "starts_on", "ends_on", "venue", "capacity", "completed_on", "cancelled_at",
                    "cancel_reason", "created_at", "updated_at")
                .Personal("trainer_user_id"),
            ["training_attendees"] = Table.None("id", "event_id", "status", "attended", "nominated_by_tenant_id", "created_at", "updated_at")
                .Personal("user_id", "nominated_by"),
            ["supervision_records"] = Table.None("id", "kind", "held_on", "imported_from", "created_at", "updated_at")
                .Personal("user_id", "supervisor_user_id", "supervisor_name", "notes"),
            // The licence holder's materials: content about the programme, and which staff member published, acknowledged or
            // downloaded what.
            ["material_items"] = Table.None("id", "title", "description", "workshop", "audience", "language", "created_at", "updated_at"),
            ["material_releases"] = Table.None(
                    "id", "item_id", "number", "status", "release_notes", "file_key", "file_size", "file_sha256", "file_type", "file_name",
                    "published_at", "withdrawn_at", "withdrawn_reason", "created_at", "updated_at")
                .Personal("published_by"),
            ["material_distributions"] = Table.None("id", "release_id", "tenant_id", "distributed_at", "acknowledge_by", "notified_at", "acknowledged_at")
                .Personal("acknowledged_by_user_id", "acknowledged_by"),
            ["material_downloads"] = Table.None("id", "at", "item_id", "release_id", "release_number", "tenant_id")
                .Personal("by", "by_name"),
            ["material_receipts"] = Table.None("tenant_id", "run_id", "release_id", "item_id", "workshop1on"),
            // The gap's message names the facilitator whose training lapses.
            ["runs_at_risk"] = Table.None("id", "tenant_id", "tenant_name", "run_id", "workshop1", "workshop2", "gap_code", "first_seen_at", "resolved_at")
                .Personal("user_id", "person_name", "gap_message"),

            // ASP.NET Core Identity: staff accounts. Hashes and stamps are secrets, not facts about the person.
            ["users"] = Table.None(
                    "id", "access_failed_count", "concurrency_stamp", "email_confirmed", "lockout_enabled", "lockout_end", "password_hash",
                    "phone_number_confirmed", "platform_roles", "security_stamp", "two_factor_enabled")
                .Personal("display_name", "email", "normalized_email", "user_name", "normalized_user_name", "phone_number"),
            ["user_claims"] = Table.None("id", "claim_type")
                .Personal("user_id", "claim_value"),
            ["user_logins"] = Table.None("login_provider", "provider_display_name")
                .Personal("provider_key", "user_id"),
            ["user_tokens"] = Table.None("login_provider", "name", "value")
                .Personal("user_id"),

            // OpenIddict: clients, consents and tokens; a token's subject is the account it was issued to.
            ["oidc_applications"] = Table.None(
                "id", "application_type", "client_id", "client_secret", "client_type", "concurrency_token", "consent_type", "display_name",
                "display_names", "json_web_key_set", "permissions", "post_logout_redirect_uris", "properties", "redirect_uris",
                "requirements", "settings"),
            ["oidc_authorizations"] = Table.None(
                    "id", "application_id", "concurrency_token", "creation_date", "properties", "scopes", "status", "type")
                .Personal("subject"),
            ["oidc_scopes"] = Table.None(
                "id", "concurrency_token", "description", "descriptions", "display_name", "display_names", "name", "properties", "resources"),
            ["oidc_tokens"] = Table.None(
                    "id", "application_id", "authorization_id", "concurrency_token", "creation_date", "expiration_date", "properties",
                    "redemption_date", "reference_id", "status", "type")
                .Personal("subject", "payload"),

            // ASP.NET Core data protection's key ring.
            ["data_protection_keys"] = Table.None("id", "friendly_name", "xml"),
            ["__EFMigrationsHistory"] = Table.None("migration_id", "product_version"),
        };

    /// <summary>A table's columns, category by category; a column named twice is a mistake caught at start-up.</summary>
    private sealed class Table : Dictionary<string, DataCategory>
    {
        public static Table None(params string[] columns) => new Table().Add(DataCategory.None, columns);

        public Table Personal(params string[] columns) => Add(DataCategory.Personal, columns);

        public Table SpecialCategory(params string[] columns) => Add(DataCategory.SpecialCategory, columns);

        public Table CriminalOffence(params string[] columns) => Add(DataCategory.CriminalOffence, columns);

        public Table Victim(params string[] columns) => Add(DataCategory.Victim, columns);

        public Table Pseudonymous(params string[] columns) => Add(DataCategory.Pseudonymous, columns);

        private Table Add(DataCategory category, string[] columns)
        {
            foreach (var column in columns)
                Add(column, category);
            return this;
        }
    }
}
