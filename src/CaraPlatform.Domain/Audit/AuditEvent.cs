using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Audit;

/// <summary>
/// One line of the append-only audit trail (DESIGN.md §1, DPA 2018 s.62): who did what, to which subject, why, in
/// which tenant, when and from where. Global to EF Core because some events have no tenant (a failed sign-in), but
/// under row-level security in PostgreSQL: a tenant reads only its own rows, rows with no tenant are read by no
/// tenant, and the application role may insert and read rows but never change or delete them.
/// </summary>
[GlobalEntity]
public sealed class AuditEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; }

    public required string Action { get; init; }

    public required string Outcome { get; init; }

    public Guid? TenantId { get; init; }

    public Guid? ActorUserId { get; init; }

    public string? ActorClientId { get; init; }

    /// <summary>What the action was about: a user id, client id or email, never personal case data.</summary>
    public string? Subject { get; init; }

    public string? IpAddress { get; init; }

    /// <summary>What was seen or done, in words that hold no personal value ("list of 25 referrals", "PDF export").</summary>
    public string? Detail { get; init; }

    /// <summary>Why: the justification given before a victim record opened, the lawful basis of a disclosure.</summary>
    public string? Reason { get; init; }
}

/// <summary>The actions of the audit trail, one constant each, so that the log's search offers every one of them.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignOut = "sign-out";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";
    public const string PasswordChanged = "password-changed";
    public const string TokenIssued = "token-issued";
    public const string ClientCreated = "client-created";
    public const string ClientSecretRotated = "client-secret-rotated";
    public const string ClientRevoked = "client-revoked";
    public const string MembershipInvited = "membership-invited";
    public const string MembershipChanged = "membership-changed";
    public const string MembershipRemoved = "membership-removed";
    public const string PlatformRolesChanged = "platform-roles-changed";
    public const string StaffInvited = "staff-invited";
    public const string StaffInvitationAccepted = "staff-invitation-accepted";
    public const string StaffInvitationCancelled = "staff-invitation-cancelled";
    public const string WebhookReplayed = "webhook-replayed";
    public const string LicenceGranted = "licence-granted";
    public const string LicenceAmended = "licence-amended";
    public const string LicenceStatusChanged = "licence-status-changed";
    public const string TrainingCourseChanged = "training-course-changed";
    public const string TrainingRecorded = "training-recorded";
    public const string TrainingSignedOff = "training-signed-off";
    public const string SupervisionRecorded = "supervision-recorded";
    public const string TrainingImported = "training-imported";
    public const string TrainingEventChanged = "training-event-changed";
    public const string TrainingAttendeeChanged = "training-attendee-changed";
    public const string QaReviewChanged = "qa-review-changed";

    /// <summary>A closed case's personal data erased by the retention schedule; detail lists the kinds of data, reason the rule.</summary>
    public const string PersonalDataErased = "personal-data-erased";
    public const string RetentionKept = "retention-kept";
    public const string RetentionErasureAgreed = "retention-erasure-agreed";
    public const string RetentionWorklistViewed = "retention-worklist-viewed";
    public const string ReferralReceived = "referral-received";
    public const string ReferralViewed = "referral-viewed";
    public const string ReferralsListed = "referrals-listed";
    public const string ReferralsSearched = "referrals-searched";
    public const string ReferralChanged = "referral-changed";
    public const string VictimDetailsViewed = "victim-details-viewed";
    public const string HomeWorkViewed = "home-work-viewed";
    public const string RegisterViewed = "register-viewed";
    public const string AttendanceRecorded = "attendance-recorded";
    public const string BookingsListed = "bookings-listed";
    public const string BookingChanged = "booking-changed";
    public const string ReferralToBookViewed = "referral-to-book-viewed";
    public const string FeedbackViewed = "feedback-viewed";
    public const string FeedbackRecorded = "feedback-recorded";
    public const string OutcomeRecorded = "outcome-recorded";
    public const string LetterIssued = "letter-issued";
    public const string NoticeSent = "notice-sent";
    public const string NoticesViewed = "notices-viewed";
    public const string AuditLogViewed = "audit-log-viewed";
    public const string AuditLogExported = "audit-log-exported";
    public const string SubjectAccessExported = "subject-access-exported";

    public const string VictimCasesListed = "victim-cases-listed";
    public const string VictimCaseViewed = "victim-case-viewed";
    public const string VictimCaseAssigned = "victim-case-assigned";
    public const string VictimContactRecorded = "victim-contact-recorded";
    public const string VictimCaseClosed = "victim-case-closed";

    /// <summary>Victim data shared with another agency (a safeguarding escalation); the row's reason is the lawful basis.</summary>
    public const string VictimDisclosure = "victim-disclosure";

    /// <summary>A force report downloaded (its annex names the month's offenders).</summary>
    public const string ForceReportViewed = "force-report-viewed";

    /// <summary>Every action above, for the log's search.</summary>
    public static readonly IReadOnlyList<string> All =
        [.. typeof(AuditActions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal)];
}
