using CaraPlatform.Domain.Venues;

namespace CaraPlatform.Domain.Tests.Workshops;

public sealed class CourseRunSchedulingTests
{
    private static readonly TenantDefinition Hampshire = TenantDefinitionBuilder.Hampshire();
    private readonly Venue _northam = CourseRunBuilder.Northam();

    private IReadOnlyList<RuleBreach> Breaches(CourseRun run, TenantDefinition? tenant = null) =>
        CourseRunScheduling.Breaches(run, tenant ?? Hampshire, _northam);

    private static RuleBreach AssertSingleBreach(IReadOnlyList<RuleBreach> breaches, string path)
    {
        var breach = Assert.Single(breaches);
        Assert.Equal(path, breach.Path);
        Assert.False(string.IsNullOrWhiteSpace(breach.Message));
        return breach;
    }

    [Fact]
    public void A_run_at_a_venue_breaks_no_rule() => Assert.Empty(Breaches(CourseRunBuilder.AtVenue(_northam)));

    [Fact]
    public void A_remote_run_breaks_no_rule() =>
        Assert.Empty(CourseRunScheduling.Breaches(CourseRunBuilder.Remote(), Hampshire, venue: null));

    [Theory]
    [InlineData(28)]
    [InlineData(31)]
    [InlineData(35)]
    public void Workshop_2_may_be_28_to_35_days_after_workshop_1(int daysApart) =>
        Assert.Empty(Breaches(WithDaysApart(daysApart)));

    [Theory]
    [InlineData(27)]
    [InlineData(36)]
    [InlineData(0)]
    [InlineData(-28)] // Workshop 2 before Workshop 1
    public void Workshop_2_outside_28_to_35_days_is_refused_at_workshop2_date(int daysApart)
    {
        var breach = AssertSingleBreach(Breaches(WithDaysApart(daysApart)), "workshop2.date");
        Assert.Contains($"28 to 35 days", breach.Message, StringComparison.Ordinal);
        Assert.Contains($"(is {daysApart})", breach.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    [InlineData(32, true)]
    [InlineData(33, false)]
    public void A_tenant_narrower_than_the_programme_is_held_to_its_own_bounds(int daysApart, bool allowed)
    {
        var tenant = Hampshire with { WorkshopDefaults = Hampshire.WorkshopDefaults with { MinDaysApart = 30, MaxDaysApart = 32 } };
        var breaches = Breaches(WithDaysApart(daysApart), tenant);
        if (allowed) Assert.Empty(breaches);
        else AssertSingleBreach(breaches, "workshop2.date");
    }

    [Fact]
    public void A_tenant_definition_outside_the_programme_bounds_still_cannot_schedule_27_days_apart()
    {
        var tenant = Hampshire with { WorkshopDefaults = Hampshire.WorkshopDefaults with { MinDaysApart = 20, MaxDaysApart = 40 } };
        AssertSingleBreach(Breaches(WithDaysApart(27), tenant), "workshop2.date");
        AssertSingleBreach(Breaches(WithDaysApart(36), tenant), "workshop2.date");
    }

    [Theory]
    [InlineData("10:00", "10:00")]
    [InlineData("15:00", "10:00")]
    public void A_workshop_must_end_after_it_starts(string start, string end)
    {
        var run = CourseRunBuilder.AtVenue(_northam);
        run.Workshop1 = run.Workshop1 with { Start = TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), End = TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture) };
        AssertSingleBreach(Breaches(run), "workshop1.endTime");

        run = CourseRunBuilder.AtVenue(_northam);
        run.Workshop2 = run.Workshop2 with { Start = TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), End = TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture) };
        AssertSingleBreach(Breaches(run), "workshop2.endTime");
    }

    [Fact]
    public void Sessions_take_the_tenants_default_times()
    {
        var session = WorkshopSession.OnDate(CourseRunBuilder.Workshop1Date, Hampshire.WorkshopDefaults);
        Assert.Equal(new WorkshopSession(CourseRunBuilder.Workshop1Date, new TimeOnly(10, 0), new TimeOnly(15, 0)), session);

        var later = Hampshire.WorkshopDefaults with { StartTime = "11:30", EndTime = "16:30" };
        Assert.Equal(new TimeOnly(11, 30), WorkshopSession.OnDate(CourseRunBuilder.Workshop1Date, later).Start);
    }

    [Fact]
    public void Workshop_times_are_UK_wall_clock_times_in_summer_and_winter()
    {
        var summer = new WorkshopSession(new DateOnly(2025, 6, 7), new TimeOnly(10, 0), new TimeOnly(15, 0));
        var winter = new WorkshopSession(new DateOnly(2025, 12, 6), new TimeOnly(10, 0), new TimeOnly(15, 0));
        Assert.Equal(new DateTimeOffset(2025, 6, 7, 9, 0, 0, TimeSpan.Zero), summer.StartsAt);
        Assert.Equal(new DateTimeOffset(2025, 12, 6, 10, 0, 0, TimeSpan.Zero), winter.StartsAt);
        Assert.Equal(new DateTimeOffset(2025, 12, 6, 15, 0, 0, TimeSpan.Zero), winter.EndsAt);
    }

    [Fact]
    public void One_facilitator_is_refused()
    {
        var run = CourseRunBuilder.AtVenue(_northam);
        run.FacilitatorIds = [CourseRunBuilder.FacilitatorA];
        var breach = AssertSingleBreach(Breaches(run), "facilitators");
        Assert.Contains("(has 1)", breach.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_facilitator_twice_is_refused()
    {
        var run = CourseRunBuilder.AtVenue(_northam);
        run.FacilitatorIds = [CourseRunBuilder.FacilitatorA, CourseRunBuilder.FacilitatorA];
        var breach = AssertSingleBreach(Breaches(run), "facilitators");
        Assert.Contains("different people", breach.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_facilitators_or_three_are_refused()
    {
        var run = CourseRunBuilder.AtVenue(_northam);
        run.FacilitatorIds = [];
        AssertSingleBreach(Breaches(run), "facilitators");
        run.FacilitatorIds = [CourseRunBuilder.FacilitatorA, CourseRunBuilder.FacilitatorB, Guid.CreateVersion7()];
        AssertSingleBreach(Breaches(run), "facilitators");
    }

    [Fact]
    public void A_facilitator_who_is_no_user_is_refused()
    {
        var run = CourseRunBuilder.AtVenue(_northam);
        run.FacilitatorIds = [CourseRunBuilder.FacilitatorA, Guid.Empty];
        AssertSingleBreach(Breaches(run), "facilitators");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public void Capacity_of_1_to_12_is_allowed(int capacity)
    {
        var run = CourseRunBuilder.AtVenue(_northam);
        run.Capacity = capacity;
        Assert.Empty(Breaches(run));
    }

    [Theory]
    [InlineData(13)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Capacity_outside_1_to_12_is_refused(int capacity)
    {
        var run = CourseRunBuilder.AtVenue(_northam);
        run.Capacity = capacity;
        AssertSingleBreach(Breaches(run), "capacity");
        var remote = CourseRunBuilder.Remote();
        remote.Capacity = capacity;
        AssertSingleBreach(CourseRunScheduling.Breaches(remote, Hampshire, null), "capacity");
    }

    [Theory]
    [InlineData(8, true)]
    [InlineData(9, false)]
    public void Capacity_at_a_venue_is_at_most_the_venues(int capacity, bool allowed)
    {
        var newport = CourseRunBuilder.Northam(capacity: 8);
        var run = CourseRunBuilder.AtVenue(newport);
        run.Capacity = capacity;
        var breaches = CourseRunScheduling.Breaches(run, Hampshire, newport);
        if (allowed) Assert.Empty(breaches);
        else Assert.Contains("venue's capacity (8)", AssertSingleBreach(breaches, "capacity").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cohort_the_tenant_does_not_run_is_refused()
    {
        var tenant = Hampshire with { Cohorts = [Cohort.IpvMale] };
        var run = CourseRunBuilder.AtVenue(_northam);
        run.Cohort = Cohort.IpvFemale;
        AssertSingleBreach(Breaches(run, tenant), "cohort");
    }

    [Theory]
    [InlineData("pl")]
    [InlineData("")]
    [InlineData("EN")]
    public void A_language_the_tenant_does_not_offer_is_refused(string language)
    {
        var run = CourseRunBuilder.AtVenue(_northam);
        run.Language = language;
        AssertSingleBreach(Breaches(run), "language");
    }

    [Fact]
    public void A_language_the_tenant_offers_is_allowed()
    {
        var run = CourseRunBuilder.AtVenue(_northam);
        run.Language = "pl";
        Assert.Empty(Breaches(run, Hampshire with { Languages = ["en", "pl"] }));
    }

    [Fact]
    public void A_venue_run_needs_an_active_venue_of_the_tenant_and_no_meeting_link()
    {
        var run = CourseRunBuilder.AtVenue(_northam);
        run.VenueId = null;
        AssertSingleBreach(Breaches(run), "venueId");

        run = CourseRunBuilder.AtVenue(_northam);
        run.VenueId = Guid.CreateVersion7();
        AssertSingleBreach(Breaches(run), "venueId");

        run = CourseRunBuilder.AtVenue(_northam);
        AssertSingleBreach(CourseRunScheduling.Breaches(run, Hampshire, venue: null), "venueId");

        var retired = CourseRunBuilder.Northam();
        retired.IsActive = false;
        AssertSingleBreach(CourseRunScheduling.Breaches(CourseRunBuilder.AtVenue(retired), Hampshire, retired), "venueId");

        run = CourseRunBuilder.AtVenue(_northam);
        run.MeetingLink = new Uri("https://meet.example.org/x");
        AssertSingleBreach(Breaches(run), "meetingLink");
    }

    [Fact]
    public void A_remote_run_needs_an_https_meeting_link_and_no_venue()
    {
        var run = CourseRunBuilder.Remote();
        run.MeetingLink = null;
        AssertSingleBreach(Breaches(run), "meetingLink");

        run = CourseRunBuilder.Remote();
        run.MeetingLink = new Uri("http://meet.example.org/cara");
        AssertSingleBreach(Breaches(run), "meetingLink");

        run = CourseRunBuilder.Remote();
        run.VenueId = _northam.Id;
        AssertSingleBreach(Breaches(run), "venueId");
    }

    [Fact]
    public void A_remote_run_is_refused_where_the_tenant_does_not_deliver_remotely()
    {
        var tenant = Hampshire with { WorkshopDefaults = Hampshire.WorkshopDefaults with { RemoteDelivery = false } };
        AssertSingleBreach(Breaches(CourseRunBuilder.Remote(), tenant), "delivery");
    }

    [Fact]
    public void Every_broken_rule_is_reported_together()
    {
        var run = CourseRunBuilder.AtVenue(_northam);
        run.Workshop2 = run.Workshop2 with { Date = run.Workshop1.Date.AddDays(27) };
        run.FacilitatorIds = [CourseRunBuilder.FacilitatorA];
        run.Capacity = 13;
        run.Language = "xx";
        run.Workshop1 = run.Workshop1 with { End = new TimeOnly(9, 0) };

        var paths = Breaches(run).Select(b => b.Path).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["capacity", "facilitators", "language", "workshop1.endTime", "workshop2.date"], paths);
    }

    [Fact]
    public void The_meeting_link_reaches_the_participant_only_once_the_booking_is_confirmed()
    {
        var run = CourseRunBuilder.Remote();
        Assert.Null(run.ForParticipant(bookingConfirmed: false).MeetingLink);
        Assert.Equal(run.MeetingLink, run.ForParticipant(bookingConfirmed: true).MeetingLink);
        Assert.Equal(run.Workshop1, run.ForParticipant(bookingConfirmed: false).Workshop1);
    }

    private CourseRun WithDaysApart(int daysApart)
    {
        var run = CourseRunBuilder.AtVenue(_northam);
        run.Workshop2 = run.Workshop2 with { Date = run.Workshop1.Date.AddDays(daysApart) };
        return run;
    }
}
