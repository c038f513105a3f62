using CaraPlatform.Domain.Referrals;
using CaraPlatform.Web.Features.Workshops.Contracts;
using CaraPlatform.Web.Portal;

namespace CaraPlatform.Web.Features.Workshops.Pages;

/// <summary>
/// Books an eligible referral onto a run. Only runs that would take it now are offered (cohort, language, deadline,
/// seats); a refusal at the moment of booking (the last seat went, the run changed) is shown with its reasons.
/// </summary>
[Authorize(Policy = WorkshopAccess.PlannerPolicy)]
public sealed class BookModel(BookingHandler bookings, RunHandler runs) : PageModel
{
    public ReferralToBook Referral { get; private set; } = null!;

    public IReadOnlyList<RunResponse> Runs { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool CanBook => Referral.Status == ReferralStatus.Eligible;

    public async Task<IActionResult> OnGetAsync(Guid referralId, CancellationToken cancellationToken) =>
        await PageAsync(referralId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid referralId, Guid? runId, CancellationToken cancellationToken)
    {
        if (runId is not { } id) return await RefusedAsync(referralId, ["Choose a run."], StatusCodes.Status200OK, cancellationToken);
        try
        {
            await bookings.BookAsync(id, referralId, User, cancellationToken);
            return Redirect($"/t/{RouteData.Values["tenant"]}/referrals/{referralId}?done={ReferralAction.Book}");
        }
        catch (ProblemException refusal) when (refusal.Problem.Status == StatusCodes.Status404NotFound)
        {
            return await RefusedAsync(referralId, ["That run no longer exists. Choose another."], StatusCodes.Status409Conflict, cancellationToken);
        }
        catch (ProblemException refusal)
        {
            return await RefusedAsync(referralId, WorkshopDisplay.Messages(refusal), refusal.Problem.Status ?? StatusCodes.Status409Conflict, cancellationToken);
        }
        catch (IllegalReferralTransitionException illegal)
        {
            return await RefusedAsync(referralId,
                [$"This referral is now {PortalDisplay.Status(illegal.Current)}: only an Eligible referral can be booked. Nothing was changed."],
                StatusCodes.Status409Conflict, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The referral got a live booking at the same moment from someone else (one live booking per referral).
            return await RefusedAsync(referralId, ["The referral was booked a moment ago by someone else. Check the referral."], StatusCodes.Status409Conflict, cancellationToken);
        }
    }

    private async Task<IActionResult> RefusedAsync(Guid referralId, IReadOnlyList<string> errors, int status, CancellationToken cancellationToken)
    {
        Errors = errors;
        var page = await PageAsync(referralId, cancellationToken);
        if (page is PageResult) Response.StatusCode = status;
        return page;
    }

    private async Task<IActionResult> PageAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var referral = await bookings.ReferralToBookAsync(referralId, cancellationToken);
        if (referral is null) return NotFound();
        Referral = referral;
        if (CanBook) Runs = await runs.ThatFitAsync(referralId, cancellationToken);
        return Page();
    }
}
