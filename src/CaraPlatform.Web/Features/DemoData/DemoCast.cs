using Bogus;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.DemoData;

/// <summary>How one referral's story goes, decided up front so that the same seed always tells the same story.</summary>
/// <param name="IneligibleBecause">The provider's reason for returning it at screening, with answers that fail the rules; null when eligible.</param>
/// <param name="Contactable">False: nobody reaches the offender and the referral goes back to the police.</param>
/// <param name="WithdrawnAfterDays">The police withdraw it this many days after sending it, if it is not booked by then.</param>
/// <param name="Workshop1">The mark on the first run's Workshop 1; a re-booked participant attends both on the second run.</param>
/// <param name="Workshop2">The mark on the first run's Workshop 2.</param>
/// <param name="ScreeningAfter">From receipt until the coordinator starts screening.</param>
/// <param name="FirstContactAfter">From receipt until the offender is first reached.</param>
/// <param name="DecisionAfter">From receipt until the screening decision.</param>
/// <param name="BookingAfter">From the screening decision until the booking.</param>
/// <param name="Feedback">Answers on the five-point scale, one per question, for a participant who completes.</param>
public sealed record DemoScript(
    string? IneligibleBecause, bool Contactable, int? WithdrawnAfterDays, AttendanceMark Workshop1, AttendanceMark Workshop2,
    TimeSpan ScreeningAfter, TimeSpan FirstContactAfter, TimeSpan DecisionAfter, TimeSpan BookingAfter, IReadOnlyList<int> Feedback);

/// <summary>One referral of the history: when the police send it, what they send (and the victim's details beside it), and its script.</summary>
public sealed record DemoReferral(DateTimeOffset ReceivedAt, ReferralDetails Details, VictimDetails Victim, ScreeningAnswers ProviderAnswers, DemoScript Script);

/// <summary>A facilitator the history adds beside <c>facilitator@</c>, since every run needs two different ones.</summary>
public sealed record DemoFacilitator(string Email, string DisplayName);

/// <summary>
/// The people of a demo tenant's last six months, from Bogus with a seed fixed per tenant (en_GB: UK names, streets and
/// the tenant's own postcode districts). The same tenant and day always give the same people and the same shape of
/// history, dated back from that day; nothing here touches the database.
/// </summary>
public sealed class DemoCast
{
    public const int ReferralCount = 60;
    public const int HistoryDays = 182;

    private static readonly Dictionary<string, (string Town, string[] Districts)[]> Areas = new()
    {
        ["hampshire"] =
        [
            ("Southampton", ["SO14", "SO15", "SO16", "SO17", "SO18", "SO19"]), ("Portsmouth", ["PO1", "PO2", "PO3", "PO4", "PO6"]),
            ("Basingstoke", ["RG21", "RG22", "RG24"]), ("Winchester", ["SO22", "SO23"]), ("Eastleigh", ["SO50"]), ("Havant", ["PO9"]),
            ("Fareham", ["PO14", "PO15", "PO16"]), ("Andover", ["SP10", "SP11"]), ("Newport", ["PO30"]), ("Aldershot", ["GU11", "GU12"]),
        ],
        ["west-yorkshire"] =
        [
            ("Leeds", ["LS4", "LS6", "LS8", "LS9", "LS11", "LS12", "LS14"]), ("Bradford", ["BD3", "BD5", "BD7", "BD8", "BD9"]),
            ("Huddersfield", ["HD1", "HD2", "HD3", "HD5"]), ("Wakefield", ["WF1", "WF2", "WF4"]), ("Halifax", ["HX1", "HX2", "HX3"]),
            ("Dewsbury", ["WF12", "WF13"]), ("Keighley", ["BD20", "BD21"]),
        ],
    };

    private static readonly string[] OffenceTypes =
    [
        NationalOffenceTypes.CommonAssault, NationalOffenceTypes.CommonAssault, NationalOffenceTypes.CommonAssault,
        NationalOffenceTypes.CriminalDamage, NationalOffenceTypes.CriminalDamage, NationalOffenceTypes.ThreateningBehaviour,
        NationalOffenceTypes.Harassment, NationalOffenceTypes.DomesticTheft,
    ];

    /// <summary>
    /// Days back from today on which the newest referrals arrive, so that every early state is on show: two not yet
    /// picked up, two being screened, one screened and waiting for a place.
    /// </summary>
    private static readonly int[] RecentAges = [1, 1, 3, 5, 10];

    private DemoCast(IReadOnlyList<DemoReferral> referrals, IReadOnlyList<DemoFacilitator> facilitators)
    {
        Referrals = referrals;
        Facilitators = facilitators;
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<DemoReferral> Referrals { get; }

    public IReadOnlyList<DemoFacilitator> Facilitators { get; }

    /// <summary>The cast of <paramref name="tenant"/> for a history that ends on <paramref name="today"/>.</summary>
    public static DemoCast For(TenantDefinition tenant, string emailDomain, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var faker = new Faker("en_GB") { Random = new Randomizer(SeedOf(tenant.Slug)) };
        var facilitators = Enumerable.Range(0, 3).Select(_ =>
        {
            var (given, family) = (faker.Name.FirstName(), faker.Name.LastName());
            return new DemoFacilitator($"{given}.{family}@{emailDomain}".ToLowerInvariant().Replace(' ', '-').Replace("'", "", StringComparison.Ordinal), $"{given} {family}");
        }).ToList();

        var ages = RecentAges.Concat(Enumerable.Range(0, ReferralCount - RecentAges.Length).Select(_ => faker.Random.Int(12, HistoryDays)))
            .OrderByDescending(a => a).ToList();
        var references = new HashSet<string>(StringComparer.Ordinal);
        var referrals = ages.Select((age, i) => Referral(faker, tenant, today.AddDays(-age), i, references)).ToList();
        return new DemoCast(referrals, facilitators);
    }

    /// <summary>A seed from the slug that, unlike <see cref="string.GetHashCode()"/>, is the same in every process (FNV-1a).</summary>
    private static int SeedOf(string slug)
    {
        var hash = 2166136261u;
        foreach (var c in slug) hash = unchecked((hash ^ c) * 16777619u);
        return unchecked((int)hash);
    }

    private static DemoReferral Referral(Faker f, TenantDefinition tenant, DateOnly receivedOn, int index, HashSet<string> references)
    {
        var receivedAt = UkCalendar.At(receivedOn, new TimeOnly(f.Random.Int(8, 17), f.Random.Int(0, 59))).ToUniversalTime();
        var disposal = receivedOn.AddDays(-f.Random.Int(1, 6));
        var offenceDate = disposal.AddDays(-f.Random.Int(1, 21));
        var sex = f.Random.Bool(0.82f) ? Sex.Male : Sex.Female;
        // Women's groups are for partners: a woman's family offence would have no group, which the rules catch at screening.
        var relationship = f.Random.WeightedRandom(
            [OffenceRelationship.CurrentPartner, OffenceRelationship.FormerPartner, OffenceRelationship.Parent, OffenceRelationship.Sibling, OffenceRelationship.Child],
            [0.55f, 0.25f, 0.08f, 0.07f, 0.05f]);
        var given = f.Name.FirstName(sex == Sex.Male ? Bogus.DataSets.Name.Gender.Male : Bogus.DataSets.Name.Gender.Female);
        var family = f.Name.LastName();
        var (town, districts) = f.PickRandom(Areas[tenant.Slug]);
        var postcode = $"{f.PickRandom(districts)} {f.Random.Int(1, 9)}{f.Random.String2(2, "ABDEFGHJLNPQRSTUWXYZ")}";
        var offender = new Offender(given, family, offenceDate.AddYears(-f.Random.Int(19, 58)).AddDays(-f.Random.Int(0, 364)), sex)
        {
            AddressLine1 = f.Address.StreetAddress(),
            Town = town,
            Postcode = postcode,
            Phone = Phone(f),
            Email = f.Random.Bool(0.6f) ? f.Internet.Email(given, family, "example.org") : null,
            ChildrenInHousehold = f.Random.Bool(0.4f),
            AccessibilityNeeds = f.Random.Bool(0.08f) ? f.PickRandom("Uses a wheelchair: step-free venue needed", "Dyslexic: prefers material read aloud", "Hard of hearing: sit near the facilitators") : null,
            Ethnicity = f.Random.Bool(0.85f) ? f.PickRandom<CodedItem>(EthnicityCodes.All).Code : null,
        };

        string reference;
        do reference = PoliceReference(f, tenant.Slug, offenceDate);
        while (!references.Add(reference));
        var (officerGiven, officerFamily) = (f.Name.FirstName(), f.Name.LastName());
        var officer = new ReferringOfficer(
            $"{f.PickRandom("PC", "PC", "PC", "DC", "Sgt")} {officerGiven} {officerFamily}", $"{f.Random.Int(1000, 9999)}",
            $"{officerGiven}.{officerFamily}@{tenant.Slug.Replace("-", "", StringComparison.Ordinal)}.police.example".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal),
            null);
        var offence = new Offence(f.PickRandom(OffenceTypes), offenceDate, relationship);
        var policeAnswers = new ScreeningAnswers
        {
            OnBail = false,
            SubjectToCourtOrderOrCommunitySentence = false,
            EvidenceOfCoerciveOrControllingBehaviour = false,
            Dash = new DashAssessment(f.Random.Int(0, 9), DashRisk.Standard),
            VictimViewsRecorded = true,
            SpecificRiskToVictimFromCaution = false,
            TenantAnswers = tenant.ScreeningQuestions.ToDictionary(q => q.Code, q => q.Code == "island-travel" || f.Random.Bool(0.05f)),
        };

        var (reason, providerAnswers) = Screening(f, tenant, sex, offence, policeAnswers);
        var victimFamily = relationship == OffenceRelationship.CurrentPartner && f.Random.Bool(0.5f) ? family : f.Name.LastName();
        var victimSex = relationship is OffenceRelationship.CurrentPartner or OffenceRelationship.FormerPartner
            ? sex == Sex.Male ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male
            : f.PickRandom<Bogus.DataSets.Name.Gender>();
        var contactMethod = f.PickRandom(SafeContactMethod.Phone, SafeContactMethod.Phone, SafeContactMethod.TextMessage, SafeContactMethod.Email);
        var victimGiven = f.Name.FirstName(victimSex);
        var victim = new VictimDetails(
            victimGiven, victimFamily, relationship, contactMethod, Phone(f),
            contactMethod == SafeContactMethod.Email ? f.Internet.Email(victimGiven, victimFamily, "example.org") : null, null,
            f.PickRandom("Weekdays 10:00-12:00", "Weekday afternoons", "After 18:00", "Any time; no voicemail"), f.Random.Bool(0.85f),
            f.Random.Bool(0.3f) ? "Do not leave voicemail." : null);

        var script = new DemoScript(
            reason,
            Contactable: reason is not null || f.Random.Bool(0.92f),
            // One in twenty: the police think again while the provider is still screening or booking.
            WithdrawnAfterDays: index % 20 == 7 ? f.Random.Int(5, 9) : null,
            Workshop1: f.Random.WeightedRandom([AttendanceMark.Attended, AttendanceMark.Absent, AttendanceMark.LateRefusedEntry], [0.88f, 0.08f, 0.04f]),
            Workshop2: f.Random.WeightedRandom([AttendanceMark.Attended, AttendanceMark.Absent, AttendanceMark.LateRefusedEntry], [0.9f, 0.07f, 0.03f]),
            ScreeningAfter: TimeSpan.FromDays(2) + TimeSpan.FromMinutes(f.Random.Int(0, 300)),
            FirstContactAfter: TimeSpan.FromDays(f.Random.Int(2, 5)) + TimeSpan.FromMinutes(f.Random.Int(0, 400)),
            DecisionAfter: TimeSpan.FromDays(f.Random.Int(6, 9)) + TimeSpan.FromMinutes(f.Random.Int(0, 400)),
            BookingAfter: TimeSpan.FromDays(f.Random.Int(2, 5)) + TimeSpan.FromMinutes(f.Random.Int(0, 300)),
            Feedback: [.. Enumerable.Range(0, 6).Select(_ => f.Random.WeightedRandom([5, 4, 3, 2], [0.45f, 0.4f, 0.1f, 0.05f]))]);

        var details = new ReferralDetails(reference, tenant.Forces[0].Code, DisposalType.DiversionaryCaution, disposal, officer, offence, offender, policeAnswers);
        return new DemoReferral(receivedAt, details, victim, providerAnswers, script);
    }

    /// <summary>
    /// About one in ten referrals fails screening for a reason the provider finds that the police did not assert; a
    /// woman's family offence fails on the rules alone, since no group could take her.
    /// </summary>
    private static (string? Reason, ScreeningAnswers Answers) Screening(Faker f, TenantDefinition tenant, Sex sex, Offence offence, ScreeningAnswers police)
    {
        if (Cohorts.For(sex, offence.IsIpv) is not { } cohort || !tenant.Cohorts.Contains(cohort))
            return ("No group runs for this offender: CARA groups are single-sex and women's groups are for partner offences", police);
        if (!f.Random.Bool(0.1f)) return (null, police);
        return f.Random.Int(0, 2) switch
        {
            0 => ("The victim-contact service heard of monitoring of the victim's phone and money: coercive control",
                police with { EvidenceOfCoerciveOrControllingBehaviour = true }),
            1 => ("The offender is on police bail for another matter", police with { OnBail = true }),
            _ => ("DASH reassessed at screening: high risk, MARAC referral made",
                police with { Dash = new DashAssessment(police.Dash.Score + 8, DashRisk.Standard, DashRisk.High, "Escalation reported by the victim") }),
        };
    }

    /// <summary>Numbers in Ofcom's range kept for drama (07700 900000–900999), so no real phone is ever rung.</summary>
    private static string Phone(Faker f) => $"07700 900{f.Random.Int(0, 999):000}";

    /// <summary>Each force's own shape of crime reference: Hampshire's "44/12345/26", West Yorkshire's "13260123456".</summary>
    private static string PoliceReference(Faker f, string slug, DateOnly offenceDate) => slug switch
    {
        "west-yorkshire" => $"13{offenceDate.Year % 100:00}{f.Random.Int(0, 9_999_999):0000000}",
        _ => $"44/{f.Random.Int(10000, 99999)}/{offenceDate.Year % 100:00}",
    };
}
