using CaraPlatform.Web.Features.PlatformStaff;

namespace CaraPlatform.Web.Tests.Features.PlatformStaff;

public sealed class PlatformStaffTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task A_LicenceAdmin_grants_and_removes_platform_roles_which_take_effect_at_once()
    {
        var licenceAdmin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");
        var person = await TestPeople.MemberAsync(fixture, "dorset", TenantRole.Coordinator);
        var theirApi = await fixture.PersonApiAsync(person.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await theirApi.GetAsync("/api/v1/national/platform-staff")).StatusCode);

        var granted = await (await licenceAdmin.PutAsJsonAsync($"/api/v1/national/platform-staff/{person.UserId}/roles",
            new UpdatePlatformRolesRequest([PlatformRole.LicenceAdmin, PlatformRole.Analyst]), HttpExtensions.Json)).ReadAs<PlatformStaffResponse>();
        Assert.Equal([PlatformRole.LicenceAdmin, PlatformRole.Analyst], granted.Roles);
        Assert.Equal(HttpStatusCode.OK, (await theirApi.GetAsync("/api/v1/national/platform-staff")).StatusCode);

        await (await licenceAdmin.PutAsJsonAsync($"/api/v1/national/platform-staff/{person.UserId}/roles",
            new UpdatePlatformRolesRequest([]), HttpExtensions.Json)).ReadAs<PlatformStaffResponse>();
        Assert.Equal(HttpStatusCode.Forbidden, (await theirApi.GetAsync("/api/v1/national/platform-staff")).StatusCode);
    }

    [Fact]
    public async Task The_last_LicenceAdmin_keeps_the_role()
    {
        var licenceAdmin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");
        var staff = await (await licenceAdmin.GetAsync("/api/v1/national/platform-staff")).ReadAs<List<PlatformStaffResponse>>();
        // Checked first, so that a second LicenceAdmin left by another test fails this test rather than losing the demo account its role.
        var only = Assert.Single(staff, s => s.Roles.Contains(PlatformRole.LicenceAdmin));

        var refused = await (await licenceAdmin.PutAsJsonAsync($"/api/v1/national/platform-staff/{only.UserId}/roles",
            new UpdatePlatformRolesRequest([PlatformRole.Analyst]), HttpExtensions.Json)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("The last LicenceAdmin cannot lose the role", refused.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Roles_of_an_unknown_person_are_404()
    {
        var licenceAdmin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");
        await (await licenceAdmin.PutAsJsonAsync($"/api/v1/national/platform-staff/{Guid.NewGuid()}/roles",
            new UpdatePlatformRolesRequest([PlatformRole.Analyst]), HttpExtensions.Json)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_LicenceAdmin_invites_a_tenants_first_admin()
    {
        var licenceAdmin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");
        var email = $"first-admin-{Guid.NewGuid():N}@example.org";
        var invitation = await (await licenceAdmin.PostJson("/api/v1/national/tenants/cambridgeshire/admin-invitations",
            new CreateAdminInvitationRequest(email))).ReadAs<InvitationResponse>(HttpStatusCode.Created);
        Assert.Equal([TenantRole.ProviderAdmin], invitation.Roles);
        Assert.Contains("/t/cambridgeshire/invitations/", TestPeople.MailTo(fixture, email), StringComparison.Ordinal);

        await (await licenceAdmin.PostJson("/api/v1/national/tenants/atlantis/admin-invitations", new CreateAdminInvitationRequest(email)))
            .ProblemAsync(HttpStatusCode.NotFound);
        var nul = await (await licenceAdmin.PostRawJson("/api/v1/national/tenants/cambridgeshire/admin-invitations", "{\"email\": \"first\\u0000@example.org\"}"))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(nul.Errors().ContainsKey("email"));
    }
}
