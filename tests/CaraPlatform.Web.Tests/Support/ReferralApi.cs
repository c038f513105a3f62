namespace CaraPlatform.Web.Tests.Support;

/// <summary>
/// The builder of referral requests over the API: requests that pass every rule, for tests to vary one thing at a time
/// with <c>with</c>, and the same requests as the portal's forms post them. Domain referrals come from
/// <see cref="ReferralBuilder"/>.
/// </summary>
public static class ReferralApi
{
    public static string Url(string tenant) => $"/api/v1/tenants/{tenant}/referrals";

    public static string NewPoliceReference() => $"44/{Random.Shared.Next(10000, 99999)}/{Guid.NewGuid().ToString("N")[..6]}";

    public static readonly IReadOnlyDictionary<string, string> Forces = new Dictionary<string, string>
    {
        ["hampshire"] = "hampshire-and-isle-of-wight",
        ["west-yorkshire"] = "west-yorkshire",
        ["dorset"] = "dorset",
        ["cambridgeshire"] = "cambridgeshire",
        [PostgresFixture.QuietTenant] = "cambridgeshire",
        [PostgresFixture.QaTenant] = "cambridgeshire",
        [PostgresFixture.LicenceTenants[0]] = "cambridgeshire",
        [PostgresFixture.LicenceTenants[1]] = "cambridgeshire",
        [PostgresFixture.UnlicensedTenant] = "cambridgeshire",
        [PostgresFixture.MaterialsTenant] = "cambridgeshire",
        [PostgresFixture.RetentionTenants[0]] = "cambridgeshire",
        [PostgresFixture.RetentionTenants[1]] = "cambridgeshire",
        [PostgresFixture.TwoForceTenant] = "cambridgeshire",
        [PostgresFixture.NationalTenants[0]] = "cambridgeshire",
        [PostgresFixture.NationalTenants[1]] = "cambridgeshire",
        ["leicestershire"] = "leicestershire",
        ["norfolk"] = "norfolk",
        ["thames-valley"] = "thames-valley",
        ["west-midlands"] = "west-midlands",
    };

    public static ScreeningAnswersDto EligibleAnswers(string tenant = "hampshire") => new(
        null, false, false, false, new DashDto(4, DashRisk.Standard, null, null), true, false,
        tenant switch
        {
            "hampshire" => new Dictionary<string, bool> { ["alcohol-drug-dependency"] = false, ["island-travel"] = true },
            "west-yorkshire" => new Dictionary<string, bool> { ["previous-da-intervention"] = false },
            "norfolk" => new Dictionary<string, bool> { ["saturday-travel"] = true },
            "west-midlands" => new Dictionary<string, bool> { ["language-needs"] = true },
            _ => [],
        });

    public static VictimDto Victim() => new(
        "Victoria", "Vale-Secret", OffenceRelationship.CurrentPartner, SafeContactMethod.Phone, "07700 900123", "victoria.secret@example.org",
        "1 Hidden Lane, Southampton", "Weekdays 10:00-12:00", true, "Do not leave voicemail.");

    /// <summary>Distinctive parts of <see cref="Victim"/>, for checking that a page or an answer never shows them.</summary>
    public static readonly IReadOnlyList<string> VictimValues =
        ["Victoria", "Vale-Secret", "07700 900123", "victoria.secret@example.org", "Hidden Lane", "Weekdays 10:00-12:00", "voicemail"];

    public static CreateReferralRequest New(string tenant = "hampshire", string? policeReference = null)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return new CreateReferralRequest(
            policeReference ?? NewPoliceReference(), Forces[tenant], DisposalType.DiversionaryCaution, today.AddDays(-3),
            new OfficerDto("PC Jane Hollis", "HC1234", "jane.hollis@police.example", "01632 960000"),
            new OffenceDto(NationalOffenceTypes.CommonAssault, today.AddDays(-10), OffenceRelationship.CurrentPartner),
            new OffenderDto("Daniel", "Marsh", new DateOnly(1990, 5, 14), Sex.Male, "2 High Street", null, "Southampton", "SO14 5GL",
                "07700 900456", "daniel.marsh@example.org", "en", false, null, true),
            EligibleAnswers(tenant), Victim());
    }

    public static async Task<ReferralResponse> CreateAsync(HttpClient client, string tenant = "hampshire", CreateReferralRequest? request = null) =>
        await (await client.PostJson(Url(tenant), request ?? New(tenant))).ReadAs<ReferralResponse>(HttpStatusCode.Created);

    /// <summary>
    /// A request as a portal form posts it: each field named "Input." and its JSON path (offender.givenName,
    /// eligibility.tenantAnswers[island-travel]), an absent value as an empty field.
    /// </summary>
    public static Dictionary<string, string> FormFields(object request)
    {
        var fields = new Dictionary<string, string>();
        AddField(fields, "Input", request);
        return fields;
    }

    private static void AddField(Dictionary<string, string> fields, string name, object? value)
    {
        switch (value)
        {
            case null: fields[name] = ""; break;
            case string or Enum: fields[name] = value.ToString()!; break;
            case bool flag: fields[name] = flag ? "true" : "false"; break;
            case DateOnly date: fields[name] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); break;
            case IFormattable number: fields[name] = number.ToString(null, CultureInfo.InvariantCulture); break;
            case IDictionary<string, bool> answers:
                foreach (var (code, answer) in answers) AddField(fields, $"{name}[{code}]", answer);
                break;
            default:
                foreach (var property in value.GetType().GetProperties())
                    AddField(fields, $"{name}.{JsonNamingPolicy.CamelCase.ConvertName(property.Name)}", property.GetValue(value));
                break;
        }
    }

    public static async Task<ReferralResponse> MoveAsync(HttpClient client, string tenant, ReferralResponse referral, string move, object body) =>
        await (await client.PostJson($"{Url(tenant)}/{referral.Id}/{move}", body)).ReadAs<ReferralResponse>();
}
