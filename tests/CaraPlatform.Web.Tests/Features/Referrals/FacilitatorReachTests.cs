namespace CaraPlatform.Web.Tests.Features.Referrals;

/// <summary>A facilitator reads the participants of their own runs and no other referral of the tenant.</summary>
public sealed class FacilitatorReachTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";

    [Fact]
    public async Task A_facilitator_lists_and_reads_only_participants_of_their_own_runs()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var (mine, colleague) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var (other1, other2) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(18);
        var myRun = await WorkshopApi.ScheduleAsync(api, Tenant, start, mine.UserId, colleague.UserId);
        var otherRun = await WorkshopApi.ScheduleAsync(api, Tenant, start, other1.UserId, other2.UserId);
        var participant = await WorkshopApi.EligibleAsync(api, Tenant);
        await WorkshopApi.BookAsync(api, Tenant, myRun, participant);
        var elsewhere = await WorkshopApi.EligibleAsync(api, Tenant);
        await WorkshopApi.BookAsync(api, Tenant, otherRun, elsewhere);
        var unbooked = await ReferralApi.CreateAsync(api, Tenant);

        var facilitator = await fixture.PersonApiAsync(mine.Email);
        var listed = await ListAllAsync(facilitator);
        Assert.Equal([participant.Id], listed);

        Assert.Equal(HttpStatusCode.OK, (await facilitator.GetAsync($"{ReferralApi.Url(Tenant)}/{participant.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await facilitator.GetAsync($"{ReferralApi.Url(Tenant)}/{participant.Id}/bookings")).StatusCode);
        foreach (var notMine in new[] { elsewhere.Id, unbooked.Id })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync($"{ReferralApi.Url(Tenant)}/{notMine}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync($"{ReferralApi.Url(Tenant)}/{notMine}/bookings")).StatusCode);
        }

        // The portal shows the same reach: the detail page of someone else's participant is not found.
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, mine.Email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/t/{Tenant}/referrals/{participant.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/t/{Tenant}/referrals/{elsewhere.Id}")).StatusCode);
        var list = await UserTokens.GetOkAsync(browser, $"/t/{Tenant}/referrals");
        Assert.Contains(participant.PoliceReference, list, StringComparison.Ordinal);
        Assert.DoesNotContain(elsewhere.PoliceReference, list, StringComparison.Ordinal);
        Assert.DoesNotContain(unbooked.PoliceReference, list, StringComparison.Ordinal);

        // A coordinator still reads them all.
        var coordinator = await fixture.PersonApiAsync("coordinator@hampshire.demo");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"{ReferralApi.Url(Tenant)}/{elsewhere.Id}")).StatusCode);
    }

    private static async Task<List<Guid>> ListAllAsync(HttpClient http)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await (await http.GetAsync($"{ReferralApi.Url(Tenant)}?limit=100" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")))
                .ReadAs<ReferralPage>();
            ids.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return ids;
    }
}
