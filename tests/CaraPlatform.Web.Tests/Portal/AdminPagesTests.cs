using System.Net;
using System.Text.RegularExpressions;
using CaraPlatform.Domain.Access;
using CaraPlatform.Web.Platform;
using CaraPlatform.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaraPlatform.Web.Tests.Portal;

[Collection(IntegrationTests.Name)]
public sealed partial class AdminPagesTests(CaraPlatformFixture fixture)
{
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

    [Fact]
    public async Task A_client_created_on_the_page_shows_a_working_secret_once()
    {
        var admin = await SignedInAsync("admin@hampshire.demo");
        var form = await admin.GetStringAsync("/t/hampshire/admin/clients");
        var name = $"Records system {Guid.NewGuid():N}"[..30];

        using var created = await admin.PostAsync("/t/hampshire/admin/clients?handler=Create", new FormUrlEncodedContent(
        [
            new("Name", name),
            new("Scopes", ApiScopes.VenuesRead),
            new("Scopes", ApiScopes.VenuesWrite),
            new("__RequestVerificationToken", UserTokens.AntiforgeryToken(form)),
        ]));
        var page = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("it will not be shown again", page, StringComparison.Ordinal);
        Assert.True(created.Headers.CacheControl?.NoStore);
        var clientId = IssuedValue("issued-client-id").Match(page).Groups[1].Value;
        var secret = IssuedValue("issued-client-secret").Match(page).Groups[1].Value;
        Assert.NotEmpty(secret);

        var token = await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), clientId, secret, ApiScopes.VenuesRead);
        Assert.NotEmpty(token);

        var list = await admin.GetStringAsync("/t/hampshire/admin/clients");
        Assert.Contains(clientId, list, StringComparison.Ordinal);
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
    }

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

    private Task<HttpClient> SignedInAsync(string email) => UserTokens.SignedInBrowserAsync(fixture.Web, email);

    private static Regex IssuedValue(string id) => new($"id=\"{id}\" class=\"secret\">([^<]+)<");
}
