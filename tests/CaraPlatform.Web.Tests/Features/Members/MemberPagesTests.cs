namespace CaraPlatform.Web.Tests.Features.Members;

public sealed class MemberPagesTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task The_last_provider_admin_cannot_be_removed_on_the_page()
    {
        // Cambridgeshire has no demo staff and no other test adds an admin there: ours is its only one.
        var onlyAdmin = await TestPeople.MemberAsync(fixture, "cambridgeshire", TenantRole.ProviderAdmin);
        var admin = await SignedInAsync(onlyAdmin.Email);
        var form = await admin.GetStringAsync("/t/cambridgeshire/admin/members");

        using var refused = await admin.PostAsync("/t/cambridgeshire/admin/members?handler=Remove", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["memberId"] = onlyAdmin.MembershipId.ToString(),
            ["__RequestVerificationToken"] = UserTokens.AntiforgeryToken(form),
        }));

        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("last ProviderAdmin cannot be removed", page, StringComparison.Ordinal);
        Assert.Contains(onlyAdmin.Email, await admin.GetStringAsync("/t/cambridgeshire/admin/members"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_lists_the_open_invitations_the_api_lists_and_not_cancelled_ones()
    {
        var api = await fixture.PersonApiAsync("admin@hampshire.demo");
        var open = await TestPeople.InviteAsync(api, $"open-{Guid.NewGuid():N}@example.org", TenantRole.Coordinator);
        var cancelled = await TestPeople.InviteAsync(api, $"cancelled-{Guid.NewGuid():N}@example.org", TenantRole.Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/api/v1/tenants/hampshire/invitations/{cancelled.Id}")).StatusCode);

        var page = await (await SignedInAsync("admin@hampshire.demo")).GetStringAsync("/t/hampshire/admin/members");
        Assert.Contains(open.Email, page, StringComparison.Ordinal);
        Assert.DoesNotContain(cancelled.Email, page, StringComparison.Ordinal);
    }

    private Task<HttpClient> SignedInAsync(string email) => UserTokens.SignedInBrowserAsync(fixture.Web, email);
}
