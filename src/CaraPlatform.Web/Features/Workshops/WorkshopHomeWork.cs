using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.Workshops.Pages;
using CaraPlatform.Web.Portal.Home;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>
/// The workshop work on the home page. Coordinators: runs starting in the next 14 days with seats to fill, and
/// registers not recorded. Facilitators: their next runs, their registers to record and the feedback outstanding.
/// </summary>
public sealed class WorkshopHomeWork(RunHandler runs, RegisterHandler registers, TimeProvider clock) : IHomeWork
{
    /// <summary>How far ahead a coordinator looks for places to fill (issue 11: "runs in the next 14 days").</summary>
    public const int SoonDays = 14;

    /// <summary>Items shown per list; the count and the list's link give the rest.</summary>
    public const int Shown = 10;

    public async Task<IReadOnlyList<WorkList>> ListsAsync(HomeViewer viewer, CancellationToken cancellationToken)
    {
        var lists = new List<WorkList>();
        if (viewer.Holds(TenantRole.Coordinator))
        {
            var soon = await runs.BookableWithinAsync(SoonDays, cancellationToken);
            lists.Add(new WorkList("work-runs-with-seats", $"Runs in the next {SoonDays} days with seats left",
                [.. soon.Take(Shown).Select(r => new WorkItem(Describe(r), viewer.Path($"runs/{r.Id}"),
                    $"Workshop 1 {WorkshopDisplay.Session(r.Workshop1)}: {r.SeatsLeft} of {r.Capacity} seats left"))],
                $"No runs in the next {SoonDays} days have seats left.", soon.Count,
                [new("Course runs", viewer.Path("runs")), new("Schedule a run", viewer.Path("runs/new"))]));

            var due = await runs.RegistersDueAsync(null, cancellationToken);
            lists.Add(new WorkList("work-registers", "Registers not yet recorded",
                [.. due.Take(Shown).Select(d => new WorkItem(Describe(d.Run), viewer.Path($"runs/{d.Run.Id}"), Session(d.Run, d.Workshop)))],
                "Every register is recorded.", due.Count));
        }

        if (viewer.Holds(TenantRole.Facilitator))
        {
            var mine = (await runs.OfFacilitatorAsync(viewer.PersonId, cancellationToken)).Upcoming.Where(r => r.CancelledAt is null).ToList();
            lists.Add(new WorkList("work-my-runs", "My next runs",
                [.. mine.Take(Shown).Select(r => new WorkItem(Describe(r), viewer.Path($"runs/{r.Id}/register/{NextWorkshop(r)}"),
                    $"{Session(r, NextWorkshop(r))}: {r.BookedCount} booked"))],
                "You are not facilitating any run that is coming up.", mine.Count, [new("My workshops", viewer.Path("my-workshops"))]));

            var due = await runs.RegistersDueAsync(viewer.PersonId, cancellationToken);
            lists.Add(new WorkList("work-my-registers", "Registers to record",
                [.. due.Take(Shown).Select(d => new WorkItem(Describe(d.Run), viewer.Path($"runs/{d.Run.Id}/register/{d.Workshop}"), Session(d.Run, d.Workshop)))],
                "You have no registers to record.", due.Count));

            var feedback = await registers.FeedbackOutstandingAsync(viewer.PersonId, cancellationToken);
            lists.Add(new WorkList("work-feedback", "Feedback outstanding",
                [.. feedback.Take(Shown).Select(f => new WorkItem(f.ParticipantName, viewer.Path($"runs/{f.RunId}/feedback/{f.ReferralId}"),
                    $"Completed Workshop 2 on {PortalDisplay.Date(f.Workshop2)}"))],
                "No feedback is outstanding.", feedback.Count));
        }

        return lists;
    }

    private static string Describe(RunResponse run) => $"{WorkshopDisplay.Cohort(run.Cohort)}, {WorkshopDisplay.Where(run)}";

    private static string Session(RunResponse run, WorkshopNumber workshop) =>
        $"{WorkshopDisplay.Workshop(workshop)} {WorkshopDisplay.Session(run.Session(workshop))}";

    /// <summary>The workshop a facilitator works towards: Workshop 1 until its day has passed, then Workshop 2.</summary>
    private WorkshopNumber NextWorkshop(RunResponse run) =>
        Domain.Common.UkCalendar.DateOf(clock.GetUtcNow()) > run.Workshop1.Date ? WorkshopNumber.Workshop2 : WorkshopNumber.Workshop1;
}
