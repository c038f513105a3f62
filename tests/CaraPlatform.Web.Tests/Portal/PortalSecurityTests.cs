namespace CaraPlatform.Web.Tests.Portal;

public sealed partial class PortalSecurityTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Theory]
    [InlineData("/")]
    [InlineData("/health/live")]
    [InlineData("/api/v1/tenants/no-such-tenant/venues")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await fixture.Web.CreateClient().GetAsync(path);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task Only_swagger_ui_may_run_inline_script()
    {
        using var swagger = await fixture.Web.CreateClient().GetAsync("/swagger/index.html");
        using var portal = await fixture.Web.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
        Assert.Contains("script-src 'self' 'unsafe-inline'", Header(swagger, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", Header(portal, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var response = await fixture.Web.CreateClient().PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "spoc@hampshire.demo",
            ["Password"] = "CaraDemo!2026",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith("cara.session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_out_is_post_only()
    {
        using var response = await fixture.Web.CreateClient().GetAsync("/sign-out");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Tenant_pages_send_strangers_to_sign_in_and_hide_the_tenant_from_non_members()
    {
        var anonymous = fixture.Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signInFirst = await anonymous.GetAsync("/t/hampshire");
        Assert.Equal(HttpStatusCode.Redirect, signInFirst.StatusCode);
        Assert.StartsWith("/?ReturnUrl=", signInFirst.Headers.Location?.PathAndQuery, StringComparison.Ordinal);

        var member = await SignedInAsync("spoc@hampshire.demo");
        using var home = await member.GetAsync("/t/hampshire");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Force SPOC", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var otherTenant = await member.GetAsync("/t/west-yorkshire");
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);

        var licenceAdmin = await SignedInAsync("licence-admin@hamptontrust.demo");
        using var notMember = await licenceAdmin.GetAsync("/t/hampshire");
        Assert.Equal(HttpStatusCode.NotFound, notMember.StatusCode);
    }

    [Theory]
    [InlineData("/t/hampshire/admin/clients")]
    [InlineData("/t/hampshire/admin/members")]
    public async Task Only_the_tenants_provider_admins_reach_the_admin_pages(string path)
    {
        var anonymous = fixture.Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signInFirst = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, signInFirst.StatusCode);
        Assert.StartsWith("/?ReturnUrl=", signInFirst.Headers.Location?.PathAndQuery, StringComparison.Ordinal);

        var coordinator = await SignedInAsync("coordinator@hampshire.demo");
        using var forbidden = await coordinator.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.StartsWith("/access-denied", forbidden.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        using var deniedPage = await coordinator.GetAsync(forbidden.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, deniedPage.StatusCode);

        var otherTenantsAdmin = await SignedInAsync("admin@west-yorkshire.demo");
        using var hidden = await otherTenantsAdmin.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        var admin = await SignedInAsync("admin@hampshire.demo");
        using var page = await admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private Task<HttpClient> SignedInAsync(string email) => UserTokens.SignedInBrowserAsync(fixture.Web, email);

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing from {response.RequestMessage?.RequestUri}");
}
