namespace CaraPlatform.Web.Tests.Features.Licences;

public sealed class LicencePagesTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private static readonly string WarnedTenant = PostgresFixture.LicenceTenants[1];

    private Task<HttpClient> SignedInAsync(string email) => UserTokens.SignedInBrowserAsync(fixture.Web, email);

    /// <summary>A signed-in person without the role is sent to the access-denied page.</summary>
    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("denied", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<Guid> LicenceIdAsync(string tenant)
    {
        var tenantId = (await fixture.Database.TenantAsync(tenant)).TenantId;
        await using var db = fixture.Database.AppContext(null);
        return await db.Licences.Where(l => l.TenantId == tenantId).Select(l => l.Id).SingleAsync();
    }

    [Fact]
    public async Task The_licence_admin_lists_every_service_and_amends_a_licence_through_its_form_and_a_stale_form_is_refused()
    {
        var admin = await SignedInAsync("licence-admin@hamptontrust.demo");
        var list = await admin.GetStringAsync("/national/licences");
        Assert.Contains("data-tenant=\"hampshire\"", list, StringComparison.Ordinal);
        Assert.Contains("Active", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/national/licences\"", await admin.GetStringAsync("/national"), StringComparison.Ordinal);

        var id = await LicenceIdAsync(WarnedTenant);
        var form = await admin.GetStringAsync($"/national/licences/{id}/edit");
        var version = Regex.Match(form, "name=\"Input.version\" value=\"(\\d+)\"").Groups[1].Value;
        Dictionary<string, string> Fields(string conditions) => new()
        {
            ["__RequestVerificationToken"] = UserTokens.AntiforgeryToken(form),
            ["Input.version"] = version,
            ["Input.licensee"] = "Cambridgeshire Partnership CIC",
            ["Input.commissioningBody"] = "The Police and Crime Commissioner for Cambridgeshire",
            ["Input.forces"] = "cambridgeshire",
            ["Input.startsOn.day"] = "1",
            ["Input.startsOn.month"] = "1",
            ["Input.startsOn.year"] = "2000",
            ["Input.endsOn.day"] = "31",
            ["Input.endsOn.month"] = "12",
            ["Input.endsOn.year"] = "2099",
            ["Input.deliveryModel"] = "Partner",
            ["Input.languages"] = "en",
            ["Input.cohorts"] = "IpvMale",
            ["Input.conditions"] = conditions,
        };

        using var saved = await admin.PostAsync($"/national/licences/{id}/edit", new FormUrlEncodedContent(Fields("Annual return")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await admin.GetStringAsync(saved.Headers.Location!.ToString());
        Assert.Contains("Cambridgeshire Partnership CIC", page, StringComparison.Ordinal);
        Assert.Contains("licensee:", page, StringComparison.Ordinal);

        using var stale = await admin.PostAsync($"/national/licences/{id}/edit", new FormUrlEncodedContent(Fields("Monthly return")));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else changed the licence", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_platform_roles_read_licences_but_cannot_change_them()
    {
        var trainer = await SignedInAsync("trainer@hamptontrust.demo");
        var id = await LicenceIdAsync(WarnedTenant);
        var page = await trainer.GetStringAsync($"/national/licences/{id}");
        Assert.Contains("id=\"history\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"status-form\"", page, StringComparison.Ordinal);
        AssertDenied(await trainer.GetAsync($"/national/licences/{id}/edit"));
    }

    [Fact]
    public async Task The_provider_admin_reads_its_own_licence_and_other_staff_do_not()
    {
        var providerAdmin = await TestPeople.MemberAsync(fixture, WarnedTenant, TenantRole.ProviderAdmin);
        var browser = await SignedInAsync(providerAdmin.Email);
        var page = await browser.GetStringAsync($"/t/{WarnedTenant}/licence");
        Assert.Contains("id=\"licensee\"", page, StringComparison.Ordinal);
        // Forces by the names people know them by, not the codes of the tenant file.
        Assert.Contains("Cambridgeshire Constabulary", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"history\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/t/{WarnedTenant}/licence\"", await browser.GetStringAsync($"/t/{WarnedTenant}"), StringComparison.Ordinal);

        var coordinator = await TestPeople.MemberAsync(fixture, WarnedTenant, TenantRole.Coordinator);
        AssertDenied(await (await SignedInAsync(coordinator.Email)).GetAsync($"/t/{WarnedTenant}/licence"));
    }
}
