using CaraPlatform.Domain.Audit;
using CaraPlatform.Web.Features.AuditLog;
using CaraPlatform.Web.Platform.Audit;

namespace CaraPlatform.Web.Tests.Features.AuditLog;

public sealed class AuditLogApiTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";
    private const string Events = $"/api/v1/tenants/{Tenant}/audit-events";

    [Fact]
    public async Task A_DPO_finds_a_referrals_events_by_police_reference_and_by_id_and_the_search_is_audited_once()
    {
        var coordinator = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        var referral = await ReferralApi.CreateAsync(await fixture.ApiClientAsync(Tenant));
        await (await fixture.PersonApiAsync(coordinator.Email)).GetAsync($"/api/v1/tenants/{Tenant}/referrals/{referral.Id}");

        var dpo = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.DataProtectionOfficer);
        var api = await fixture.PersonApiAsync(dpo.Email);
        AuditLogPage? found = null;
        var added = await AuditRows.AddedAsync(fixture, dpo.UserId, async () =>
            found = await (await api.GetAsync($"{Events}?subject={Uri.EscapeDataString(referral.PoliceReference)}")).ReadAs<AuditLogPage>());

        Assert.Contains(found!.Items, e => e.Action == AuditActions.ReferralReceived && e.Subject == AuditEntries.Referral(referral.Id));
        Assert.Contains(found.Items, e => e.Action == AuditActions.ReferralViewed && e.Actor == coordinator.Email);
        var viewed = Assert.Single(added);
        Assert.Equal(AuditActions.AuditLogViewed, viewed.Action);
        Assert.DoesNotContain(referral.PoliceReference, viewed.Detail, StringComparison.Ordinal);

        var byIdAndPerson = await (await api.GetAsync($"{Events}?subject={referral.Id}&person={coordinator.Email}")).ReadAs<AuditLogPage>();
        Assert.Equal([AuditActions.ReferralViewed], byIdAndPerson.Items.Select(e => e.Action));
    }

    [Fact]
    public async Task The_log_pages_by_keyset_and_filters_by_action_and_date()
    {
        var subject = $"test:{Guid.NewGuid():N}";
        await SeedAsync(Tenant, subject, 3);
        var api = await fixture.PersonApiAsync("admin@hampshire.demo");

        var first = await (await api.GetAsync($"{Events}?subject={subject}&limit=2")).ReadAs<AuditLogPage>();
        Assert.Equal(2, first.Items.Count);
        var second = await (await api.GetAsync($"{Events}?subject={subject}&limit=2&cursor={first.NextCursor}")).ReadAs<AuditLogPage>();
        Assert.Null(second.NextCursor);
        Assert.Equal(3, first.Items.Concat(second.Items).Select(e => e.Id).Distinct().Count());

        var today = UkCalendar.DateOf(DateTimeOffset.UtcNow);
        Assert.Equal(3, (await (await api.GetAsync($"{Events}?subject={subject}&action=test-event&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}")).ReadAs<AuditLogPage>()).Items.Count);
        Assert.Empty((await (await api.GetAsync($"{Events}?subject={subject}&action={AuditActions.SignIn}")).ReadAs<AuditLogPage>()).Items);
        Assert.Empty((await (await api.GetAsync($"{Events}?subject={subject}&to={today.AddDays(-1):yyyy-MM-dd}")).ReadAs<AuditLogPage>()).Items);
        Assert.Contains("to", (await (await api.GetAsync($"{Events}?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("cursor", (await (await api.GetAsync($"{Events}?cursor=not-ours")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
    }

    [Fact]
    public async Task A_DPO_reads_only_their_own_tenants_rows_and_never_rows_of_no_tenant()
    {
        var subject = $"test:{Guid.NewGuid():N}";
        await SeedAsync("west-yorkshire", subject, 1);
        await SeedAsync(null, subject, 1);
        var dpo = await fixture.PersonApiAsync("dpo@hampshire.demo");

        Assert.Empty((await (await dpo.GetAsync($"{Events}?subject={subject}")).ReadAs<AuditLogPage>()).Items);
        Assert.DoesNotContain(
            (await (await dpo.GetAsync($"{Events}?limit=200")).ReadAs<AuditLogPage>()).Items,
            e => e.Subject == subject);
        var theirs = await fixture.PersonApiAsync("dpo@west-yorkshire.demo");
        Assert.Single((await (await theirs.GetAsync($"/api/v1/tenants/west-yorkshire/audit-events?subject={subject}")).ReadAs<AuditLogPage>()).Items);
    }

    [Fact]
    public async Task The_CSV_export_holds_the_filtered_rows_with_formula_cells_defused_and_is_audited_once()
    {
        var subject = $"test:{Guid.NewGuid():N}";
        await SeedAsync(Tenant, subject, 1, detail: "=HYPERLINK(\"http://evil.example\",\"click\")");
        var dpo = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.DataProtectionOfficer);
        var api = await fixture.PersonApiAsync(dpo.Email);

        HttpResponseMessage? response = null;
        var added = await AuditRows.AddedAsync(fixture, dpo.UserId, async () => response = await api.GetAsync($"{Events}.csv?subject={subject}"));

        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(AuditLogCsv.Header, lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",", row, StringComparison.Ordinal);
        Assert.Equal(AuditActions.AuditLogExported, Assert.Single(added).Action);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+44", "'+44")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("-1,\"x\"", "\"'-1,\"\"x\"\"\"")]
    [InlineData(null, "")]
    public void A_CSV_cell_is_quoted_when_needed_and_never_read_as_a_formula(string? value, string expected) =>
        Assert.Equal(expected, AuditLogCsv.Cell(value));

    private async Task SeedAsync(string? tenantSlug, string subject, int count, string? detail = null)
    {
        var tenantId = tenantSlug is null ? (Guid?)null : (await fixture.Database.TenantAsync(tenantSlug)).TenantId;
        await using var owner = fixture.Database.SuperuserContext();
        for (var i = 0; i < count; i++)
        {
            owner.AuditEvents.Add(new AuditEvent
            {
                Action = "test-event",
                Outcome = "success",
                TenantId = tenantId,
                Subject = subject,
                Detail = detail,
                OccurredAt = DateTimeOffset.UtcNow.AddSeconds(-i),
            });
        }

        await owner.SaveChangesAsync();
    }
}
