namespace CaraPlatform.Web.Tests.Support;

public sealed record TestPerson(string Email, Guid UserId, Guid MembershipId);

/// <summary>People of a test's own, so that lockout, two-factor or removal never touch the demo accounts other tests use.</summary>
public static partial class TestPeople
{
    /// <summary>An invitation to <paramref name="email"/> for <paramref name="role"/> in hampshire, made over the API by <paramref name="admin"/>.</summary>
    public static Task<InvitationResponse> InviteAsync(HttpClient admin, string email, TenantRole role) => InviteAsync(admin, "hampshire", email, role);

    /// <summary>An invitation to <paramref name="email"/> for <paramref name="roles"/> in <paramref name="tenant"/>, made over the API by <paramref name="admin"/>.</summary>
    public static async Task<InvitationResponse> InviteAsync(HttpClient admin, string tenant, string email, params TenantRole[] roles) =>
        await (await admin.PostJson($"/api/v1/tenants/{tenant}/invitations", new CreateInvitationRequest(email, roles))).ReadAs<InvitationResponse>(HttpStatusCode.Created);

    /// <summary>The invitation link mailed to <paramref name="email"/> (the hosts write mail to the fixture's mail directory).</summary>
    public static Uri InvitationLink(CaraPlatformFixture fixture, string email) => new(InvitationLinkPattern().Match(MailTo(fixture, email)).Value);

    /// <summary>
    /// The one email sent to <paramref name="email"/>, as the mail dispatcher wrote it to the fixture's mail directory:
    /// it is sent after the request that staged it, so this waits for it (the test host polls every 200 ms).
    /// </summary>
    public static string MailTo(CaraPlatformFixture fixture, string email)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); ; Thread.Sleep(100))
        {
            var files = Directory.Exists(fixture.Web.MailDirectory) ? Directory.GetFiles(fixture.Web.MailDirectory, $"*-{email}.txt") : [];
            if (files.Length > 0) return File.ReadAllText(Assert.Single(files));
            Assert.True(DateTime.UtcNow < deadline, $"No mail reached {email} within 15 seconds.");
        }
    }

    public static Task<TestPerson> MemberAsync(CaraPlatformFixture fixture, string tenantSlug, TenantRole role) =>
        MemberAsync(fixture.Web, fixture.Database, tenantSlug, role);

    /// <summary>A fresh member holding <paramref name="role"/>; a facilitator is also trained, signed off and supervised (<see cref="TrainingRecords.CompetentAsync"/>).</summary>
    public static Task<TestPerson> MemberAsync(WebApplicationFactory<Program> web, PostgresFixture database, string tenantSlug, TenantRole role) =>
        CreateAsync(web, database, tenantSlug, role, "Test person", competent: role == TenantRole.Facilitator);

    /// <summary>A facilitator with nothing on the licence holder's training records.</summary>
    public static Task<TestPerson> UntrainedFacilitatorAsync(CaraPlatformFixture fixture, string tenantSlug) =>
        UntrainedFacilitatorAsync(fixture.Web, fixture.Database, tenantSlug, "Test person");

    /// <summary>A facilitator named <paramref name="displayName"/> with nothing on the licence holder's training records.</summary>
    public static Task<TestPerson> UntrainedFacilitatorAsync(WebApplicationFactory<Program> web, PostgresFixture database, string tenantSlug, string displayName) =>
        CreateAsync(web, database, tenantSlug, TenantRole.Facilitator, displayName, competent: false);

    private static async Task<TestPerson> CreateAsync(
        WebApplicationFactory<Program> web, PostgresFixture database, string tenantSlug, TenantRole role, string displayName, bool competent)
    {
        var email = $"person-{Guid.NewGuid():N}@{tenantSlug}.test";
        var tenant = await database.TenantAsync(tenantSlug);
        using (web.Services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(tenant))
        {
            await using var scope = web.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CaraUser>>();
            var user = new CaraUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            var created = await users.CreateAsync(user, DemoSeed.Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            var db = scope.ServiceProvider.GetRequiredService<CaraDbContext>();
            var membership = new Membership { UserId = user.Id, Roles = [role] };
            db.Memberships.Add(membership);
            if (competent) await TrainingRecords.CompetentAsync(db, user.Id);
            await db.SaveChangesAsync();
            return new TestPerson(email, user.Id, membership.Id);
        }
    }

    [GeneratedRegex(@"https?://\S+/t/[a-z0-9-]+/invitations/\S+")]
    private static partial Regex InvitationLinkPattern();
}
