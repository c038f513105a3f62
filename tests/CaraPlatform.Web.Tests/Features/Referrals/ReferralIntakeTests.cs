using static CaraPlatform.Web.Tests.Support.ReferralApi;

namespace CaraPlatform.Web.Tests.Features.Referrals;

public sealed class ReferralIntakeTests(CaraPlatformFixture fixture) : IntegrationTest, IAsyncLifetime
{
    private const string Tenant = "hampshire";
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await fixture.ApiClientAsync(Tenant);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_integration_client_refers_and_gets_201_with_a_location_and_the_deadline()
    {
        var request = New();
        var response = await _client.PostJson(Url(Tenant), request);
        var referral = await response.ReadAs<ReferralResponse>(HttpStatusCode.Created);

        Assert.Equal($"/api/v1/tenants/{Tenant}/referrals/{referral.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(request.PoliceReference, referral.PoliceReference);
        Assert.Equal(request.DisposalDate!.Value.AddDays(16 * 7), referral.Deadlines.ConditionDeadline);
        Assert.Equal("SO14 5GL", referral.Offender.Postcode);
        // The client gets the police's view, with no names; the provider's staff see who referred.
        Assert.Equal(ReferralView.Police, referral.View);
        var coordinator = await fixture.PersonApiAsync("coordinator@hampshire.demo");
        var whole = await (await coordinator.GetAsync($"{Url(Tenant)}/{referral.Id}")).ReadAs<ReferralResponse>();
        Assert.EndsWith("(integration)", whole.Timeline[0].Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_police_reference_twice_is_409_with_a_link_to_the_existing_referral()
    {
        var first = await CreateAsync(_client);
        var problem = await (await _client.PostJson(Url(Tenant), New(Tenant, first.PoliceReference))).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(first.Id, problem.GetProperty("existingReferralId").GetGuid());
        Assert.Equal($"/api/v1/tenants/{Tenant}/referrals/{first.Id}", problem.GetProperty("existingReferral").GetString());
        Assert.Equal("policeReference", problem.GetProperty("field").GetString());

        // Another tenant may hold the same reference: uniqueness is per tenant.
        await CreateAsync(await fixture.ApiClientAsync("west-yorkshire"), "west-yorkshire", New("west-yorkshire", first.PoliceReference));
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_replays_the_first_answer_without_a_second_row()
    {
        var request = New();
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(request, key);
        var firstBody = await first.Content.ReadAsStringAsync();
        var replay = await SendAsync(request, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(JsonDocument.Parse(firstBody).RootElement.GetProperty("id").GetGuid(),
            JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        Assert.Equal(1, await CountAsync(request.PoliceReference!));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_422()
    {
        var key = Guid.NewGuid().ToString();
        var request = New();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(request, key)).StatusCode);

        var problem = await (await SendAsync(request with { ForceCode = request.ForceCode, PoliceReference = NewPoliceReference() }, key))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Idempotency-Key", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Twenty_concurrent_posts_with_one_key_make_one_referral_and_all_get_its_answer()
    {
        var request = New();
        var key = Guid.NewGuid().ToString();
        var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.ApiClientAsync(Tenant)));

        var responses = await Task.WhenAll(clients.Select(c => SendAsync(request, key, c)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await CountAsync(request.PoliceReference!));
    }

    [Fact]
    public async Task An_overlong_idempotency_key_is_400_naming_the_header()
    {
        var problem = await (await SendAsync(New(), new string('k', 300))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Idempotency-Key", problem.Errors().Keys);
    }

    private Task<HttpResponseMessage> SendAsync(CreateReferralRequest request, string key, HttpClient? client = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Url(Tenant))
        {
            Content = new StringContent(JsonSerializer.Serialize(request, HttpExtensions.Json), System.Text.Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("Idempotency-Key", key);
        return (client ?? _client).SendAsync(message);
    }

    private async Task<int> CountAsync(string policeReference)
    {
        var tenant = await fixture.Database.TenantAsync(Tenant);
        using var scope = fixture.Web.Services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(tenant);
        await using var db = await fixture.Web.Services.GetRequiredService<IDbContextFactory<CaraDbContext>>().CreateDbContextAsync();
        return await db.Referrals.CountAsync(r => r.PoliceReference == policeReference);
    }
}

public sealed class IdempotencyRetentionTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task A_key_is_remembered_for_24_hours_and_may_be_used_afresh_after()
    {
        await fixture.ApiClientAsync("hampshire");
        using var host = new FakeClockHost(fixture);
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(await host.ClientAsync("hampshire"), New(), key)).StatusCode);

        host.Clock.Advance(TimeSpan.FromHours(23));
        await (await SendAsync(await host.ClientAsync("hampshire"), New(), key)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        host.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(await host.ClientAsync("hampshire"), New(), key)).StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, CreateReferralRequest request, string key)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Url("hampshire"))
        {
            Content = new StringContent(JsonSerializer.Serialize(request, HttpExtensions.Json), System.Text.Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(message);
    }
}
