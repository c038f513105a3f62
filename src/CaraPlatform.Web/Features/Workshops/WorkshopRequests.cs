using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>One workshop of a run.</summary>
/// <param name="Date">The day (UK).</param>
/// <param name="StartTime">Local start time "HH:mm"; the tenant's default (usually 10:00) when omitted.</param>
/// <param name="EndTime">Local end time "HH:mm"; the tenant's default (usually 15:00) when omitted.</param>
public sealed record SessionDto(DateOnly? Date, string? StartTime, string? EndTime);

/// <summary>A course run: Workshop 1 and Workshop 2 for one group.</summary>
/// <param name="Cohort">IpvMale, IpvFemale or NonIpvMale: one the tenant runs.</param>
/// <param name="Language">Language code of the delivery, one the tenant offers (e.g. "en").</param>
/// <param name="Workshop1">Workshop 1.</param>
/// <param name="Workshop2">Workshop 2: the tenant's 28–35 days after Workshop 1.</param>
/// <param name="Delivery">Venue or Remote.</param>
/// <param name="VenueId">The tenant's venue, for a run held at one.</param>
/// <param name="MeetingLink">https link, for a remote run; withheld from offender-facing output until a booking is confirmed.</param>
/// <param name="Capacity">Places, 1 to 12 (and at most the venue's); the tenant's group size when omitted.</param>
/// <param name="FacilitatorIds">Two different members of the tenant with the Facilitator role (user ids).</param>
public sealed record ScheduleRunRequest(
    Cohort? Cohort, string? Language, SessionDto? Workshop1, SessionDto? Workshop2, WorkshopDelivery? Delivery, Guid? VenueId,
    Uri? MeetingLink, int? Capacity, List<Guid>? FacilitatorIds) : IRunDetails;

/// <summary>A run's new details. Participants already booked are told on their referral's timeline; a booking whose deadline no longer fits is cancelled for re-booking.</summary>
/// <param name="Cohort">Cohort; cannot change once someone is booked.</param>
/// <param name="Language">Language; cannot change once someone is booked.</param>
/// <param name="Workshop1">Workshop 1.</param>
/// <param name="Workshop2">Workshop 2.</param>
/// <param name="Delivery">Venue or Remote.</param>
/// <param name="VenueId">Venue for a run held at one.</param>
/// <param name="MeetingLink">Link for a remote run.</param>
/// <param name="Capacity">Places; never below the places already booked.</param>
/// <param name="FacilitatorIds">Two different facilitators.</param>
/// <param name="Version">The version last read.</param>
public sealed record UpdateRunRequest(
    Cohort? Cohort, string? Language, SessionDto? Workshop1, SessionDto? Workshop2, WorkshopDelivery? Delivery, Guid? VenueId,
    Uri? MeetingLink, int? Capacity, List<Guid>? FacilitatorIds, uint? Version) : IRunDetails;

public interface IRunDetails
{
    Cohort? Cohort { get; }
    string? Language { get; }
    SessionDto? Workshop1 { get; }
    SessionDto? Workshop2 { get; }
    WorkshopDelivery? Delivery { get; }
    Guid? VenueId { get; }
    Uri? MeetingLink { get; }
    int? Capacity { get; }
    List<Guid>? FacilitatorIds { get; }
}

/// <summary>Cancels a run or a booking.</summary>
/// <param name="Reason">Why; on each booked referral's timeline and, where a deadline is at risk, told to the police.</param>
/// <param name="Version">The version last read.</param>
public sealed record CancelRequest(string? Reason, uint? Version);

/// <summary>Books an eligible referral onto the run.</summary>
/// <param name="ReferralId">The referral (status Eligible).</param>
public sealed record BookRequest(Guid? ReferralId);

/// <summary>One participant's mark.</summary>
/// <param name="ReferralId">The booked referral.</param>
/// <param name="Mark">Attended, LateRefusedEntry or Absent.</param>
/// <param name="Note">What happened, for the record (not told to the police).</param>
public sealed record RegisterEntryDto(Guid? ReferralId, AttendanceMark? Mark, string? Note);

/// <summary>The register of one workshop: every booked participant marked.</summary>
/// <param name="Entries">One entry per booked participant.</param>
public sealed record RecordRegisterRequest(List<RegisterEntryDto>? Entries);

/// <summary>A participant's answers at the start of Workshop 1 or the end of Workshop 2.</summary>
/// <param name="ReferralId">The participant's referral (booked on this run; completed for the post-course questionnaire).</param>
/// <param name="Answers">One answer per question, 1 (strongly disagree) to 5 (strongly agree).</param>
/// <param name="Stage">PreCourse (start of Workshop 1) or PostCourse (end of Workshop 2, the default).</param>
public sealed record RecordFeedbackRequest(Guid? ReferralId, List<FeedbackAnswerDto>? Answers, FeedbackStage? Stage = null);

/// <summary>An answer.</summary>
/// <param name="QuestionCode">The question's code.</param>
/// <param name="Value">1 to 5.</param>
public sealed record FeedbackAnswerDto(string? QuestionCode, int? Value);

internal sealed class SessionValidator : AbstractValidator<SessionDto>, IPartValidator
{
    public SessionValidator()
    {
        RuleFor(s => s.Date).NotNull();
        RuleFor(s => s.StartTime).Must(t => t is null || TenantDefinition.TryParseTime(t, out _)).WithMessage("'{PropertyName}' must be a time as HH:mm.");
        RuleFor(s => s.EndTime).Must(t => t is null || TenantDefinition.TryParseTime(t, out _)).WithMessage("'{PropertyName}' must be a time as HH:mm.");
    }
}

internal sealed class RunDetailsValidator : AbstractValidator<IRunDetails>, IPartValidator
{
    public RunDetailsValidator()
    {
        RuleFor(r => r.Cohort).NotNull();
        RuleFor(r => r.Language).NotEmpty().MaximumLength(35);
        RuleFor(r => r.Workshop1).NotNull().SetValidator(new SessionValidator()!);
        RuleFor(r => r.Workshop2).NotNull().SetValidator(new SessionValidator()!);
        RuleFor(r => r.Delivery).NotNull();
        RuleFor(r => r.MeetingLink).Must(u => u is null || u.ToString().Length <= 2000).WithMessage("'{PropertyName}' must be at most 2000 characters.");
        RuleFor(r => r.Capacity).InclusiveBetween(1, 12);
        RuleFor(r => r.FacilitatorIds).NotNull();
    }
}

internal sealed class ScheduleRunRequestValidator : AbstractValidator<ScheduleRunRequest>
{
    public ScheduleRunRequestValidator() => Include(new RunDetailsValidator());
}

internal sealed class UpdateRunRequestValidator : AbstractValidator<UpdateRunRequest>
{
    public UpdateRunRequestValidator()
    {
        Include(new RunDetailsValidator());
        RuleFor(r => r.Version).NotNull();
    }
}

internal sealed class CancelRequestValidator : AbstractValidator<CancelRequest>
{
    public CancelRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(Booking.ReasonMaxLength);
        RuleFor(r => r.Version).NotNull();
    }
}

internal sealed class BookRequestValidator : AbstractValidator<BookRequest>
{
    public BookRequestValidator() => RuleFor(r => r.ReferralId).NotNull();
}

internal sealed class RecordRegisterRequestValidator : AbstractValidator<RecordRegisterRequest>
{
    public RecordRegisterRequestValidator()
    {
        RuleFor(r => r.Entries).NotNull();
        RuleForEach(r => r.Entries).ChildRules(e =>
        {
            e.RuleFor(x => x.ReferralId).NotNull();
            e.RuleFor(x => x.Mark).NotNull();
            e.RuleFor(x => x.Note).MaximumLength(AttendanceEntry.NoteMaxLength);
        });
    }
}

internal sealed class RecordFeedbackRequestValidator : AbstractValidator<RecordFeedbackRequest>
{
    public RecordFeedbackRequestValidator()
    {
        RuleFor(r => r.ReferralId).NotNull();
        RuleFor(r => r.Answers).NotEmpty();
        RuleFor(r => r.Stage).IsInEnum();
        RuleForEach(r => r.Answers).ChildRules(a =>
        {
            a.RuleFor(x => x.QuestionCode).NotEmpty().MaximumLength(63);
            a.RuleFor(x => x.Value).NotNull().InclusiveBetween(FeedbackScale.Min, FeedbackScale.Max);
        });
    }
}
