using CaraPlatform.Domain.Audit;
using CaraPlatform.Web.Features.Licences;
using OpenIddict.Validation;

namespace CaraPlatform.Web.Tests.Features.Clients;

/// <summary>
/// National integration clients: a LicenceAdmin's, bound to no tenant, holding national client scopes only. Their tokens
/// are marked national, every tenant endpoint refuses them, and revoking one ends its tokens at once.
/// </summary>
public sealed class NationalClientTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Clients = "/api/v1/national/clients";

    private async Task<IssuedClientResponse> CreateAsync(params string[] scopes)
    {
        var admin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");
        return await (await admin.PostJson(Clients, new CreateNationalClientRequest($"Reporting {Guid.NewGuid():N}"[..20], scopes)))
            .ReadAs<IssuedClientResponse>(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_licence_admin_creates_a_client_whose_secret_is_shown_once_and_whose_token_is_national_with_its_scopes_only()
    {
        var issued = await CreateAsync(ApiScopes.LicencesRead);
        Assert.False(string.IsNullOrEmpty(issued.ClientSecret));
        var admin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");
        var listed = await admin.GetAsync(Clients);
        Assert.Contains(await listed.ReadAs<List<ClientResponse>>(), c => c.ClientId == issued.Client.ClientId && c.Scopes.SequenceEqual([ApiScopes.LicencesRead]));
        Assert.DoesNotContain(issued.ClientSecret, await (await admin.GetAsync(Clients)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var token = await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), issued.Client.ClientId, issued.ClientSecret, ApiScopes.LicencesRead);

        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<OpenIddictValidationService>().ValidateAccessTokenAsync(token);
        Assert.Equal("true", principal.FindFirst(CaraClaims.NationalClient)?.Value);
        Assert.Null(principal.FindFirst(CaraClaims.ClientTenant));
        Assert.Null(principal.PersonId());
        Assert.Equal(ApiScopes.LicencesRead, Assert.Single(principal.GetScopes()));
        // Granted licences.read only: training.read and every person's scope are refused at the token endpoint.
        foreach (var more in new[] { ApiScopes.TrainingRead, ApiScopes.PlatformAdmin, ApiScopes.VenuesRead })
        {
            Assert.Equal(HttpStatusCode.BadRequest,
                (await Tokens.ClientCredentialsResponseAsync(fixture.Web.CreateClient(), issued.Client.ClientId, issued.ClientSecret, more)).StatusCode);
        }
    }

    [Fact]
    public async Task Only_national_client_scopes_may_be_granted()
    {
        var admin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");
        foreach (var scope in ApiScopes.Every.Except(ApiScopes.NationalClientScopes))
        {
            var problem = await (await admin.PostJson(Clients, new CreateNationalClientRequest("Wants too much", [scope]))).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains(problem.Errors().Keys, k => k.StartsWith("scopes", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_national_client_reaches_no_tenant_and_no_licence_admin_endpoint()
    {
        var issued = await CreateAsync([.. ApiScopes.NationalClientScopes]);
        var national = fixture.Bearer(await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), issued.Client.ClientId, issued.ClientSecret,
            string.Join(" ", ApiScopes.NationalClientScopes)));

        // Bound to no tenant, like a client bound elsewhere: as if the tenant did not exist.
        await (await national.GetAsync("/api/v1/tenants/hampshire/venues")).ProblemAsync(HttpStatusCode.NotFound);
        await (await national.GetAsync("/api/v1/tenants/west-yorkshire/referrals")).ProblemAsync(HttpStatusCode.NotFound);
        await (await national.GetAsync(Clients)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await national.GetAsync("/api/v1/national/platform-staff")).ProblemAsync(HttpStatusCode.Forbidden);
        // userinfo describes people only.
        Assert.Equal(HttpStatusCode.Forbidden, (await national.GetAsync("/connect/userinfo")).StatusCode);
    }

    [Fact]
    public async Task Rotating_replaces_the_secret_and_revoking_ends_the_live_tokens_at_once()
    {
        var issued = await CreateAsync(ApiScopes.TrainingRead);
        var admin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");

        var rotated = await (await admin.PostAsync($"{Clients}/{issued.Client.Id}/secret", null)).ReadAs<IssuedClientResponse>();
        Assert.NotEqual(issued.ClientSecret, rotated.ClientSecret);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Tokens.ClientCredentialsResponseAsync(fixture.Web.CreateClient(), issued.Client.ClientId, issued.ClientSecret, ApiScopes.TrainingRead)).StatusCode);
        var live = fixture.Bearer(await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), issued.Client.ClientId, rotated.ClientSecret, ApiScopes.TrainingRead));
        // Authenticated (403: the endpoint is a LicenceAdmin's), until revoked.
        await (await live.GetAsync(Clients)).ProblemAsync(HttpStatusCode.Forbidden);

        var revoked = await (await admin.DeleteAsync($"{Clients}/{issued.Client.Id}")).ReadAs<ClientResponse>();
        Assert.NotNull(revoked.RevokedAt);
        await (await live.GetAsync(Clients)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.NotEqual(HttpStatusCode.OK,
            (await Tokens.ClientCredentialsResponseAsync(fixture.Web.CreateClient(), issued.Client.ClientId, rotated.ClientSecret, ApiScopes.TrainingRead)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"{Clients}/{issued.Client.Id}")).StatusCode);
        await (await admin.PostAsync($"{Clients}/{issued.Client.Id}/secret", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Creating_rotating_and_revoking_are_audited_with_no_tenant()
    {
        var issued = await CreateAsync(ApiScopes.LicencesRead);
        var admin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");
        await admin.PostAsync($"{Clients}/{issued.Client.Id}/secret", null);
        await admin.DeleteAsync($"{Clients}/{issued.Client.Id}");

        await using var db = fixture.Database.SuperuserContext();
        var actions = await db.AuditEvents.Where(e => e.Subject == issued.Client.ClientId && e.TenantId == null && e.ActorUserId != null)
            .Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditActions.ClientCreated, AuditActions.ClientRevoked, AuditActions.ClientSecretRotated], actions.Order());
    }

    [Fact]
    public async Task A_national_client_reads_exactly_what_its_scopes_open_across_every_tenant()
    {
        var issued = await CreateAsync(ApiScopes.LicencesRead);
        var national = fixture.Bearer(await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), issued.Client.ClientId, issued.ClientSecret, ApiScopes.LicencesRead));

        var licences = await (await national.GetAsync("/api/v1/national/licences")).ReadAs<List<LicenceSummary>>();
        Assert.Contains(licences, l => l.Tenant == "hampshire");
        Assert.Contains(licences, l => l.Tenant == "west-yorkshire");
        // licences.read opens the licences, not the training records.
        Assert.Equal(HttpStatusCode.Forbidden, (await national.GetAsync("/api/v1/national/training/courses")).StatusCode);

        var trainingClient = await CreateAsync(ApiScopes.TrainingRead);
        var training = fixture.Bearer(await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), trainingClient.Client.ClientId, trainingClient.ClientSecret, ApiScopes.TrainingRead));
        Assert.Equal(HttpStatusCode.OK, (await training.GetAsync("/api/v1/national/training/courses")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await training.GetAsync("/api/v1/national/licences")).StatusCode);
    }
}
