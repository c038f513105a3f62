using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Venues;

namespace CaraPlatform.Domain.Workshops;

/// <summary>
/// The rules a run's schedule must keep (DESIGN.md §1, Workshops). <see cref="Breaches"/> lists every broken
/// rule with the field it concerns, so a request can be answered with all of them at once.
/// </summary>
public static class CourseRunScheduling
{
    /// <summary>Programme bounds for the gap between the workshops (4–5 weeks); a tenant chooses within them.</summary>
    public const int ProgrammeMinDaysApart = 28;

    public const int ProgrammeMaxDaysApart = 35;

    /// <param name="run">The run as the coordinator wants it.</param>
    /// <param name="tenant">The tenant's definition: cohorts and languages it offers, its workshop defaults.</param>
    /// <param name="venue">The venue <see cref="CourseRun.VenueId"/> names, looked up by the caller; null if none was found.</param>
    public static IReadOnlyList<RuleBreach> Breaches(CourseRun run, TenantDefinition tenant, Venue? venue)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(tenant);
        var breaches = new List<RuleBreach>();
        void Breach(string path, string message) => breaches.Add(new RuleBreach(path, message));

        if (!tenant.Cohorts.Contains(run.Cohort))
            Breach("cohort", $"{run.Cohort} is not a cohort this tenant runs");
        if (string.IsNullOrWhiteSpace(run.Language))
            Breach("language", "is required");
        else if (!tenant.Languages.Contains(run.Language, StringComparer.Ordinal))
            Breach("language", $"'{run.Language}' is not a language this tenant offers ({string.Join(", ", tenant.Languages)})");

        CheckSession(run.Workshop1, "workshop1", Breach);
        CheckSession(run.Workshop2, "workshop2", Breach);

        // A tenant's bounds are validated against the programme's by its schema; clamping again means a definition
        // that skipped validation still cannot schedule workshops outside 28–35 days apart.
        var minDays = Math.Max(ProgrammeMinDaysApart, tenant.WorkshopDefaults.MinDaysApart);
        var maxDays = Math.Min(ProgrammeMaxDaysApart, tenant.WorkshopDefaults.MaxDaysApart);
        var daysApart = run.Workshop2.Date.DayNumber - run.Workshop1.Date.DayNumber;
        if (daysApart < minDays || daysApart > maxDays)
            Breach("workshop2.date", $"must be {minDays} to {maxDays} days after workshop 1 (is {daysApart})");

        CheckDelivery(run, tenant, venue, Breach);
        CheckCapacity(run, venue, Breach);
        CheckFacilitators(run, Breach);
        return breaches;
    }

    private static void CheckSession(WorkshopSession session, string path, Action<string, string> breach)
    {
        // Workshops do not run past midnight, so an end at or before the start is a mistake, not an overnight session.
        if (session.End <= session.Start)
            breach($"{path}.endTime", $"must be after the start time ({session.Start:HH\\:mm})");
    }

    private static void CheckDelivery(CourseRun run, TenantDefinition tenant, Venue? venue, Action<string, string> breach)
    {
        switch (run.Delivery)
        {
            case WorkshopDelivery.Venue:
                if (run.VenueId is null)
                    breach("venueId", "is required for a run held at a venue");
                else if (venue is null || venue.Id != run.VenueId)
                    breach("venueId", "is not one of this tenant's venues");
                else if (!venue.IsActive)
                    breach("venueId", $"venue '{venue.Code}' is retired and takes no new runs");
                if (run.MeetingLink is not null)
                    breach("meetingLink", "is only for a remote run");
                break;
            case WorkshopDelivery.Remote:
                if (!tenant.WorkshopDefaults.RemoteDelivery)
                    breach("delivery", "this tenant does not deliver workshops remotely");
                if (run.MeetingLink is null)
                    breach("meetingLink", "is required for a remote run");
                else if (!run.MeetingLink.IsAbsoluteUri || run.MeetingLink.Scheme != Uri.UriSchemeHttps)
                    breach("meetingLink", "must be an https link");
                if (run.VenueId is not null)
                    breach("venueId", "a remote run has no venue");
                break;
            default:
                breach("delivery", $"{run.Delivery} is not a delivery mode");
                break;
        }
    }

    private static void CheckCapacity(CourseRun run, Venue? venue, Action<string, string> breach)
    {
        if (run.Capacity < 1)
            breach("capacity", "must be at least 1");
        else if (run.Capacity > Venue.MaxCapacity)
            breach("capacity", $"must be at most {Venue.MaxCapacity}: CARA groups are at most {Venue.MaxCapacity} participants");
        else if (run.Delivery == WorkshopDelivery.Venue && venue is not null && venue.Id == run.VenueId && run.Capacity > venue.Capacity)
            breach("capacity", $"must be at most the venue's capacity ({venue.Capacity})");
    }

    private static void CheckFacilitators(CourseRun run, Action<string, string> breach)
    {
        var ids = run.FacilitatorIds;
        if (ids.Count != CourseRun.FacilitatorCount)
            breach("facilitators", $"a run needs {CourseRun.FacilitatorCount} facilitators (has {ids.Count})");
        if (ids.Contains(Guid.Empty))
            breach("facilitators", "every facilitator must be a user");
        if (ids.Where(id => id != Guid.Empty).Distinct().Count() < ids.Count(id => id != Guid.Empty))
            breach("facilitators", "must be different people: the same facilitator is listed twice");
    }
}
