using CaraPlatform.Domain.Events;
using CaraPlatform.Web.Tests.Features.Notices;

namespace CaraPlatform.Web.Tests.Events;

/// <summary>The declared event types: named once each, and read back as what was written.</summary>
public sealed partial class TenantEventTypesTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public void Every_event_type_has_one_stable_name_and_version()
    {
        var declared = TenantEventTypes.All;
        Assert.True(declared.Count >= 25, $"{declared.Count} event types");
        Assert.Equal(declared.Count, declared.Values.Select(d => (d.Type, d.Version)).Distinct().Count());
        Assert.All(declared.Values, d => Assert.Matches(Name(), d.Type));
        Assert.All(declared.Values, d => Assert.True(d.Version >= 1));
    }

    [Fact]
    public async Task Events_read_back_as_the_record_that_was_written()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tenant = (await fixture.Database.TenantAsync("norfolk")).Settings;
        var referral = Referral.Receive(ReferralBuilder.Details(tenant, "RT/0001", clock), tenant.Condition, ReferralBuilder.Coordinator, clock);
        referral.StartScreening(ReferralBuilder.Coordinator, clock);
        referral.ReturnUncontactable("Three calls, no answer", ReferralBuilder.Coordinator, clock);
        var run = CourseRunBuilder.AtVenue();
        IDomainEvent[] written =
        [
            .. referral.DomainEvents,
            new RunScheduled(RunFacts.Of(run), clock.GetUtcNow()),
            new FeedbackRecorded(Guid.NewGuid(), run.Id, referral.Id, [new FeedbackAnswer("would-recommend", 4)], clock.GetUtcNow()),
            new MemberAdded(Guid.NewGuid(), Guid.NewGuid(), [TenantRole.Coordinator], clock.GetUtcNow()),
        ];

        foreach (var domainEvent in written)
        {
            var row = TenantEventTypes.ToRow(domainEvent, Guid.CreateVersion7());
            var read = row.Read();
            Assert.NotNull(read);
            Assert.IsType(domainEvent.GetType(), read);
            Assert.Equal((domainEvent.AggregateId, domainEvent.OccurredAt), (read.AggregateId, read.OccurredAt));
            Assert.Equal(row.Payload, TenantEventTypes.ToRow(read, row.Id).Payload);
            Assert.DoesNotContain("aggregateId", row.Payload, StringComparison.Ordinal);
        }

        Assert.Equal("Three calls, no answer", JsonDocument.Parse(TenantEventTypes.ToRow(written[2], Guid.NewGuid()).Payload).RootElement.GetProperty("reason").GetString());
        Assert.Null(new TenantEvent { Type = "referral.received", Version = 99, OccurredAt = clock.GetUtcNow(), AggregateId = referral.Id, Payload = "{}" }.Read());
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Name();
}
