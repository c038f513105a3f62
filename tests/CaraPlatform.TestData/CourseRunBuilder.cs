using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Venues;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.TestData;

/// <summary>Runs that break no scheduling rule, for tests to change one thing at a time.</summary>
public static class CourseRunBuilder
{
    public static readonly Guid FacilitatorA = Guid.Parse("0197a000-0000-7000-8000-00000000000a");
    public static readonly Guid FacilitatorB = Guid.Parse("0197a000-0000-7000-8000-00000000000b");

    /// <summary>Saturday 7 June 2025 (British Summer Time).</summary>
    public static readonly DateOnly Workshop1Date = new(2025, 6, 7);

    public static Venue Northam(int capacity = 12) => new()
    {
        Code = "southampton-northam",
        Name = "Itchen Quay Community Centre",
        AddressLine1 = "Chapel Road",
        Town = "Southampton",
        Postcode = "SO14 5GL",
        Capacity = capacity,
    };

    /// <summary>An IPV male, English run at <paramref name="venue"/> (or Northam), Workshop 2 28 days after Workshop 1.</summary>
    public static CourseRun AtVenue(Venue? venue = null)
    {
        var run = Run(WorkshopDelivery.Venue);
        run.VenueId = (venue ?? Northam()).Id;
        return run;
    }

    /// <summary>The same run delivered online.</summary>
    public static CourseRun Remote()
    {
        var run = Run(WorkshopDelivery.Remote);
        run.MeetingLink = new Uri("https://meet.example.org/cara/run-42");
        return run;
    }

    private static CourseRun Run(WorkshopDelivery delivery) => new()
    {
        Cohort = Cohort.IpvMale,
        Language = "en",
        Workshop1 = new WorkshopSession(Workshop1Date, new TimeOnly(10, 0), new TimeOnly(15, 0)),
        Workshop2 = new WorkshopSession(Workshop1Date.AddDays(28), new TimeOnly(10, 0), new TimeOnly(15, 0)),
        Delivery = delivery,
        Capacity = 12,
        FacilitatorIds = [FacilitatorA, FacilitatorB],
    };
}
