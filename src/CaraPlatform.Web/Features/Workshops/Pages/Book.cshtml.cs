using CaraPlatform.Domain.Referrals;
using CaraPlatform.Web.Features.Workshops.Contracts;

namespace CaraPlatform.Web.Features.Workshops.Pages;

/// <summary>
/// Books an eligible referral onto a run. Only runs that would take it now are offered (cohort, language, deadline,
/// seats); a refusal at the moment of booking (the last seat went, the run changed) is shown with its reasons.
/// </summary>
[Authorize(Policy = WorkshopAccess.PlannerPolicy)]
public sealed class BookModel(BookingHandler bookings, RunHandler runs) : PortalPageModel
{
    public ReferralToBook Referral { get; private set; } = null!;

    public IReadOnlyList<RunResponse> Runs { get; private set; } = [];

    public bool CanBook => Referral.Status == ReferralStatus.Eligible;

    public async Task<IActionResult> OnGetAsync(Guid referralId, CancellationToken cancellationToken) =>
        await PageAsync(referralId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid referralId, Guid? runId, CancellationToken cancellationToken)
    {
        if (runId is not { } id) return await ShowAgainAsync(PageAsync(referralId, cancellationToken), ["Choose a run."], StatusCodes.Status200OK);
        try
        {
            await bookings.BookAsync(id, referralId, User, cancellationToken);
            return Redirect($"/t/{RouteData.Values["tenant"]}/referrals/{referralId}?done={ReferralAction.Book}");
        }
        catch (ProblemException refusal) when (refusal.Problem.Status == StatusCodes.Status404NotFound)
        {
            return await ShowAgainAsync(PageAsync(referralId, cancellationToken), ["That run no longer exists. Choose another."], StatusCodes.Status409Conflict);
        }
        catch (ProblemException refusal)
        {
            return await ShowAgainAsync(PageAsync(referralId, cancellationToken), WorkshopDisplay.Messages(refusal), refusal.Problem.Status ?? StatusCodes.Status409Conflict);
        }
        catch (IllegalReferralTransitionException illegal)
        {
            return await ShowAgainAsync(PageAsync(referralId, cancellationToken),
                [$"This referral is now {PortalDisplay.Status(illegal.Current)}: only an Eligible referral can be booked. Nothing was changed."],
                StatusCodes.Status409Conflict);
        }
        catch (DbUpdateException)
        {
            // The referral got a live booking at the same moment from someone else (one live booking per referral).
            return await ShowAgainAsync(PageAsync(referralId, cancellationToken), ["The referral was booked a moment ago by someone else. Check the referral."], StatusCodes.Status409Conflict);
        }
    }

    private async Task<IActionResult> PageAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var referral = await bookings.ReferralToBookAsync(referralId, User, cancellationToken);
        if (referral is null) return NotFound();
        Referral = referral;
        if (CanBook) Runs = await runs.ThatFitAsync(referralId, cancellationToken);
        return Page();
    }
}
