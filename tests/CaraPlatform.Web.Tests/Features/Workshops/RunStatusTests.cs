using CaraPlatform.Domain.Tenants;
using CaraPlatform.Web.Features.Workshops;
using CaraPlatform.Web.Features.Workshops.Pages;

namespace CaraPlatform.Web.Tests.Features.Workshops;

/// <summary>The run's tag says what a coordinator can still do with it at the moment the page is shown.</summary>
public sealed class RunStatusTests
{
    private static readonly DateTimeOffset Workshop1 = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    private static RunResponse Run(int seatsLeft = 3, DateTimeOffset? cancelledAt = null) => new(
        Guid.NewGuid(), Cohort.IpvMale, "en", new(DateOnly.FromDateTime(Workshop1.UtcDateTime), "10:00", "15:00", Workshop1),
        new(DateOnly.FromDateTime(Workshop1.AddDays(28).UtcDateTime), "10:00", "15:00", Workshop1.AddDays(28)), WorkshopDelivery.Venue,
        null, null, 10, 10 - seatsLeft, seatsLeft, [], cancelledAt, null, 1);

    [Theory]
    [InlineData(-1, 3, "Open")]
    [InlineData(-1, 0, "Full")]
    [InlineData(1, 3, "Under way")]
    [InlineData(1, 0, "Under way")]
    [InlineData(28 * 24, 3, "Finished")]
    public void A_runs_tag_follows_the_clock_and_its_seats(int hoursAfterWorkshop1, int seatsLeft, string expected) =>
        Assert.Equal(expected, WorkshopDisplay.RunStatus(Run(seatsLeft), Workshop1.AddHours(hoursAfterWorkshop1)).Text);

    [Fact]
    public void A_cancelled_run_says_so_whenever_it_is_looked_at() =>
        Assert.Equal("Cancelled", WorkshopDisplay.RunStatus(Run(cancelledAt: Workshop1.AddDays(-3)), Workshop1.AddDays(40)).Text);
}
