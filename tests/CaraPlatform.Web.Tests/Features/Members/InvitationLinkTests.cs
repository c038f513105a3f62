namespace CaraPlatform.Web.Tests.Features.Members;

public sealed partial class InvitationLinkTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task The_emailed_link_points_at_the_configured_public_address_not_at_the_host_the_request_named()
    {
        using var web = fixture.Web.WithWebHostBuilder(b => b.UseSetting("Cara:PublicUrl", "https://cara.example.org/"));
        var admin = await TestPeople.MemberAsync(web, fixture.Database, "hampshire", TenantRole.ProviderAdmin);
        using var browser = web.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://evil.example/"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
        Assert.Equal(HttpStatusCode.Redirect, (await UserTokens.SignInAsync(browser, admin.Email, DemoSeed.Password)).StatusCode);

        var page = await UserTokens.GetOkAsync(browser, "/t/hampshire/admin/members");
        var email = $"invited-{Guid.NewGuid():N}@example.org";
        var invite = await browser.PostAsync("/t/hampshire/admin/members?handler=Invite",
            UserTokens.Form(page, [new("InviteEmail", email), new("InviteRoles", nameof(TenantRole.Facilitator))]));
        Assert.Equal(HttpStatusCode.OK, invite.StatusCode);

        // Either host's dispatcher may send it: both write to the fixture's mail directory.
        var letter = TestPeople.MailTo(fixture, email);
        Assert.StartsWith("https://cara.example.org/t/hampshire/invitations/", InvitationLink().Match(letter).Value, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", letter, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/t/[a-z0-9-]+/invitations/\S+")]
    private static partial Regex InvitationLink();
}
