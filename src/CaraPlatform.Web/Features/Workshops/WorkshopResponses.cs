using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Training;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>A course run as staff see it.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Cohort">The group's cohort.</param>
/// <param name="Language">Language of delivery.</param>
/// <param name="Workshop1">Workshop 1.</param>
/// <param name="Workshop2">Workshop 2.</param>
/// <param name="Delivery">Venue or Remote.</param>
/// <param name="Venue">The venue, for a run held at one.</param>
/// <param name="MeetingLink">The remote meeting link (staff only).</param>
/// <param name="Capacity">Places.</param>
/// <param name="BookedCount">Live bookings.</param>
/// <param name="SeatsLeft">Places still free (0 once cancelled).</param>
/// <param name="Facilitators">The two facilitators.</param>
/// <param name="CancelledAt">When the run was cancelled, if it was.</param>
/// <param name="CancelReason">Why.</param>
/// <param name="Version">Row version.</param>
public sealed record RunResponse(
    Guid Id, Cohort Cohort, string Language, SessionResponse Workshop1, SessionResponse Workshop2, WorkshopDelivery Delivery,
    VenueSummary? Venue, Uri? MeetingLink, int Capacity, int BookedCount, int SeatsLeft, IReadOnlyList<PersonSummary> Facilitators,
    DateTimeOffset? CancelledAt, string? CancelReason, uint Version)
{
    public SessionResponse Session(WorkshopNumber workshop) => workshop == WorkshopNumber.Workshop1 ? Workshop1 : Workshop2;

    public bool IsFacilitator(Guid? personId) => personId is { } id && Facilitators.Any(f => f.Id == id);
}

/// <summary>A workshop's date and UK local times.</summary>
/// <param name="Date">The day.</param>
/// <param name="StartTime">Start, "HH:mm".</param>
/// <param name="EndTime">End, "HH:mm".</param>
/// <param name="StartsAt">The start as an instant.</param>
public sealed record SessionResponse(DateOnly Date, string StartTime, string EndTime, DateTimeOffset StartsAt)
{
    public static SessionResponse From(WorkshopSession s) =>
        new(s.Date, s.Start.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture), s.End.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture), s.StartsAt);
}

/// <summary>A venue, briefly.</summary>
/// <param name="Id">Venue id.</param>
/// <param name="Name">Name.</param>
/// <param name="Town">Town.</param>
/// <param name="Postcode">Postcode.</param>
public sealed record VenueSummary(Guid Id, string Name, string Town, string Postcode);

/// <summary>A member of staff, briefly.</summary>
/// <param name="Id">User id.</param>
/// <param name="Name">Display name.</param>
public sealed record PersonSummary(Guid Id, string Name);

/// <summary>A workshop's register: recorded, or not yet.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Workshop">Workshop1 or Workshop2.</param>
/// <param name="Recorded">Whether the register has been recorded.</param>
/// <param name="RecordedBy">The facilitator who recorded it.</param>
/// <param name="RecordedAt">When.</param>
/// <param name="Entries">Each participant's mark; empty until recorded.</param>
public sealed record RegisterResponse(
    Guid RunId, WorkshopNumber Workshop, bool Recorded, Guid? RecordedBy, DateTimeOffset? RecordedAt, IReadOnlyList<AttendanceEntry> Entries)
{
    public static RegisterResponse From(WorkshopRegister r) => new(r.RunId, r.Workshop, true, r.RecordedBy, r.RecordedAt, r.Entries);
}

/// <summary>The feedback questionnaire of the tenant at one stage.</summary>
/// <param name="Stage">PreCourse (start of Workshop 1) or PostCourse (end of Workshop 2).</param>
/// <param name="Questions">Questions, each answered 1 (strongly disagree) to 5 (strongly agree).</param>
public sealed record FeedbackQuestionsResponse(FeedbackStage Stage, IReadOnlyList<FeedbackQuestion> Questions);

/// <summary>Why a booking was refused.</summary>
/// <param name="Code">Stable code.</param>
/// <param name="Message">Explanation.</param>
public sealed record BookingRefusalDto(BookingRefusalCode Code, string Message);

/// <summary>A facilitator a run may not have (409 when scheduling or changing it), with every reason.</summary>
/// <param name="Id">The person's id.</param>
/// <param name="Name">Their name.</param>
/// <param name="Gaps">Each reason: code (training-missing, training-unsigned, training-expires, supervision-overdue) and message.</param>
public sealed record FacilitatorGaps(Guid Id, string Name, IReadOnlyList<CompetenceGap> Gaps)
{
    /// <summary>The person and every reason, as one sentence.</summary>
    public string Describe() => $"{Name} cannot facilitate: {string.Join("; ", Gaps.Select(g => g.Message))}.";
}
