using CaraPlatform.Web.Features.Referrals;
using Npgsql;

namespace CaraPlatform.Web.Tests.Features.Referrals;

/// <summary>
/// The search of a tenant's referrals by police reference, offender's name or date of birth: within the tenant and the
/// caller's reach, paged, and audited without what was typed.
/// </summary>
public sealed class ReferralSearchTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";

    [Fact]
    public async Task The_referrals_page_finds_by_reference_by_part_of_the_family_name_in_any_case_and_by_date_of_birth()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var family = UniqueName();
        var born = new DateOnly(1950 + Random.Shared.Next(40), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28));
        var wanted = await ReferralApi.CreateAsync(api, Tenant, Named(ReferralApi.New(Tenant), family, born));
        var other = await ReferralApi.CreateAsync(api, Tenant, Named(ReferralApi.New(Tenant), family, born.AddDays(1)));
        var stranger = await ReferralApi.CreateAsync(api, Tenant);
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, "coordinator@hampshire.demo");

        var byReference = await UserTokens.GetOkAsync(browser, $"/t/{Tenant}/referrals?q={Uri.EscapeDataString(wanted.PoliceReference[3..])}");
        Assert.Contains(wanted.PoliceReference, byReference, StringComparison.Ordinal);
        Assert.DoesNotContain(other.PoliceReference, byReference, StringComparison.Ordinal);

        var byName = await UserTokens.GetOkAsync(browser, $"/t/{Tenant}/referrals?q={family[2..^2].ToLowerInvariant()}");
        Assert.Contains(wanted.PoliceReference, byName, StringComparison.Ordinal);
        Assert.Contains(other.PoliceReference, byName, StringComparison.Ordinal);
        Assert.DoesNotContain(stranger.PoliceReference, byName, StringComparison.Ordinal);

        var byFullName = await UserTokens.GetOkAsync(browser, $"/t/{Tenant}/referrals?q={Uri.EscapeDataString("daniel " + family.ToUpperInvariant())}");
        Assert.Contains(wanted.PoliceReference, byFullName, StringComparison.Ordinal);

        // Name and date of birth together, the date typed into the three boxes as a person would.
        var byBirth = await UserTokens.GetOkAsync(browser,
            $"/t/{Tenant}/referrals?q={family}&dateOfBirth.day={born.Day}&dateOfBirth.month={born.Month}&dateOfBirth.year={born.Year}");
        Assert.Contains(wanted.PoliceReference, byBirth, StringComparison.Ordinal);
        Assert.DoesNotContain(other.PoliceReference, byBirth, StringComparison.Ordinal);

        // A date that is not one is named at its field, and nothing is searched.
        var wrong = await UserTokens.GetOkAsync(browser, $"/t/{Tenant}/referrals?dateOfBirth.day=31&dateOfBirth.month=2&dateOfBirth.year=1990");
        Assert.Contains("Date of birth must be a real date", wrong, StringComparison.Ordinal);
        Assert.Contains("href=\"#f-dateOfBirth\"", wrong, StringComparison.Ordinal);
        Assert.Contains("id=\"f-dateOfBirth-error\"", wrong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_referral_is_never_found_and_the_victim_is_never_searched()
    {
        var family = UniqueName();
        var born = new DateOnly(1985, 2, 3);
        var own = await ReferralApi.CreateAsync(await fixture.ApiClientAsync(Tenant), Tenant, Named(ReferralApi.New(Tenant), family, born));
        var theirs = await ReferralApi.CreateAsync(await fixture.ApiClientAsync("west-yorkshire"), "west-yorkshire",
            Named(ReferralApi.New("west-yorkshire"), family, born));

        var found = await SearchAsync(await fixture.ApiClientAsync(Tenant), $"q={family}");
        Assert.Equal([own.Id], found.Items.Select(i => i.Id));
        var page = await UserTokens.GetOkAsync(await UserTokens.SignedInBrowserAsync(fixture.Web, "admin@hampshire.demo"), $"/t/{Tenant}/referrals?q={family}");
        Assert.Contains(own.PoliceReference, page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.PoliceReference, page, StringComparison.Ordinal);

        // The victim's name is stored encrypted: searching for it finds nothing.
        Assert.Empty((await SearchAsync(await fixture.ApiClientAsync(Tenant), "q=Vale-Secret")).Items);
    }

    [Fact]
    public async Task A_facilitator_finds_only_the_participants_of_their_own_runs()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var family = UniqueName();
        var (mine, colleague) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var run = await WorkshopApi.ScheduleAsync(api, Tenant, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(18), mine.UserId, colleague.UserId);
        var participant = await WorkshopApi.EligibleAsync(api, Tenant, Named(ReferralApi.New(Tenant), family, new DateOnly(1991, 7, 8)));
        await WorkshopApi.BookAsync(api, Tenant, run, participant);
        var unbooked = await ReferralApi.CreateAsync(api, Tenant, Named(ReferralApi.New(Tenant), family, new DateOnly(1991, 7, 8)));

        var found = await SearchAsync(await fixture.PersonApiAsync(mine.Email), $"q={family}");
        Assert.Equal([participant.Id], found.Items.Select(i => i.Id));
        var page = await UserTokens.GetOkAsync(await UserTokens.SignedInBrowserAsync(fixture.Web, mine.Email), $"/t/{Tenant}/referrals?q={family}");
        Assert.Contains(participant.PoliceReference, page, StringComparison.Ordinal);
        Assert.DoesNotContain(unbooked.PoliceReference, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_is_paged_and_each_page_is_audited_without_the_name_typed()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var family = UniqueName();
        var made = new List<Guid>();
        for (var i = 0; i < 3; i++) made.Add((await ReferralApi.CreateAsync(api, Tenant, Named(ReferralApi.New(Tenant), family, new DateOnly(1980, 1, 1)))).Id);
        var coordinator = await fixture.PersonApiAsync("coordinator@hampshire.demo");
        var before = await SearchAuditsAsync();

        var first = await SearchAsync(coordinator, $"q={family}&limit=2");
        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.NextCursor);
        var second = await SearchAsync(coordinator, $"q={family}&limit=2&cursor={Uri.EscapeDataString(first.NextCursor!)}");
        Assert.Single(second.Items);
        Assert.Null(second.NextCursor);
        Assert.Equal(made.Order(), first.Items.Concat(second.Items).Select(i => i.Id).Order());

        var audits = (await SearchAuditsAsync()).ExceptBy(before.Select(b => b.Id), a => a.Id).Select(a => a.Subject).ToList();
        Assert.Contains("referrals:search by text; 2 shown, more on later pages", audits);
        Assert.Contains("referrals:search by text; 1 shown", audits);
        Assert.DoesNotContain(audits, a => a.Contains(family, StringComparison.OrdinalIgnoreCase));

        // A plain list is not a search and is not audited as one.
        await SearchAsync(coordinator, "limit=1");
        Assert.Equal(before.Count + 2, (await SearchAuditsAsync()).Count);
    }

    /// <summary>A family name no other referral has: letters only, as names are.</summary>
    private static string UniqueName() => "Srch" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + (c % 26))));

    private static CreateReferralRequest Named(CreateReferralRequest request, string family, DateOnly born) =>
        request with { Offender = request.Offender! with { FamilyName = family, DateOfBirth = born } };

    private static async Task<ReferralPage> SearchAsync(HttpClient client, string query) =>
        await (await client.GetAsync($"{ReferralApi.Url(Tenant)}?{query}")).ReadAs<ReferralPage>();

    private async Task<List<(Guid Id, string Subject)>> SearchAuditsAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, subject FROM audit_events WHERE action = 'referrals-searched'", connection);
        var rows = new List<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetGuid(0), reader.GetString(1)));
        return rows;
    }
}
