using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Web.Portal.Home;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>
/// The referral work on the home page. Coordinators: referrals to screen, first contact due (the 14-day target) and
/// eligible referrals to book, soonest deadline first with the at-risk ones tagged. Force SPOCs: their referrals by
/// status, breaches waiting for their decision and referrals returned this month. Due, overdue and at risk are
/// <see cref="ReferralDeadlines"/>' judgement on today, the same as the referral's own page and the deadline job's.
/// </summary>
public sealed class ReferralHomeWork(ReferralQueries queries, TimeProvider clock) : IHomeWork
{
    /// <summary>Items shown per list; the count and the list's link give the rest.</summary>
    public const int Shown = 10;

    public async Task<IReadOnlyList<WorkList>> ListsAsync(HomeViewer viewer, CancellationToken cancellationToken)
    {
        var lists = new List<WorkList>();
        if (viewer.Holds(TenantRole.Coordinator))
        {
            var toScreen = await queries.ToScreenAsync(Shown, viewer.User, cancellationToken);
            lists.Add(new WorkList("work-screening", "Referrals waiting for screening",
                [.. toScreen.Items.Select(r => Item(viewer, r, $"Received {PortalDisplay.Date(UkCalendar.DateOf(r.Summary.ReceivedAt))}", tag: null))],
                "No referrals are waiting for screening.", toScreen.Total, [new("Screening queue", viewer.Path("referrals/screening"))]));

            var contact = await queries.AwaitingFirstContactAsync(Shown, viewer.User, cancellationToken);
            lists.Add(new WorkList("work-first-contact", "First contact due",
                [.. contact.Items.Select(r => Item(viewer, r, $"Contact by {PortalDisplay.Date(r.Deadlines.FirstContactDue)}",
                    r.Deadlines.FirstContactOverdue ? WorkTag.Overdue : null))],
                "No referrals are waiting for first contact.", contact.Total));

            var toBook = await queries.EligibleUnbookedAsync(Shown, viewer.User, cancellationToken);
            lists.Add(new WorkList("work-to-book", "Eligible referrals to book",
                [.. toBook.Items.Select(r => Item(viewer, r, $"Deadline {PortalDisplay.Date(r.Deadlines.ConditionDeadline)}", DeadlineTag(r.Deadlines), "/book"))],
                "No eligible referrals are waiting to be booked.", toBook.Total));
        }

        if (viewer.Holds(TenantRole.ForceSpoc))
        {
            var counts = await queries.CountByStatusAsync(viewer.User, cancellationToken);
            lists.Add(new WorkList("work-by-status", "Referrals by status",
                [.. Enum.GetValues<ReferralStatus>().Where(counts.ContainsKey).Select(s =>
                    new WorkItem(PortalDisplay.Status(s), viewer.Path($"referrals?status={s}"), $"{counts[s]} {(counts[s] == 1 ? "referral" : "referrals")}"))],
                "There are no referrals yet.", counts.Values.Sum(),
                [new("All referrals", viewer.Path("referrals")), new("Make a new referral", viewer.Path("referrals/new"))]));

            var breaches = await queries.AwaitingPoliceDecisionAsync(Shown, viewer.User, cancellationToken);
            lists.Add(new WorkList("work-breaches", "Breaches awaiting your decision",
                [.. breaches.Items.Select(r => Item(viewer, r, $"Deadline {PortalDisplay.Date(r.Deadlines.ConditionDeadline)}", DeadlineTag(r.Deadlines)))],
                "No breaches are waiting for a decision.", breaches.Total));

            var today = UkCalendar.DateOf(clock.GetUtcNow());
            var returned = await queries.ReturnedSinceAsync(UkCalendar.At(new DateOnly(today.Year, today.Month, 1), TimeOnly.MinValue), viewer.User, cancellationToken);
            lists.Add(new WorkList("work-returned", "Referrals returned this month",
                [.. returned.Take(Shown).Select(r => new WorkItem($"{r.Summary.PoliceReference} {r.Summary.OffenderName}", viewer.Path($"referrals/{r.Summary.Id}"),
                    $"{PortalDisplay.Status(r.Summary.Status)} on {PortalDisplay.Date(UkCalendar.DateOf(r.ReturnedAt))}"))],
                "No referrals have been returned this month.", returned.Count));
        }

        return lists;
    }

    private static WorkItem Item(HomeViewer viewer, ReferralListItem r, string detail, WorkTag? tag, string page = "") =>
        new($"{r.Summary.PoliceReference} {r.Summary.OffenderName}", viewer.Path($"referrals/{r.Summary.Id}{page}"), detail, tag);

    private static WorkTag? DeadlineTag(DeadlinesResponse d) => d.Overdue ? WorkTag.Overdue : d.AtRisk ? WorkTag.AtRisk : null;
}
