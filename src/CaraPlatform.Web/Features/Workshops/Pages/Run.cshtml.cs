using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.Workshops.Contracts;

namespace CaraPlatform.Web.Features.Workshops.Pages;

/// <summary>
/// One run for its planners: when and where, the participants with their marks, each booking's letter (PDF), and
/// the forms to change or cancel the run.
/// </summary>
[Authorize(Policy = WorkshopAccess.PlannerPolicy)]
public sealed class RunModel(
    RunHandler runs, BookingHandler bookings, LetterHandler letters, IValidator<CancelRequest> cancelValidator, AuditTrail audit,
    IMultiTenantContextAccessor<CaraTenantInfo> tenants, TimeProvider clock) : PortalPageModel
{
    public RunResponse Run { get; private set; } = null!;

    public IReadOnlyList<BookingResponse> Participants { get; private set; } = [];

    public string? Notice { get; private set; }

    public string PostedReason { get; private set; } = "";

    public bool HasStarted => Run.Workshop1.StartsAt <= clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(Guid runId, string? done, CancellationToken cancellationToken)
    {
        Notice = done switch
        {
            "scheduled" => "The run is scheduled.",
            "updated" => "The run is changed.",
            "cancelled" => "The run is cancelled. Each booked referral goes back to be booked again.",
            "booking-cancelled" => "The booking is cancelled. The referral goes back to be booked on another run.",
            _ => null,
        };
        return await PageAsync(runId, cancellationToken);
    }

    /// <summary>The booking's confirmation letter, as the PDF the offender is sent.</summary>
    public async Task<IActionResult> OnGetLetterAsync(Guid runId, Guid bookingId, CancellationToken cancellationToken)
    {
        if (!await bookings.IsOnRunAsync(bookingId, runId, cancellationToken)) return NotFound();
        try
        {
            var (pdf, fileName) = await letters.LetterAsync(bookingId, User, cancellationToken);
            return File(pdf, "application/pdf", fileName);
        }
        catch (ProblemException refusal) when (refusal.Problem.Status == StatusCodes.Status409Conflict)
        {
            return await ShowAgainAsync(PageAsync(runId, cancellationToken), WorkshopDisplay.Messages(refusal), StatusCodes.Status409Conflict);
        }
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid runId, string? reason, uint? version, CancellationToken cancellationToken)
    {
        PostedReason = reason ?? "";
        var validation = await cancelValidator.ValidateAsync(new CancelRequest(reason, version), cancellationToken);
        if (!validation.IsValid) return await ShowAgainAsync(PageAsync(runId, cancellationToken), [.. validation.Errors.Select(e => e.ErrorMessage)], StatusCodes.Status200OK);
        try
        {
            await runs.CancelAsync(runId, reason!, version!.Value, User, cancellationToken);
            return Redirect($"/t/{RouteData.Values["tenant"]}/runs/{runId}?done=cancelled");
        }
        catch (ProblemException refusal) when (refusal.Problem.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (ProblemException refusal)
        {
            return await ShowAgainAsync(PageAsync(runId, cancellationToken), WorkshopDisplay.Messages(refusal), refusal.Problem.Status ?? StatusCodes.Status409Conflict);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ShowAgainAsync(PageAsync(runId, cancellationToken), ["Someone else changed this run while you were looking at it. Nothing was changed: check the run below and cancel again if it is still needed."],
                StatusCodes.Status409Conflict);
        }
    }

    /// <summary>One participant's place ends (for example, they moved away); their referral goes back to be booked again.</summary>
    public async Task<IActionResult> OnPostCancelBookingAsync(Guid runId, Guid bookingId, string? reason, uint? bookingVersion, CancellationToken cancellationToken)
    {
        var version = bookingVersion;
        var validation = await cancelValidator.ValidateAsync(new CancelRequest(reason, version), cancellationToken);
        if (!validation.IsValid) return await ShowAgainAsync(PageAsync(runId, cancellationToken), [.. validation.Errors.Select(e => e.ErrorMessage)], StatusCodes.Status200OK);
        if (!await bookings.IsOnRunAsync(bookingId, runId, cancellationToken)) return NotFound();
        try
        {
            await bookings.CancelAsync(bookingId, reason!, version!.Value, User, cancellationToken);
            return Redirect($"/t/{RouteData.Values["tenant"]}/runs/{runId}?done=booking-cancelled");
        }
        catch (ProblemException refusal)
        {
            return await ShowAgainAsync(PageAsync(runId, cancellationToken), WorkshopDisplay.Messages(refusal), refusal.Problem.Status ?? StatusCodes.Status409Conflict);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or Domain.Referrals.ReferralRuleException)
        {
            return await ShowAgainAsync(PageAsync(runId, cancellationToken), ["The booking or its referral changed while you were looking at it. Nothing was changed: check the run below."],
                StatusCodes.Status409Conflict);
        }
    }

    public static bool HasLetter(BookingResponse booking) => booking.Status != BookingStatus.Cancelled;

    private async Task<IActionResult> PageAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(runId, cancellationToken);
        if (run is null) return NotFound();
        Run = run;
        Participants = await bookings.OfRunAsync(runId, User, cancellationToken);
        await audit.RecordAsync(AuditEntries.By(User, AuditActions.BookingsListed, tenants.Current().TenantId, AuditEntries.Run(runId),
            $"run page, {Participants.Count} participants"), cancellationToken);
        return Page();
    }
}
