using System.Globalization;

namespace CaraPlatform.Domain.Training;

/// <summary>What the competence rule needs to know of one facilitator training record.</summary>
public sealed record FacilitatorTraining(DateOnly CompletedOn, DateOnly ExpiresOn, bool SignedOff);

/// <summary>One reason a person may not facilitate a run, in words a coordinator can act on.</summary>
public sealed record CompetenceGap(string Code, string Message);

/// <summary>
/// Whether a person may facilitate a run whose Workshop 2 is on a given date: signed-off facilitator training (initial
/// or refresher) valid through Workshop 2, and supervision not overdue. Supervision falls due
/// <paramref name="cadenceMonths"/> after the last session, or after the training was completed for someone not yet
/// supervised, so that a newly trained facilitator is not refused for lack of a history.
/// </summary>
public static class FacilitatorCompetence
{
    public const string NoTraining = "training-missing";
    public const string NotSignedOff = "training-unsigned";
    public const string Expires = "training-expires";
    public const string SupervisionOverdue = "supervision-overdue";

    /// <summary>The default cadence: supervision at least every 3 months for active facilitators.</summary>
    public const int DefaultSupervisionCadenceMonths = 3;

    // The messages are read by people in England whatever the server's culture: "4 March 2027", never "4 März 2027".
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// Every gap, as of <paramref name="today"/> (a later day, such as Workshop 1, asks how things will stand then; the
    /// messages read true either way). Training counts through its expiry day; supervision is overdue the day after it
    /// falls due.
    /// </summary>
    public static IReadOnlyList<CompetenceGap> Gaps(
        IReadOnlyCollection<FacilitatorTraining> training, DateOnly? lastSupervision, DateOnly today, DateOnly workshop2, int cadenceMonths)
    {
        if (training.Count == 0) return [new(NoTraining, "has no facilitator training on record")];
        var signed = training.Where(t => t.SignedOff).MaxBy(t => t.ExpiresOn);
        var gaps = new List<CompetenceGap>();
        if (signed is null || signed.ExpiresOn < workshop2)
        {
            if (signed is not null)
                gaps.Add(new(Expires, Say($"facilitator training is valid until {signed.ExpiresOn:d MMMM yyyy}, not through Workshop 2 on {workshop2:d MMMM yyyy}")));

            // Training a Trainer has still to sign off (a refresher just taken, say) is the other half of the fix: name it.
            if (training.Where(t => !t.SignedOff && (signed is null || t.ExpiresOn > signed.ExpiresOn)).MaxBy(t => t.CompletedOn) is { } waiting)
                gaps.Add(new(NotSignedOff, Say($"facilitator training completed on {waiting.CompletedOn:d MMMM yyyy} is not signed off by a trainer")));
        }

        var since = lastSupervision ?? signed?.CompletedOn;
        if (since is { } from && SupervisionDue(from, cadenceMonths) < today)
            gaps.Add(new(SupervisionOverdue, lastSupervision is null
                ? Say($"supervision due by {SupervisionDue(from, cadenceMonths):d MMMM yyyy} is not recorded (none since training on {from:d MMMM yyyy})")
                : Say($"supervision due by {SupervisionDue(from, cadenceMonths):d MMMM yyyy} is not recorded (last on {from:d MMMM yyyy})")));
        return gaps;
    }

    public static DateOnly SupervisionDue(DateOnly last, int cadenceMonths) => last.AddMonths(cadenceMonths);

    private static string Say(FormattableString message) => message.ToString(Uk);
}
