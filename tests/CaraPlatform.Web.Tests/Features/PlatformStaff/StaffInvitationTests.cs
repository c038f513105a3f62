using CaraPlatform.Web.Features.PlatformStaff;

namespace CaraPlatform.Web.Tests.Features.PlatformStaff;

public sealed partial class StaffInvitationTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task A_LicenceAdmin_invites_a_trainer_by_email_who_creates_an_account_and_holds_the_role()
    {
        var licenceAdmin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");
        var email = $"trainer-{Guid.NewGuid():N}@example.org";
        var invitation = await (await licenceAdmin.PostJson("/api/v1/national/staff-invitations",
            new CreateStaffInvitationRequest(email, "Jo Trainer", [PlatformRole.Trainer]))).ReadAs<StaffInvitationResponse>(HttpStatusCode.Created);
        Assert.Equal([PlatformRole.Trainer], invitation.Roles);
        Assert.Contains(await (await licenceAdmin.GetAsync("/api/v1/national/staff-invitations")).ReadAs<List<StaffInvitationResponse>>(),
            i => i.Id == invitation.Id);

        var link = new Uri(NationalInvitationLink().Match(TestPeople.MailTo(fixture, email)).Value);
        using var browser = UserTokens.Browser(fixture.Web);
        var page = await UserTokens.GetOkAsync(browser, link.PathAndQuery);
        Assert.Contains("value=\"Jo Trainer\"", page, StringComparison.Ordinal);
        using (var accepted = await browser.PostAsync(link.PathAndQuery, UserTokens.Form(page, new Dictionary<string, string>
        {
            ["DisplayName"] = "Jo Trainer",
            ["Password"] = DemoSeed.Password,
            ["ConfirmPassword"] = DemoSeed.Password,
        })))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Contains("href=\"/account/two-factor\"", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var staff = await (await licenceAdmin.GetAsync("/api/v1/national/platform-staff")).ReadAs<List<PlatformStaffResponse>>();
        Assert.Equal([PlatformRole.Trainer], Assert.Single(staff, s => s.Email == email).Roles);
        Assert.DoesNotContain(await (await licenceAdmin.GetAsync("/api/v1/national/staff-invitations")).ReadAs<List<StaffInvitationResponse>>(),
            i => i.Id == invitation.Id);
        using var used = await browser.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, used.StatusCode);
    }

    [Fact]
    public async Task A_person_with_an_account_signs_in_and_gains_the_roles_and_a_cancelled_link_stops_working()
    {
        var licenceAdmin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");
        var member = await TestPeople.MemberAsync(fixture, "dorset", TenantRole.Coordinator);
        await (await licenceAdmin.PostJson("/api/v1/national/staff-invitations",
            new CreateStaffInvitationRequest(member.Email, null, [PlatformRole.Analyst]))).ReadAs<StaffInvitationResponse>(HttpStatusCode.Created);
        var link = new Uri(NationalInvitationLink().Match(TestPeople.MailTo(fixture, member.Email)).Value);

        using var browser = UserTokens.Browser(fixture.Web);
        Assert.Contains("You already have an account", await UserTokens.GetOkAsync(browser, link.PathAndQuery), StringComparison.Ordinal);
        await UserTokens.SignInAsync(browser, member.Email, DemoSeed.Password);
        Assert.Contains("You have joined the licence holder", await UserTokens.GetOkAsync(browser, link.PathAndQuery), StringComparison.Ordinal);
        var staff = await (await licenceAdmin.GetAsync("/api/v1/national/platform-staff")).ReadAs<List<PlatformStaffResponse>>();
        Assert.Equal([PlatformRole.Analyst], Assert.Single(staff, s => s.Email == member.Email).Roles);

        var other = $"cancelled-{Guid.NewGuid():N}@example.org";
        var cancelled = await (await licenceAdmin.PostJson("/api/v1/national/staff-invitations",
            new CreateStaffInvitationRequest(other, null, [PlatformRole.QualityAssurer]))).ReadAs<StaffInvitationResponse>(HttpStatusCode.Created);
        Assert.NotNull((await (await licenceAdmin.DeleteAsync($"/api/v1/national/staff-invitations/{cancelled.Id}")).ReadAs<StaffInvitationResponse>()).CancelledAt);
        using var dead = await browser.GetAsync(new Uri(NationalInvitationLink().Match(TestPeople.MailTo(fixture, other)).Value).PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, dead.StatusCode);
        await (await licenceAdmin.DeleteAsync($"/api/v1/national/staff-invitations/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invitation_without_roles_or_with_a_malformed_email_is_refused_naming_the_field()
    {
        var licenceAdmin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");

        var problem = await (await licenceAdmin.PostJson("/api/v1/national/staff-invitations",
            new CreateStaffInvitationRequest("someone@example.org", null, []))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors().ContainsKey("roles"));
        problem = await (await licenceAdmin.PostJson("/api/v1/national/staff-invitations",
            new CreateStaffInvitationRequest("not-an-email", null, [PlatformRole.Trainer]))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors().ContainsKey("email"));
    }

    [Fact]
    public async Task The_staff_pages_are_the_LicenceAdmins_alone()
    {
        using var trainer = await UserTokens.SignedInBrowserAsync(fixture.Web, "trainer@hamptontrust.demo");
        foreach (var page in new[] { "/national/staff", "/national/tenant-admins" })
        {
            using var refused = await trainer.GetAsync(page);
            Assert.Equal(HttpStatusCode.Found, refused.StatusCode);
            Assert.Equal("/access-denied", refused.Headers.Location!.AbsolutePath);
        }

        using var admin = await UserTokens.SignedInBrowserAsync(fixture.Web, "licence-admin@hamptontrust.demo");
        Assert.Contains("trainer@hamptontrust.demo", await UserTokens.GetOkAsync(admin, "/national/staff"), StringComparison.Ordinal);
        var form = await UserTokens.GetOkAsync(admin, "/national/tenant-admins");
        using var refusedForm = await admin.PostAsync("/national/tenant-admins",
            UserTokens.Form(form, new Dictionary<string, string> { ["Tenant"] = "atlantis", ["Email"] = "x" }));
        var answer = await refusedForm.Content.ReadAsStringAsync();
        Assert.Contains("Choose the service", answer, StringComparison.Ordinal);
        Assert.Contains("href=\"#f-Email\"", answer, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/national/invitations/[A-Za-z0-9_-]+")]
    private static partial Regex NationalInvitationLink();
}
