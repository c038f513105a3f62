using System.Globalization;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.Licences;

/// <summary>Where the licence holder has put the licence; its dates decide the rest (<see cref="LicenceStanding"/>).</summary>
public enum LicenceStatus { Active, Suspended, Ended }

/// <summary>What a tenant's licence means on a given day: only <see cref="Active"/> lets it schedule new runs.</summary>
public enum LicenceStanding { Active, Suspended, Ended, Expired, NotYetStarted, None }

/// <summary>The reminders before a licence's end date, by the days left when they fall due.</summary>
public enum LicenceWarning { NinetyDays = 90, ThirtyDays = 30 }

/// <summary>What a licence says: everything the licence holder edits, compared field by field for the history.</summary>
public sealed record LicenceTerms(
    string Licensee, string CommissioningBody, IReadOnlyList<string> Forces, DateOnly StartsOn, DateOnly EndsOn,
    DeliveryModel DeliveryModel, IReadOnlyList<string> Languages, IReadOnlyList<Cohort> Cohorts, string? Conditions)
{
    /// <summary>
    /// Terms licensing what the tenant's file says it delivers (its provider, forces, languages and cohorts), commissioned
    /// by its forces' police and crime commissioners: where a new licence's form starts, and what demo data grants.
    /// </summary>
    public static LicenceTerms Covering(TenantDefinition tenant, DateOnly startsOn, DateOnly endsOn, string? conditions = null)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return new LicenceTerms(tenant.Provider.Name, $"The Police and Crime Commissioner for {string.Join(" and ", tenant.Forces.Select(f => f.Name))}",
            [.. tenant.Forces.Select(f => f.Code)], startsOn, endsOn, tenant.DeliveryModel, tenant.Languages, tenant.Cohorts, conditions);
    }
}

/// <summary>One field a change altered, as text before and after.</summary>
public sealed record LicenceFieldChange(string Field, string? From, string? To);

/// <summary>One line of a licence's history: who changed what when, and why (status changes always say why).</summary>
public sealed record LicenceChange(
    DateTimeOffset At, Guid? ByUserId, string By, LicenceStatus? FromStatus, LicenceStatus ToStatus, string? Reason,
    IReadOnlyList<LicenceFieldChange> Fields);

/// <summary>
/// A tenant's licence to deliver CARA, held by the licence holder (global table, one licence per tenant). A renewal is
/// an edit of the same licence (new end date, and a reinstatement if it had ended): its history keeps every earlier term.
/// </summary>
[GlobalEntity]
public sealed class Licence : ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    public required LicenceTerms Terms { get; set; }

    public LicenceStatus Status { get; private set; }

    /// <summary>The day the licence holder ended it; null unless <see cref="Status"/> is Ended.</summary>
    public DateOnly? EndedOn { get; private set; }

    public List<LicenceChange> History { get; init; } = [];

    /// <summary>The last end-of-licence warning sent, and for which end date: a renewal (new end date) warns afresh.</summary>
    public LicenceWarning? LastWarning { get; private set; }

    public DateOnly? LastWarningForEndsOn { get; private set; }

    public uint Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static Licence Grant(Guid tenantId, LicenceTerms terms, LicenceActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(actor);
        var licence = new Licence { TenantId = tenantId, Terms = terms, Status = LicenceStatus.Active };
        licence.History.Add(new LicenceChange(at, actor.UserId, actor.Name, null, LicenceStatus.Active, "Granted", []));
        return licence;
    }

    /// <summary>New terms; the history records each field that changed. Nothing changed records nothing.</summary>
    public void Amend(LicenceTerms terms, LicenceActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(actor);
        var fields = Differences(Terms, terms);
        if (fields.Count == 0) return;
        Terms = terms;
        History.Add(new LicenceChange(at, actor.UserId, actor.Name, Status, Status, null, fields));
    }

    public void Suspend(string reason, LicenceActor actor, DateTimeOffset at) => Move(LicenceStatus.Suspended, reason, actor, at);

    /// <summary>Active again after a suspension, or after an end (a renewal: amend the dates too).</summary>
    public void Reinstate(string reason, LicenceActor actor, DateTimeOffset at) => Move(LicenceStatus.Active, reason, actor, at);

    public void End(string reason, LicenceActor actor, DateTimeOffset at) => Move(LicenceStatus.Ended, reason, actor, at);

    /// <summary>What the licence means on <paramref name="date"/>; a tenant without one has <see cref="LicenceStanding.None"/>.</summary>
    public static LicenceStanding StandingOn(Licence? licence, DateOnly date) => licence switch
    {
        null => LicenceStanding.None,
        { Status: LicenceStatus.Ended } => LicenceStanding.Ended,
        { Status: LicenceStatus.Suspended } => LicenceStanding.Suspended,
        _ when date < licence.Terms.StartsOn => LicenceStanding.NotYetStarted,
        _ when date > licence.Terms.EndsOn => LicenceStanding.Expired,
        _ => LicenceStanding.Active,
    };

    /// <summary>Whether the licence is in force on <paramref name="date"/> for material in <paramref name="language"/>.</summary>
    public bool Covers(string language, DateOnly date) =>
        StandingOn(this, date) == LicenceStanding.Active && Terms.Languages.Contains(language, StringComparer.OrdinalIgnoreCase);

    /// <summary>Days from <paramref name="date"/> to the end date (0 on the last day, negative after).</summary>
    public int DaysToEnd(DateOnly date) => Terms.EndsOn.DayNumber - date.DayNumber;

    /// <summary>
    /// The warning due on <paramref name="date"/>: 30 days or fewer before the end, else 90 or fewer; none for a licence
    /// that has ended, expired or not started (those are told by their standing, not by a warning).
    /// </summary>
    public LicenceWarning? WarningDue(DateOnly date) => StandingOn(this, date) is LicenceStanding.Active or LicenceStanding.Suspended
        ? DaysToEnd(date) switch
        {
            <= (int)LicenceWarning.ThirtyDays => LicenceWarning.ThirtyDays,
            <= (int)LicenceWarning.NinetyDays => LicenceWarning.NinetyDays,
            _ => null,
        }
        : null;

    /// <summary>
    /// The warning to send on <paramref name="date"/>, noted as sent: once per threshold and end date. A licence first
    /// looked at inside 30 days gets the 30-day warning only.
    /// </summary>
    public LicenceWarning? TakeWarningToSend(DateOnly date)
    {
        if (WarningDue(date) is not { } due) return null;
        var sentForThisEnd = LastWarningForEndsOn == Terms.EndsOn ? LastWarning : null;
        // Fewer days left is the more pressing warning; one already sent for this end date covers the less pressing.
        if (sentForThisEnd is { } sent && (int)sent <= (int)due) return null;
        LastWarning = due;
        LastWarningForEndsOn = Terms.EndsOn;
        return due;
    }

    /// <summary>Why a new run cannot be scheduled today for a run ending on <paramref name="workshop2"/>; null when it can.</summary>
    public static string? RefusalToSchedule(Licence? licence, DateOnly today, DateOnly workshop2) => StandingOn(licence, today) switch
    {
        LicenceStanding.None => "The service has no licence to deliver CARA",
        LicenceStanding.Ended => $"The service's licence ended on {Day(licence!.EndedOn!.Value)}",
        LicenceStanding.Expired => $"The service's licence ended on {Day(licence!.Terms.EndsOn)}",
        LicenceStanding.Suspended => "The service's licence is suspended",
        LicenceStanding.NotYetStarted => $"The service's licence starts on {Day(licence!.Terms.StartsOn)}",
        _ when workshop2 > licence!.Terms.EndsOn => $"The service's licence ends on {Day(licence.Terms.EndsOn)}, before Workshop 2",
        _ => null,
    };

    private void Move(LicenceStatus to, string reason, LicenceActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Status == to) throw new LicenceStatusException($"The licence is already {to.ToString().ToLowerInvariant()}");
        History.Add(new LicenceChange(at, actor.UserId, actor.Name, Status, to, reason.Trim(), []));
        Status = to;
        EndedOn = to == LicenceStatus.Ended ? UkCalendar.DateOf(at) : null;
    }

    private static List<LicenceFieldChange> Differences(LicenceTerms before, LicenceTerms after)
    {
        List<LicenceFieldChange> changes = [];
        void Compare(string field, string? from, string? to)
        {
            if (!string.Equals(from, to, StringComparison.Ordinal)) changes.Add(new LicenceFieldChange(field, from, to));
        }

        Compare("licensee", before.Licensee, after.Licensee);
        Compare("commissioningBody", before.CommissioningBody, after.CommissioningBody);
        Compare("forces", string.Join(", ", before.Forces), string.Join(", ", after.Forces));
        Compare("startsOn", Iso(before.StartsOn), Iso(after.StartsOn));
        Compare("endsOn", Iso(before.EndsOn), Iso(after.EndsOn));
        Compare("deliveryModel", before.DeliveryModel.ToString(), after.DeliveryModel.ToString());
        Compare("languages", string.Join(", ", before.Languages), string.Join(", ", after.Languages));
        Compare("cohorts", string.Join(", ", before.Cohorts), string.Join(", ", after.Cohorts));
        Compare("conditions", before.Conditions, after.Conditions);
        return changes;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>Who changes a licence, as the history names them.</summary>
public sealed record LicenceActor(Guid? UserId, string Name);

/// <summary>A status change the licence's status does not allow (suspending a suspended licence).</summary>
public sealed class LicenceStatusException : Exception
{
    public LicenceStatusException()
    {
    }

    public LicenceStatusException(string message) : base(message)
    {
    }

    public LicenceStatusException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
