using CaraPlatform.Domain.Licences;

namespace CaraPlatform.Domain.Tests.Licences;

public sealed class LicenceRulesTests
{
    private static readonly LicenceActor Admin = new(Guid.NewGuid(), "licence-admin@hamptontrust.demo");
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static LicenceTerms Terms(DateOnly startsOn, DateOnly endsOn) => new(
        "Restorative Solutions CIC", "West Yorkshire Police", ["west-yorkshire"], startsOn, endsOn, DeliveryModel.Partner,
        ["en"], [Cohort.IpvMale], null);

    private static Licence Granted(DateOnly startsOn, DateOnly endsOn) => Licence.Grant(Guid.NewGuid(), Terms(startsOn, endsOn), Admin, Now);

    [Fact]
    public void A_tenant_without_a_licence_has_none_and_cannot_schedule()
    {
        Assert.Equal(LicenceStanding.None, Licence.StandingOn(null, new DateOnly(2026, 11, 30)));
        Assert.Equal("The service has no licence to deliver CARA", Licence.RefusalToSchedule(null, new DateOnly(2026, 11, 30), new DateOnly(2027, 1, 30)));
    }

    [Theory]
    [InlineData("2026-01-01", LicenceStanding.NotYetStarted)]
    [InlineData("2026-02-01", LicenceStanding.Active)]
    [InlineData("2027-01-31", LicenceStanding.Active)]
    [InlineData("2027-02-01", LicenceStanding.Expired)]
    public void Its_dates_decide_an_active_licence_s_standing(string date, LicenceStanding standing) =>
        Assert.Equal(standing, Licence.StandingOn(Granted(new DateOnly(2026, 2, 1), new DateOnly(2027, 1, 31)), DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Suspended_and_ended_licences_stand_so_whatever_the_dates_and_each_refusal_names_the_state()
    {
        var licence = Granted(new DateOnly(2026, 2, 1), new DateOnly(2027, 1, 31));
        var today = new DateOnly(2026, 11, 30);
        var workshop2 = new DateOnly(2027, 1, 9);
        Assert.Null(Licence.RefusalToSchedule(licence, today, workshop2));

        licence.Suspend("Commissioning under review", Admin, Now);
        Assert.Equal(LicenceStanding.Suspended, Licence.StandingOn(licence, today));
        Assert.Equal("The service's licence is suspended", Licence.RefusalToSchedule(licence, today, workshop2));

        licence.End("Contract not renewed", Admin, Now);
        Assert.Equal(LicenceStanding.Ended, Licence.StandingOn(licence, today));
        Assert.Equal("The service's licence ended on 30 November 2026", Licence.RefusalToSchedule(licence, today, workshop2));
        Assert.Equal(new DateOnly(2026, 11, 30), licence.EndedOn);

        licence.Reinstate("Renewed", Admin, Now);
        Assert.Equal(LicenceStanding.Active, Licence.StandingOn(licence, today));
        Assert.Null(licence.EndedOn);
        Assert.Equal([null, LicenceStatus.Active, LicenceStatus.Suspended, LicenceStatus.Ended], licence.History.Select(h => h.FromStatus));
        Assert.Equal("Renewed", licence.History[^1].Reason);
    }

    [Fact]
    public void Refusals_name_an_expired_a_future_and_a_too_short_licence()
    {
        var licence = Granted(new DateOnly(2026, 2, 1), new DateOnly(2026, 12, 31));
        Assert.Equal("The service's licence ended on 31 December 2026", Licence.RefusalToSchedule(licence, new DateOnly(2027, 1, 2), new DateOnly(2027, 3, 1)));
        Assert.Equal("The service's licence starts on 1 February 2026", Licence.RefusalToSchedule(licence, new DateOnly(2026, 1, 2), new DateOnly(2026, 3, 1)));
        Assert.Equal("The service's licence ends on 31 December 2026, before Workshop 2",
            Licence.RefusalToSchedule(licence, new DateOnly(2026, 11, 30), new DateOnly(2027, 1, 9)));
    }

    [Fact]
    public void A_status_change_to_the_same_status_is_refused()
    {
        var licence = Granted(new DateOnly(2026, 2, 1), new DateOnly(2027, 1, 31));
        Assert.Throws<LicenceStatusException>(() => licence.Reinstate("again", Admin, Now));
    }

    [Theory]
    [InlineData(91, null)]
    [InlineData(90, LicenceWarning.NinetyDays)]
    [InlineData(31, LicenceWarning.NinetyDays)]
    [InlineData(30, LicenceWarning.ThirtyDays)]
    [InlineData(0, LicenceWarning.ThirtyDays)]
    [InlineData(-1, null)]
    public void The_warning_due_falls_90_and_30_days_before_the_end(int daysLeft, LicenceWarning? warning)
    {
        var endsOn = new DateOnly(2027, 3, 31);
        Assert.Equal(warning, Granted(new DateOnly(2024, 4, 1), endsOn).WarningDue(endsOn.AddDays(-daysLeft)));
    }

    [Fact]
    public void An_ended_licence_is_warned_of_no_more()
    {
        var endsOn = new DateOnly(2027, 1, 15);
        var licence = Granted(new DateOnly(2024, 4, 1), endsOn);
        licence.End("Contract not renewed", Admin, Now);
        Assert.Null(licence.WarningDue(endsOn.AddDays(-10)));
    }

    [Fact]
    public void Each_warning_is_sent_once_per_threshold_and_again_after_a_renewal()
    {
        var endsOn = new DateOnly(2027, 3, 31);
        var licence = Granted(new DateOnly(2024, 4, 1), endsOn);
        Assert.Null(licence.TakeWarningToSend(endsOn.AddDays(-100)));
        Assert.Equal(LicenceWarning.NinetyDays, licence.TakeWarningToSend(endsOn.AddDays(-90)));
        Assert.Null(licence.TakeWarningToSend(endsOn.AddDays(-89)));
        Assert.Equal(LicenceWarning.ThirtyDays, licence.TakeWarningToSend(endsOn.AddDays(-30)));
        Assert.Null(licence.TakeWarningToSend(endsOn.AddDays(-5)));

        licence.Amend(Terms(new DateOnly(2024, 4, 1), endsOn.AddYears(1)) with { Languages = ["en", "pl"] }, Admin, Now);
        Assert.Equal(["endsOn", "languages"], licence.History[^1].Fields.Select(f => f.Field));
        Assert.Equal(LicenceWarning.NinetyDays, licence.TakeWarningToSend(endsOn.AddYears(1).AddDays(-60)));
    }

    [Fact]
    public void A_licence_first_seen_inside_30_days_gets_the_30_day_warning_only()
    {
        var endsOn = new DateOnly(2027, 3, 31);
        var licence = Granted(new DateOnly(2024, 4, 1), endsOn);
        Assert.Equal(LicenceWarning.ThirtyDays, licence.TakeWarningToSend(endsOn.AddDays(-20)));
        Assert.Null(licence.TakeWarningToSend(endsOn.AddDays(-19)));
    }
}
