namespace CaraPlatform.Web.Tests.Features.Referrals;

/// <summary>The offender's self-defined ethnicity: an optional SDE code, refused naming the field when it is not one.</summary>
public sealed class ReferralEthnicityTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "dorset";

    [Fact]
    public async Task A_known_code_is_kept_and_shown_and_an_unknown_one_is_refused_naming_the_field()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var request = ReferralApi.New(Tenant);

        var refused = await (await api.PostJson(ReferralApi.Url(Tenant), request with { Offender = request.Offender! with { Ethnicity = "X1" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("offender.ethnicity", refused.Errors().Keys);

        var kept = await ReferralApi.CreateAsync(api, Tenant, request with { Offender = request.Offender! with { Ethnicity = "A4" } });
        Assert.Equal("A4", kept.Offender.Ethnicity);
        Assert.Null((await ReferralApi.CreateAsync(api, Tenant)).Offender.Ethnicity);
    }
}
