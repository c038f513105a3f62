using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Outcomes;
using CaraPlatform.Web.Features.Outcomes;

namespace CaraPlatform.Web.Tests.Features.Outcomes;

/// <summary>The police's follow-ups through the API: idempotent by reference and window, refused with the field named.</summary>
public sealed class OutcomeApiTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "leicestershire";

    private static string Url(string tenant, string policeReference, int months) =>
        $"/api/v1/tenants/{tenant}/outcomes/{Uri.EscapeDataString(policeReference)}/{months}";

    private static DateOnly Today => UkCalendar.DateOf(DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_same_follow_up_twice_makes_one_row_and_one_event_without_the_police_reference()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var referral = await ReferralApi.CreateAsync(api, Tenant);
        var request = new RecordOutcomeRequest(null, null, true, [new ReoffenceDto("harassment", Today)]);

        var first = await (await api.PutAsJsonAsync(Url(Tenant, referral.PoliceReference, 6), request, HttpExtensions.Json)).ReadAs<OutcomeResponse>();
        var again = await (await api.PutAsJsonAsync(Url(Tenant, referral.PoliceReference, 6), request, HttpExtensions.Json)).ReadAs<OutcomeResponse>();

        Assert.Equal(FollowUpChange.New, first.Change);
        Assert.Equal(FollowUpChange.Unchanged, again.Change);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(referral.Id, first.ReferralId);
        Assert.Equal(1, await fixture.ReadAsync(Tenant, db => db.ReoffendingFollowUps.CountAsync(f => f.PoliceReference == referral.PoliceReference)));
        var events = await fixture.ReadAsync(Tenant, db => db.TenantEvents.AsNoTracking().Where(e => e.AggregateId == first.Id).ToListAsync());
        var recorded = Assert.Single(events);
        Assert.Equal("outcome.recorded", recorded.Type);
        Assert.DoesNotContain(referral.PoliceReference, recorded.Payload, StringComparison.Ordinal);
        Assert.Contains("harassment", recorded.Payload, StringComparison.Ordinal);

        // New findings replace the old, with an event of their own.
        var changed = await (await api.PutAsJsonAsync(Url(Tenant, referral.PoliceReference, 6), new RecordOutcomeRequest(null, null, false, []), HttpExtensions.Json))
            .ReadAs<OutcomeResponse>();
        Assert.Equal(FollowUpChange.Changed, changed.Change);
        Assert.False(changed.Reoffended);
        Assert.Equal(2, await fixture.ReadAsync(Tenant, db => db.TenantEvents.CountAsync(e => e.AggregateId == first.Id)));
    }

    [Fact]
    public async Task The_police_are_sent_no_notice_of_an_outcome_and_the_national_model_learns_of_it()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var referral = await ReferralApi.CreateAsync(api, Tenant);
        await fixture.RelayEventsAsync(Tenant);
        var notices = await fixture.ReadAsync(Tenant, db => db.PoliceNotices.CountAsync(n => n.ReferralId == referral.Id));

        var recorded = await (await api.PutAsJsonAsync(Url(Tenant, referral.PoliceReference, 12), new RecordOutcomeRequest(null, null, false, []), HttpExtensions.Json))
            .ReadAs<OutcomeResponse>();
        await fixture.RelayEventsAsync(Tenant);

        Assert.Equal(notices, await fixture.ReadAsync(Tenant, db => db.PoliceNotices.CountAsync(n => n.ReferralId == referral.Id)));
        await using var national = fixture.Database.SuperuserContext();
        var row = await national.NationalOutcomes.AsNoTracking().SingleAsync(o => o.FollowUpId == recorded.Id);
        Assert.Equal((referral.Id, 12, false, FollowUpCohort.Referred), (row.ReferralId!.Value, row.Months, row.Reoffended, row.Cohort));
    }

    [Fact]
    public async Task A_follow_up_that_breaks_a_rule_is_422_naming_the_field()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var referral = await ReferralApi.CreateAsync(api, Tenant);
        var noReoffence = new RecordOutcomeRequest(null, null, false, []);

        async Task<IReadOnlyDictionary<string, string[]>> RefusedAsync(string reference, int months, RecordOutcomeRequest request) =>
            (await (await api.PutAsJsonAsync(Url(Tenant, reference, months), request, HttpExtensions.Json)).ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors();

        Assert.Contains("policeReference", (await RefusedAsync(ReferralApi.NewPoliceReference(), 6, noReoffence)).Keys);
        Assert.Contains("months", (await RefusedAsync(referral.PoliceReference, 7, noReoffence)).Keys);
        Assert.Contains("offences[0].date", (await RefusedAsync(referral.PoliceReference, 6,
            new RecordOutcomeRequest(null, null, true, [new ReoffenceDto("harassment", Today.AddDays(-30))]))).Keys);
        Assert.Contains("offences[0].typeCode", (await RefusedAsync(referral.PoliceReference, 6,
            new RecordOutcomeRequest(null, null, true, [new ReoffenceDto("jaywalking", Today)]))).Keys);
        Assert.Contains("eligibleOn", (await RefusedAsync(ReferralApi.NewPoliceReference(), 6,
            new RecordOutcomeRequest(FollowUpCohort.EligibleNotReferred, null, false, []))).Keys);
        Assert.Equal(0, await fixture.ReadAsync(Tenant, db => db.ReoffendingFollowUps.CountAsync(f => f.PoliceReference == referral.PoliceReference)));
    }

    [Fact]
    public async Task A_person_eligible_but_not_referred_is_followed_up_by_reference_alone()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var reference = ReferralApi.NewPoliceReference();
        var recorded = await (await api.PutAsJsonAsync(Url(Tenant, reference, 6),
                new RecordOutcomeRequest(FollowUpCohort.EligibleNotReferred, Today.AddMonths(-2), true, [new ReoffenceDto("common-assault", Today.AddDays(-5))]),
                HttpExtensions.Json))
            .ReadAs<OutcomeResponse>();

        Assert.Equal((FollowUpCohort.EligibleNotReferred, (Guid?)null, Today.AddMonths(-2)), (recorded.Cohort, recorded.ReferralId, recorded.StartOn));
    }

    [Fact]
    public async Task A_facilitator_may_not_record_outcomes()
    {
        var facilitator = await fixture.PersonApiAsync("facilitator@hampshire.demo");
        var response = await facilitator.PutAsJsonAsync(Url("hampshire", ReferralApi.NewPoliceReference(), 6), new RecordOutcomeRequest(null, null, false, []), HttpExtensions.Json);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
