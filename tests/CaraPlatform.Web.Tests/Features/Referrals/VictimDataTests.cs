using System.Net;
using CaraPlatform.Web.Features.Referrals;
using CaraPlatform.Web.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static CaraPlatform.Web.Tests.Support.ReferralApi;

namespace CaraPlatform.Web.Tests.Features.Referrals;

/// <summary>
/// The victim's details reach the victim-contact service and no one else: not through any readable endpoint for
/// the other roles or integration clients, and not as plaintext anywhere in the database.
/// </summary>
[Collection(IntegrationTests.Name)]
public sealed class VictimDataTests(CaraPlatformFixture fixture)
{
    private const string Tenant = "hampshire";

    /// <summary>Every victim value of <see cref="ReferralApi.Victim"/>, each distinctive enough to find anywhere.</summary>
    private static readonly string[] VictimValues = ["Victoria", "Vale-Secret", "07700 900123", "victoria.secret@example.org", "Hidden Lane", "Weekdays 10:00-12:00", "voicemail"];

    [Fact]
    public async Task No_referral_endpoint_shows_a_victim_field_to_facilitators_coordinators_spocs_or_clients()
    {
        var referral = await CreateAsync(await fixture.PersonApiAsync("spoc@hampshire.demo"));
        var readers = new Dictionary<string, HttpClient>
        {
            ["facilitator"] = await fixture.PersonApiAsync("facilitator@hampshire.demo"),
            ["coordinator"] = await fixture.PersonApiAsync("coordinator@hampshire.demo"),
            ["spoc"] = await fixture.PersonApiAsync("spoc@hampshire.demo"),
            ["integration client"] = await fixture.ApiClientAsync(Tenant),
        };
        var urls = TenantGetUrls(referral.Id).ToList();
        Assert.Contains(urls, u => u.EndsWith("/victim", StringComparison.Ordinal));

        foreach (var (who, client) in readers)
        {
            foreach (var url in urls)
            {
                var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                foreach (var value in VictimValues)
                    Assert.False(body.Contains(value, StringComparison.OrdinalIgnoreCase), $"{who} read '{value}' from GET {url} ({(int)response.StatusCode})");
                if (url.EndsWith("/victim", StringComparison.Ordinal))
                    Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }
        }

        // A move answers with the referral: no victim in it either.
        var moved = await (await readers["coordinator"].PostJson($"{Url(Tenant)}/{referral.Id}/start-screening", new VersionRequest(referral.Version)))
            .Content.ReadAsStringAsync();
        Assert.DoesNotContain("Vale-Secret", moved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_victim_contact_worker_and_provider_admin_read_the_details_and_each_view_is_audited()
    {
        var referral = await CreateAsync(await fixture.PersonApiAsync("spoc@hampshire.demo"));
        foreach (var email in new[] { "victim-contact@hampshire.demo", "admin@hampshire.demo" })
        {
            var victim = await (await (await fixture.PersonApiAsync(email)).GetAsync($"{Url(Tenant)}/{referral.Id}/victim")).ReadAs<VictimRecordResponse>();
            Assert.Equal(Victim(), victim.Victim);
        }

        await using var connection = new NpgsqlConnection(fixture.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM audit_events WHERE action = 'victim-details-viewed' AND subject = @subject", connection);
        command.Parameters.AddWithValue("subject", $"referral:{referral.Id}");
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task No_table_holds_a_victim_value_in_plaintext()
    {
        var request = New() with { Victim = Victim() with { FamilyName = "Plaintext-" + Guid.NewGuid().ToString("N")[..8] } };
        var referral = await CreateAsync(await fixture.ApiClientAsync(Tenant), Tenant, request);

        await using var connection = new NpgsqlConnection(fixture.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }

        Assert.Contains("victim_records", tables);
        foreach (var table in tables)
        {
            await using var search = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" t WHERE t::text ILIKE @value", connection);
            search.Parameters.AddWithValue("value", $"%{request.Victim!.FamilyName}%");
            Assert.True((long)(await search.ExecuteScalarAsync())! == 0, $"{table} holds the victim's name in plaintext");
        }

        await using var stored = new NpgsqlCommand("SELECT protected_details FROM victim_records WHERE referral_id = @id", connection);
        stored.Parameters.AddWithValue("id", referral.Id);
        var ciphertext = (string)(await stored.ExecuteScalarAsync())!;
        Assert.DoesNotContain("Victoria", ciphertext, StringComparison.Ordinal);
    }

    /// <summary>Every GET endpoint of the tenant API, with the referral's id where a route asks for one.</summary>
    private IEnumerable<string> TenantGetUrls(Guid referralId) =>
        fixture.Web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/tenants/{tenant}/referrals", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern.RawText!
                .Replace("{tenant}", Tenant, StringComparison.Ordinal)
                .Replace("{referralId:guid}", referralId.ToString(), StringComparison.Ordinal))
            .Distinct();
}
