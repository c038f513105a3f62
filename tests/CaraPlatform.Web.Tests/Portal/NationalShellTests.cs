namespace CaraPlatform.Web.Tests.Portal;

/// <summary>
/// Where people land after signing in, and the way between the licence holder's workspace and the tenant picker for
/// people who have both.
/// </summary>
public sealed class NationalShellTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Theory]
    [InlineData("licence-admin@hamptontrust.demo", "/national")]
    [InlineData("trainer@hamptontrust.demo", "/national")]
    [InlineData("analyst@hamptontrust.demo", "/national")]
    [InlineData("admin@hampshire.demo", "/tenants")]
    [InlineData("spoc@west-yorkshire.demo", "/tenants")]
    public async Task Signing_in_lands_licence_holder_staff_in_their_workspace_and_everyone_else_at_their_services(string email, string landing)
    {
        var response = await UserTokens.SignInAsync(UserTokens.Browser(fixture.Web), email, "CaraDemo!2026");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(landing, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_workspace_names_the_persons_roles_and_offers_no_switch_to_someone_without_a_membership()
    {
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, "qa@hamptontrust.demo");

        var page = await UserTokens.GetOkAsync(browser, "/national");

        Assert.Contains("Quality assurer", page, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Licence holder\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("switch-to-services", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_with_a_licence_holder_role_and_a_membership_can_go_between_the_workspace_and_their_service()
    {
        var person = await TestPeople.MemberAsync(fixture, "hampshire", TenantRole.Facilitator);
        await using (var scope = fixture.Web.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CaraUser>>();
            var user = (await users.FindByIdAsync(person.UserId.ToString()))!;
            user.PlatformRoles = [PlatformRole.Trainer];
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        var browser = UserTokens.Browser(fixture.Web);
        Assert.Equal("/national", (await UserTokens.SignInAsync(browser, person.Email, "CaraDemo!2026")).Headers.Location?.OriginalString);
        Assert.Contains("id=\"switch-to-services\"", await UserTokens.GetOkAsync(browser, "/national"), StringComparison.Ordinal);
        // One membership would normally go straight to the tenant: here the picker stays, offering the workspace too.
        var picker = await UserTokens.GetOkAsync(browser, "/tenants");
        Assert.Contains("id=\"licence-holder-workspace\"", picker, StringComparison.Ordinal);
        Assert.Contains("href=\"/t/hampshire\"", picker, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_people_are_told_the_workspace_is_not_found()
    {
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, "admin@hampshire.demo");

        var response = await browser.GetAsync("/national");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
