using CaraPlatform.Domain.Training;

namespace CaraPlatform.Web.Features.Training;

/// <summary>A catalogue course's new name and validity; records already made keep the expiry they were given.</summary>
/// <param name="Name">What the course is called.</param>
/// <param name="ValidityMonths">How long a completion counts, 1 to 120 months.</param>
public sealed record UpdateCourseRequest(string? Name, int? ValidityMonths);

/// <summary>A course a person completed.</summary>
/// <param name="UserId">The person's account.</param>
/// <param name="Course">The catalogue course (a TrainingCourseKind, e.g. FacilitatorRefresher).</param>
/// <param name="CompletedOn">The day it was completed (not in the future); it expires after the course's validity.</param>
/// <param name="EventId">The training event it was completed at, if any.</param>
public sealed record RecordTrainingRequest(Guid? UserId, TrainingCourseKind? Course, DateOnly? CompletedOn, Guid? EventId);

/// <summary>A Trainer's competence sign-off of a facilitator-training record.</summary>
/// <param name="ObservedWorkshop">The workshop the Trainer observed, if they cite one (e.g. "Leeds run, Workshop 2, 3 March 2026").</param>
/// <param name="ObservationReviewId">A quality-assurance review that observed this person, if the Trainer cites one.</param>
public sealed record SignOffRequest(string? ObservedWorkshop, Guid? ObservationReviewId = null);

/// <summary>A supervision session.</summary>
/// <param name="UserId">The person supervised.</param>
/// <param name="HeldOn">The day it was held (not in the future).</param>
/// <param name="Kind">Individual or Group.</param>
/// <param name="SupervisorName">The supervisor's name; the caller's when omitted.</param>
/// <param name="Notes">The licence holder's notes: never shown to a tenant.</param>
public sealed record RecordSupervisionRequest(Guid? UserId, DateOnly? HeldOn, SupervisionKind? Kind, string? SupervisorName, string? Notes);

internal sealed class UpdateCourseRequestValidator : AbstractValidator<UpdateCourseRequest>
{
    public UpdateCourseRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.ValidityMonths).NotNull().InclusiveBetween(1, 120);
    }
}

internal sealed class RecordTrainingRequestValidator : AbstractValidator<RecordTrainingRequest>
{
    public RecordTrainingRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.UserId).NotEmpty();
        RuleFor(r => r.Course).NotNull().IsInEnum();
        RuleFor(r => r.CompletedOn).Cascade(CascadeMode.Stop).NotNull().Must(d => d <= TrainingCalendar.Today(clock)).WithMessage("'completedOn' must not be in the future.");
    }
}

internal sealed class SignOffRequestValidator : AbstractValidator<SignOffRequest>
{
    public SignOffRequestValidator() => RuleFor(r => r.ObservedWorkshop).MaximumLength(300);
}

internal sealed class RecordSupervisionRequestValidator : AbstractValidator<RecordSupervisionRequest>
{
    public RecordSupervisionRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.UserId).NotEmpty();
        RuleFor(r => r.HeldOn).Cascade(CascadeMode.Stop).NotNull().Must(d => d <= TrainingCalendar.Today(clock)).WithMessage("'heldOn' must not be in the future.");
        RuleFor(r => r.Kind).NotNull().IsInEnum();
        RuleFor(r => r.SupervisorName).MaximumLength(200);
        RuleFor(r => r.Notes).MaximumLength(4000);
    }
}

/// <summary>Training is dated in UK days.</summary>
internal static class TrainingCalendar
{
    public static DateOnly Today(TimeProvider clock) => Domain.Common.UkCalendar.DateOf(clock.GetUtcNow());
}
