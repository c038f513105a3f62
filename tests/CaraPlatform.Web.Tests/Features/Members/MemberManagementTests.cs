namespace CaraPlatform.Web.Tests.Features.Members;

public sealed partial class MemberManagementTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task An_invited_person_follows_the_emailed_link_creates_an_account_and_works_in_the_tenant()
    {
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        var email = $"new-facilitator-{Guid.NewGuid():N}@example.org";
        var invitation = await TestPeople.InviteAsync(admin, email, TenantRole.Facilitator);
        Assert.Equal(email, invitation.Email);

        var link = LinkFromMail(email);
        using var browser = UserTokens.Browser(fixture.Web);
        var page = await browser.GetStringAsync(link.PathAndQuery);
        Assert.Contains("Create account and join", page, StringComparison.Ordinal);
        var accepted = await browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["DisplayName"] = "New Facilitator",
            ["Password"] = "a long passphrase of my own",
            ["ConfirmPassword"] = "a long passphrase of my own",
            ["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/t/hampshire", accepted.Headers.Location!.ToString());

        var members = await (await admin.GetAsync("/api/v1/tenants/hampshire/members")).ReadAs<List<MemberResponse>>();
        Assert.Equal([TenantRole.Facilitator], members.Single(m => m.Email == email).Roles);

        var token = await UserTokens.AuthorizationCodeAsync(fixture.Web, email, password: "a long passphrase of my own");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Bearer(token.AccessToken).GetAsync("/api/v1/tenants/hampshire/venues")).StatusCode);

        // The link works once.
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Web.CreateClient().GetAsync(link.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task An_invitation_link_expires_after_seven_days()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var web = fixture.Web.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var admin = web.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await UserTokens.AuthorizationCodeAsync(web, "admin@hampshire.demo")).AccessToken);
        var email = $"late-{Guid.NewGuid():N}@example.org";
        await TestPeople.InviteAsync(admin, email, TenantRole.Coordinator);
        var link = LinkFromMail(email);

        clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(HttpStatusCode.OK, (await web.CreateClient().GetAsync(link.PathAndQuery)).StatusCode);
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NotFound, (await web.CreateClient().GetAsync(link.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task An_admin_changes_roles_and_removes_a_member_but_never_the_last_admin()
    {
        // Norfolk has no demo staff: its only ProviderAdmin is ours.
        var onlyAdmin = await TestPeople.MemberAsync(fixture, "norfolk", TenantRole.ProviderAdmin);
        var coordinator = await TestPeople.MemberAsync(fixture, "norfolk", TenantRole.Coordinator);
        var admin = await fixture.PersonApiAsync(onlyAdmin.Email, "CaraDemo!2026");

        var members = await (await admin.GetAsync("/api/v1/tenants/norfolk/members")).ReadAs<List<MemberResponse>>();
        var adminMember = members.Single(m => m.UserId == onlyAdmin.UserId);
        var coordinatorMember = members.Single(m => m.UserId == coordinator.UserId);
        Assert.DoesNotContain(members, m => m.Email.EndsWith("@hampshire.demo", StringComparison.Ordinal));

        var changed = await (await admin.PutAsJsonAsync($"/api/v1/tenants/norfolk/members/{coordinatorMember.Id}",
            new UpdateMemberRequest([TenantRole.Coordinator, TenantRole.Facilitator], coordinatorMember.Version), HttpExtensions.Json)).ReadAs<MemberResponse>();
        Assert.Equal([TenantRole.Coordinator, TenantRole.Facilitator], changed.Roles);

        await (await admin.PutAsJsonAsync($"/api/v1/tenants/norfolk/members/{adminMember.Id}",
            new UpdateMemberRequest([TenantRole.Coordinator], adminMember.Version), HttpExtensions.Json)).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.DeleteAsync($"/api/v1/tenants/norfolk/members/{adminMember.Id}")).ProblemAsync(HttpStatusCode.Conflict);

        // Roles are kept in memory between requests (MembershipCache): a change counts from the very next request.
        var member = await fixture.PersonApiAsync(coordinator.Email, "CaraDemo!2026");
        await (await member.PostJson("/api/v1/tenants/norfolk/referrals", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsJsonAsync($"/api/v1/tenants/norfolk/members/{coordinatorMember.Id}",
            new UpdateMemberRequest([TenantRole.Facilitator], changed.Version), HttpExtensions.Json)).ReadAs<MemberResponse>();
        await (await member.PostJson("/api/v1/tenants/norfolk/referrals", new { })).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/tenants/norfolk/members/{coordinatorMember.Id}")).StatusCode);
        // Removed from the tenant: its routes are now as if it did not exist for them.
        var removed = await fixture.PersonApiAsync(coordinator.Email, "CaraDemo!2026");
        await (await removed.GetAsync("/api/v1/tenants/norfolk/venues")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_cancelled_invitation_stays_listed_and_its_link_stops_working()
    {
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        var email = $"cancelled-{Guid.NewGuid():N}@example.org";
        var invitation = await TestPeople.InviteAsync(admin, email, TenantRole.Coordinator);
        var link = LinkFromMail(email);

        var cancelled = await (await admin.DeleteAsync($"/api/v1/tenants/hampshire/invitations/{invitation.Id}")).ReadAs<InvitationResponse>();
        Assert.NotNull(cancelled.CancelledAt);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Web.CreateClient().GetAsync(link.PathAndQuery)).StatusCode);
        var listed = await (await admin.GetAsync("/api/v1/tenants/hampshire/invitations")).ReadAs<List<InvitationResponse>>();
        Assert.NotNull(listed.Single(i => i.Id == invitation.Id).CancelledAt);
        await (await admin.DeleteAsync($"/api/v1/tenants/hampshire/invitations/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_invitations_are_400_naming_the_field()
    {
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        var problem = await (await admin.PostJson("/api/v1/tenants/hampshire/invitations", new CreateInvitationRequest("not an email", []))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors().ContainsKey("email"));
        Assert.True(problem.Errors().ContainsKey("roles"));
        problem = await (await admin.PostRawJson("/api/v1/tenants/hampshire/invitations", "{\"email\":\"a@b.org\",\"roles\":[\"Superuser\"]}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors().Keys, k => k.StartsWith("roles", StringComparison.Ordinal));
        problem = await (await admin.PostRawJson("/api/v1/tenants/hampshire/invitations", "{\"email\":\"a\\u0000@b.org\",\"roles\":[\"Coordinator\"]}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors().ContainsKey("email"));
    }

    private Uri LinkFromMail(string email) => TestPeople.InvitationLink(fixture, email);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
