using CaraPlatform.Domain.Outcomes;

namespace CaraPlatform.Web.Features.Outcomes;

/// <summary>One domestic-abuse reoffence.</summary>
/// <param name="TypeCode">A reoffence type, e.g. common-assault, actual-bodily-harm, coercive-control, stalking, breach-of-order.</param>
/// <param name="Date">When it was committed: inside the follow-up window, not before the referral.</param>
public sealed record ReoffenceDto(string? TypeCode, DateOnly? Date);

/// <summary>The police's follow-up of one person for one window. Sending the same again changes nothing.</summary>
/// <param name="Cohort">Referred (the default: the police reference is a referral of this service) or EligibleNotReferred (the comparison group).</param>
/// <param name="EligibleOn">For EligibleNotReferred only: the day the police found the person eligible; the window starts then.</param>
/// <param name="Reoffended">Whether the person committed a domestic-abuse offence in the window.</param>
/// <param name="Offences">Each reoffence; empty when the person did not reoffend.</param>
public sealed record RecordOutcomeRequest(FollowUpCohort? Cohort, DateOnly? EligibleOn, bool? Reoffended, IReadOnlyList<ReoffenceDto>? Offences);

/// <summary>A follow-up as recorded, and what this request did to it (<c>change</c>: New, Changed, or Unchanged for a repeat).</summary>
public sealed record OutcomeResponse(
    Guid Id, string PoliceReference, int Months, FollowUpCohort Cohort, Guid? ReferralId, DateOnly StartOn, bool Reoffended,
    IReadOnlyList<ReoffenceDto> Offences, DateTimeOffset RecordedAt, FollowUpChange Change)
{
    public static OutcomeResponse From(ReoffendingFollowUp f, FollowUpChange change) => new(
        f.Id, f.PoliceReference, f.Months, f.Cohort, f.ReferralId, f.StartOn, f.Reoffended,
        [.. f.Reoffences.Select(r => new ReoffenceDto(r.TypeCode, r.On))], f.RecordedAt, change);
}

/// <summary>A CSV file of follow-ups (columns: <see cref="OutcomeCsv.Header"/>).</summary>
/// <param name="Csv">The file's text (UTF-8).</param>
public sealed record OutcomeImportRequest(string? Csv);

/// <summary>A file applied: how many follow-ups were new, changed, or the same as held.</summary>
public sealed record OutcomeImportResult(int New, int Changed, int Unchanged);

/// <summary>One fault in a file: its line (the header is line 1), the column, and why.</summary>
public sealed record OutcomeImportProblem(int Line, string Field, string Message);

internal sealed class OutcomeImportRequestValidator : AbstractValidator<OutcomeImportRequest>
{
    public OutcomeImportRequestValidator() => RuleFor(r => r.Csv).NotEmpty().MaximumLength(OutcomeCsv.MaxLength);
}
