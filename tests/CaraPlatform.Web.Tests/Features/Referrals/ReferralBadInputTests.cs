using static CaraPlatform.Web.Tests.Support.ReferralApi;

namespace CaraPlatform.Web.Tests.Features.Referrals;

/// <summary>Bad input on every referral endpoint is a 4xx problem naming the field, never a 500 and never a change.</summary>
public sealed class ReferralBadInputTests(CaraPlatformFixture fixture) : HampshireReferralApiTests(fixture)
{
    public static TheoryData<string, string, string> IntakeMistakes => new()
    {
        // path to change, new JSON value, field expected in the answer
        { "policeReference", "\"\"", "policeReference" },
        { "policeReference", JsonSerializer.Serialize(new string('x', 101)), "policeReference" },
        { "forceCode", "\"not-our-force\"", "forceCode" },
        { "disposalType", "\"Warning\"", "disposalType" },
        { "disposalType", "42", "disposalType" },
        { "disposalDate", "\"2999-01-01\"", "disposalDate" },
        { "disposalDate", "\"not a date\"", "disposalDate" },
        { "offence.date", "\"2999-01-01\"", "offence.date" },
        { "offence.typeCode", "\"murder\"", "offence.typeCode" },
        { "offence.relationship", "\"Neighbour\"", "offence.relationship" },
        { "offender.dateOfBirth", "\"2999-01-01\"", "offender.dateOfBirth" },
        { "offender.sex", "\"Unknown\"", "offender.sex" },
        { "offender.givenName", JsonSerializer.Serialize(new string('x', 101)), "offender.givenName" },
        { "offender.accessibilityNeeds", JsonSerializer.Serialize(new string('x', 2001)), "offender.accessibilityNeeds" },
        { "offender.postcode", "\"NOT A POSTCODE\"", "offender.postcode" },
        { "offender.preferredLanguage", "\"English!\"", "offender.preferredLanguage" },
        { "offender.interpreterNeeded", "\"yes\"", "offender.interpreterNeeded" },
        { "officer.email", "\"not-an-email\"", "officer.email" },
        { "eligibility.onBail", "null", "eligibility.onBail" },
        { "eligibility.dash.score", "99", "eligibility.dash.score" },
        { "eligibility.dash.judgementLevel", "\"Standard\"", "eligibility.dash.judgementLevel" },
        { "eligibility.lastViolenceConvictionOrCautionDate", "\"2999-01-01\"", "eligibility.lastViolenceConvictionOrCautionDate" },
        { "eligibility.tenantAnswers", "{\"made-up-question\": true}", "eligibility.tenantAnswers" },
        { "victim", "null", "victim" },
        { "victim.safeContactMethod", "\"CarrierPigeon\"", "victim.safeContactMethod" },
        { "victim.phone", "null", "victim.phone" },
        { "victim.notes", JsonSerializer.Serialize(new string('x', 2001)), "victim.notes" },
        // Control characters (PostgreSQL refuses NUL in text) and dates beyond CARA's centuries, in any field.
        { "policeReference", "\"44/\\u0000/26\"", "policeReference" },
        { "officer.name", "\"PC\\u0000Hollis\"", "officer.name" },
        { "offender.givenName", "\"Dan\\u0000iel\"", "offender.givenName" },
        { "offender.town", "\"South\\u0007ampton\"", "offender.town" },
        { "victim.notes", "\"\\u0000\"", "victim.notes" },
        { "eligibility.tenantAnswers", "{\"island-travel\\u0000\": true}", "eligibility.tenantAnswers" },
        { "disposalDate", "\"0001-01-01\"", "disposalDate" },
        { "disposalDate", "\"9999-12-31\"", "disposalDate" },
        { "offence.date", "\"0001-01-01\"", "offence.date" },
        { "offender.dateOfBirth", "\"0001-01-01\"", "offender.dateOfBirth" },
        { "eligibility.lastViolenceConvictionOrCautionDate", "\"0001-01-01\"", "eligibility.lastViolenceConvictionOrCautionDate" },
    };

    [Theory]
    [MemberData(nameof(IntakeMistakes))]
    public async Task Intake_refuses_each_mistake_naming_the_field(string path, string value, string field)
    {
        var body = JsonSerializer.SerializeToNode(New() with { Eligibility = EligibleAnswers() with { Dash = new DashDto(4, Domain.Referrals.DashRisk.Medium, null, null) } }, HttpExtensions.Json)!;
        Set(body, path, JsonNode.Parse(value));
        var reference = body["policeReference"]?.GetValue<string>();

        var response = await Spoc.PostRawJson(Url(Tenant), body.ToJsonString());
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.Errors().Keys.Any(k => k.StartsWith(field, StringComparison.Ordinal)),
            $"Expected an error for {field}, got {string.Join(", ", problem.Errors().Keys)}");
        if (!string.IsNullOrEmpty(reference) && !reference.Any(char.IsControl))
        {
            var list = await (await Spoc.GetAsync($"{Url(Tenant)}?policeReference={Uri.EscapeDataString(reference)}")).ReadAs<ReferralPage>();
            Assert.Empty(list.Items);
        }
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Malformed_bodies_are_400_on_every_post(string body)
    {
        var referral = await CreateAsync(Spoc);
        string[] urls =
        [
            Url(Tenant), $"{Url(Tenant)}/{referral.Id}/start-screening", $"{Url(Tenant)}/{referral.Id}/screening",
            $"{Url(Tenant)}/{referral.Id}/first-contact", $"{Url(Tenant)}/{referral.Id}/return-uncontactable",
            $"{Url(Tenant)}/{referral.Id}/withdraw", $"{Url(Tenant)}/{referral.Id}/police-decision",
        ];
        foreach (var url in urls)
        {
            var client = url.Contains("withdraw", StringComparison.Ordinal) || url.Contains("police", StringComparison.Ordinal) || url == Url(Tenant) ? Spoc : Coordinator;
            var response = await client.PostRawJson(url, body);
            await response.ProblemAsync(HttpStatusCode.BadRequest);
        }

        var correct = await Spoc.PutRawJson($"{Url(Tenant)}/{referral.Id}", body);
        await correct.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Move_requests_name_each_missing_or_wrong_field()
    {
        var referral = await CreateAsync(Spoc);
        var id = referral.Id;

        Assert.Contains("version", (await (await Coordinator.PostRawJson($"{Url(Tenant)}/{id}/start-screening", "{}")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("version", (await (await Coordinator.PostRawJson($"{Url(Tenant)}/{id}/start-screening", "{\"version\": \"abc\"}")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("reason", (await (await Spoc.PostJson($"{Url(Tenant)}/{id}/withdraw", new ReasonRequest(" ", referral.Version))).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("reason", (await (await Spoc.PostJson($"{Url(Tenant)}/{id}/withdraw", new ReasonRequest(new string('x', 2001), referral.Version))).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("decision", (await (await Spoc.PostRawJson($"{Url(Tenant)}/{id}/police-decision", $"{{\"decision\": \"Pardon\", \"reason\": \"x\", \"version\": {referral.Version}}}")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("newDeadline", (await (await Spoc.PostJson($"{Url(Tenant)}/{id}/police-decision", new PoliceDecisionRequest(PoliceDecision.ExtendDeadline, "Illness", null, referral.Version))).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("reason", (await (await Coordinator.PostJson($"{Url(Tenant)}/{id}/screening", new ScreeningDecisionRequest(EligibleAnswers(), ScreeningDecision.Ineligible, null, referral.Version))).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("answers.dash", (await (await Coordinator.PostJson($"{Url(Tenant)}/{id}/screening", new ScreeningDecisionRequest(EligibleAnswers() with { Dash = null }, ScreeningDecision.Eligible, null, referral.Version))).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("limit", (await (await Spoc.GetAsync($"{Url(Tenant)}?limit=1000")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("status", (await (await Spoc.GetAsync($"{Url(Tenant)}?status=Lost")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("receivedFrom", (await (await Spoc.GetAsync($"{Url(Tenant)}?receivedFrom=yesterday")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);

        var unchanged = await (await Spoc.GetAsync($"{Url(Tenant)}/{id}")).ReadAs<ReferralResponse>();
        Assert.Equal(referral.Version, unchanged.Version);
    }

    [Fact]
    public async Task Control_characters_and_extreme_dates_in_queries_and_moves_are_400_naming_the_field()
    {
        var referral = await CreateAsync(Spoc);
        var url = $"{Url(Tenant)}/{referral.Id}";
        var version = referral.Version;

        Assert.Contains("policeReference", await FieldsAsync(Spoc.GetAsync($"{Url(Tenant)}?policeReference=%00")));
        Assert.Contains("policeReference", await FieldsAsync(Spoc.GetAsync($"{Url(Tenant)}?policeReference=44%2F%01")));
        Assert.Contains("cursor", await FieldsAsync(Spoc.GetAsync($"{Url(Tenant)}?cursor=%00")));
        Assert.Contains("receivedTo", await FieldsAsync(Spoc.GetAsync($"{Url(Tenant)}?receivedTo=9999-12-31")));
        Assert.Contains("receivedFrom", await FieldsAsync(Spoc.GetAsync($"{Url(Tenant)}?receivedFrom=0001-01-01")));
        Assert.Contains("policeReference", await FieldsAsync(Spoc.PutRawJson(url, $"{{\"policeReference\": \"44/\\u0000\", \"version\": {version}}}")));
        Assert.Contains("reason", await FieldsAsync(Spoc.PostRawJson($"{url}/withdraw", $"{{\"reason\": \"moved\\u0000away\", \"version\": {version}}}")));
        Assert.Contains("reason", await FieldsAsync(Coordinator.PostRawJson($"{url}/return-uncontactable", $"{{\"reason\": \"\\u0000\", \"version\": {version}}}")));
        Assert.Contains("reason", await FieldsAsync(Coordinator.PostRawJson($"{url}/screening", $"{{\"decision\": \"Ineligible\", \"reason\": \"\\u0000\", \"version\": {version}}}")));
        foreach (var deadline in new[] { "0001-01-01", "9999-12-31" })
        {
            Assert.Contains("newDeadline", await FieldsAsync(Spoc.PostRawJson($"{url}/police-decision",
                $"{{\"decision\": \"ExtendDeadline\", \"reason\": \"Illness\", \"newDeadline\": \"{deadline}\", \"version\": {version}}}")));
        }

        var unchanged = await (await Spoc.GetAsync(url)).ReadAs<ReferralResponse>();
        Assert.Equal(version, unchanged.Version);
    }

    [Fact]
    public async Task An_unknown_referral_is_404_and_a_malformed_id_is_not_a_500()
    {
        await (await Spoc.GetAsync($"{Url(Tenant)}/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Coordinator.PostJson($"{Url(Tenant)}/{Guid.NewGuid()}/start-screening", new VersionRequest(1))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await Spoc.GetAsync($"{Url(Tenant)}/not-a-guid")).StatusCode);
    }

    private static async Task<IEnumerable<string>> FieldsAsync(Task<HttpResponseMessage> response) =>
        (await (await response).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys;

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1]) node = node[part]!;
        node[parts[^1]] = value;
    }
}
