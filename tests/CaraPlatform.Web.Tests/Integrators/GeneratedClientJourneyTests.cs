using Cara = CaraPlatform.Client;

namespace CaraPlatform.Web.Tests.Integrators;

/// <summary>
/// A referral from intake to completion through the generated client alone (src/CaraPlatform.Client), as an
/// integrator would drive it: the police's and the provider's steps with a client-credentials token
/// (<see cref="Cara.ClientCredentialsHandler"/>), the registers with a facilitator's own token, since only a facilitator
/// of the run may record them. Avon and Somerset, which no other test uses, with its integration client made as a
/// ProviderAdmin would (<see cref="CaraPlatformFixture.ApiClientAsync"/>: the demo clients exist for two tenants only).
/// </summary>
public sealed class GeneratedClientJourneyTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "avon-and-somerset";

    [Fact]
    public async Task A_referral_goes_from_intake_to_completed_through_the_generated_client()
    {
        using var host = new FakeClockHost(fixture);
        await fixture.ApiClientAsync(Tenant);
        var (first, second) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var provider = Client(new Cara.ClientCredentialsHandler(
            new Uri("http://localhost/connect/token"), $"{Tenant}-integration", "cara-demo-secret", string.Join(" ", ApiScopes.ClientScopes), host.Clock)
        {
            InnerHandler = host.Web.Server.CreateHandler(),
        });
        var today = new DateTimeOffset(UkCalendar.DateOf(host.Clock.GetUtcNow()).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        // The police refer (intake), answering the tenant's own screening questions too.
        var checklist = await provider.GetScreeningChecklistAsync(Tenant);
        var referral = await provider.CreateReferralAsync(Tenant, NewReferral(today, checklist));
        Assert.Equal(Cara.ReferralStatus.Received, referral.Status);
        var id = referral.Id!.Value;

        // The provider screens against the tenant's own checklist, makes first contact, and books a place on a run.
        referral = await provider.StartScreeningAsync(Tenant, id, new Cara.VersionRequest { Version = referral.Version });
        referral = await provider.ScreenReferralAsync(Tenant, id, new Cara.ScreeningDecisionRequest
        {
            Answers = EligibleAnswers(checklist),
            Decision = Cara.ScreeningDecision.Eligible,
            Version = referral.Version,
        });
        Assert.Equal(Cara.ReferralStatus.Eligible, referral.Status);
        referral = await provider.RecordFirstContactAsync(Tenant, id, new Cara.VersionRequest { Version = referral.Version });
        var venue = (await provider.ListVenuesAsync(Tenant)).First(v => v.Capacity >= 12);
        var run = await provider.ScheduleRunAsync(Tenant, new Cara.ScheduleRunRequest
        {
            Cohort = Cara.Cohort.IpvMale,
            Language = "en",
            Delivery = Cara.WorkshopDelivery.Venue,
            VenueId = venue.Id,
            Capacity = 12,
            Workshop1 = new Cara.SessionDto { Date = today.AddDays(7) },
            Workshop2 = new Cara.SessionDto { Date = today.AddDays(35) },
            FacilitatorIds = [first.UserId, second.UserId],
        });
        var booking = await provider.BookReferralAsync(Tenant, run.Id!.Value, new Cara.BookRequest { ReferralId = id });
        Assert.Equal(Cara.ReferralStatus.Booked, (await provider.GetReferralAsync(Tenant, id)).Status);

        // The facilitators take the registers on the workshop days.
        host.Clock.SetUtcNow(run.Workshop1!.StartsAt!.Value.AddMinutes(30));
        await (await FacilitatorAsync(host, first)).RecordRegisterAsync(Tenant, run.Id.Value, Cara.WorkshopNumber.Workshop1, Attended(id));
        Assert.Equal(Cara.ReferralStatus.AttendedWorkshop1, (await provider.GetReferralAsync(Tenant, id)).Status);
        host.Clock.SetUtcNow(run.Workshop2!.StartsAt!.Value.AddHours(4));
        await (await FacilitatorAsync(host, second)).RecordRegisterAsync(Tenant, run.Id.Value, Cara.WorkshopNumber.Workshop2, Attended(id));

        Assert.Equal(Cara.ReferralStatus.Completed, (await provider.GetReferralAsync(Tenant, id)).Status);
        var booked = Assert.Single(await provider.ListReferralBookingsAsync(Tenant, id));
        Assert.Equal((booking.Id, Cara.BookingStatus.Completed), (booked.Id, booked.Status));
    }

    private static Cara.CaraApiClient Client(HttpMessageHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("http://localhost/") });

    /// <summary>A facilitator's client, with their own token (authorization code), signed in on the host's clock.</summary>
    private static async Task<Cara.CaraApiClient> FacilitatorAsync(FakeClockHost host, TestPerson facilitator)
    {
        var token = (await UserTokens.AuthorizationCodeAsync(host.Web, facilitator.Email, password: DemoSeed.Password)).AccessToken;
        var http = host.Web.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Cara.CaraApiClient(http);
    }

    private static Cara.RecordRegisterRequest Attended(Guid referralId) =>
        new() { Entries = [new Cara.RegisterEntryDto { ReferralId = referralId, Mark = Cara.AttendanceMark.Attended }] };

    private static Cara.ScreeningAnswersDto EligibleAnswers(Cara.ScreeningChecklist checklist) => new()
    {
        OnBail = false,
        SubjectToCourtOrderOrCommunitySentence = false,
        EvidenceOfCoerciveOrControllingBehaviour = false,
        Dash = new Cara.DashDto { Score = 4, AssessedLevel = Cara.DashRisk.Standard },
        VictimViewsRecorded = true,
        SpecificRiskToVictimFromCaution = false,
        TenantAnswers = (checklist.TenantQuestions ?? []).ToDictionary(q => q.Code!, _ => false),
    };

    private static Cara.CreateReferralRequest NewReferral(DateTimeOffset today, Cara.ScreeningChecklist checklist) => new()
    {
        PoliceReference = ReferralApi.NewPoliceReference(),
        ForceCode = Tenant,
        DisposalType = Cara.DisposalType.DiversionaryCaution,
        DisposalDate = today.AddDays(-3),
        Officer = new Cara.OfficerDto { Name = "PC Sam Avery", CollarNumber = "AS4411", Email = "sam.avery@police.example" },
        Offence = new Cara.OffenceDto { TypeCode = NationalOffenceTypes.CommonAssault, Date = today.AddDays(-10), Relationship = Cara.OffenceRelationship.CurrentPartner },
        Offender = new Cara.OffenderDto
        {
            GivenName = "Rowan",
            FamilyName = "Tasker",
            DateOfBirth = new DateTimeOffset(1988, 3, 2, 0, 0, 0, TimeSpan.Zero),
            Sex = Cara.Sex.Male,
            AddressLine1 = "4 Mill Lane",
            Town = "Bristol",
            Postcode = "BS2 8XJ",
            PreferredLanguage = "en",
            InterpreterNeeded = false,
        },
        Eligibility = EligibleAnswers(checklist),
        Victim = new Cara.VictimDto
        {
            GivenName = "Morgan",
            FamilyName = "Tasker",
            Relationship = Cara.OffenceRelationship.CurrentPartner,
            SafeContactMethod = Cara.SafeContactMethod.Phone,
            Phone = "07700 900321",
            ContactConsented = true,
        },
    };
}
