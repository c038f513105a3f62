using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.Tests.Tenants;

public sealed class TenantDefinitionRuleTests
{
    private static readonly TenantDefinition Valid = new()
    {
        Slug = "hampshire",
        Name = "CARA Hampshire & Isle of Wight",
        DeliveryModel = DeliveryModel.LicenceHolder,
        Provider = new ProviderDefinition("The Hampton Trust"),
        Forces = [new ForceDefinition("hampshire-and-isle-of-wight", "Hampshire and Isle of Wight Constabulary")],
        Cohorts = [Cohort.IpvMale, Cohort.IpvFemale, Cohort.NonIpvMale],
        Languages = ["en"],
        Venues =
        [
            new VenueDefinition("southampton-northam", "Itchen Quay Community Centre", "Chapel Road", "Northam", "Southampton", "SO14 5GL", 12, true),
            new VenueDefinition("portsmouth-north-end", "Kingston Crescent Community Hall", "Kingston Crescent", null, "Portsmouth", "PO2 8AD", 12, true),
        ],
        WorkshopDefaults = new WorkshopDefaults(DayOfWeek.Saturday, "10:00", "15:00", 28, 35, 12, true),
        Condition = new ConditionSettings(16, 20, 14, 28),
        DashRiskLevelsAccepted = [DashRiskLevel.Standard, DashRiskLevel.Medium],
        Contact = new ContactDetails("cara@hampshire.demo", "01632 960001"),
        Notifications = new NotificationSettings(),
    };

    [Fact]
    public void A_valid_definition_breaks_no_rule() => Assert.Empty(Valid.RuleErrors());

    [Theory]
    [InlineData(28, 28)]
    [InlineData(28, 35)]
    [InlineData(35, 35)]
    public void Workshops_28_to_35_days_apart_are_allowed(int min, int max) =>
        Assert.Empty((Valid with { WorkshopDefaults = Valid.WorkshopDefaults with { MinDaysApart = min, MaxDaysApart = max } }).RuleErrors());

    [Fact]
    public void Min_days_apart_above_max_is_refused() =>
        AssertOnly(Valid with { WorkshopDefaults = Valid.WorkshopDefaults with { MinDaysApart = 35, MaxDaysApart = 30 } }, "$.workshopDefaults.minDaysApart");

    [Theory]
    [InlineData("15:00", "15:00")]
    [InlineData("15:00", "10:00")]
    [InlineData("10:00", "not a time")]
    public void A_workshop_must_end_after_it_starts(string start, string end) =>
        AssertOnly(Valid with { WorkshopDefaults = Valid.WorkshopDefaults with { StartTime = start, EndTime = end } }, "$.workshopDefaults.endTime");

    [Theory]
    [InlineData("en-GB")]
    [InlineData("ar-SA")]
    [InlineData("fa-IR")]
    [InlineData("ko-KR")]
    public void Times_are_read_as_HH_mm_whatever_the_culture(string culture)
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(culture);
        try
        {
            Assert.Empty(Valid.RuleErrors());
            Assert.True(TenantDefinition.TryParseTime("09:30", out var time));
            Assert.Equal(new TimeOnly(9, 30), time);
            Assert.False(TenantDefinition.TryParseTime("9.30am", out _));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void The_completion_window_cannot_exceed_the_extended_deadline() =>
        AssertOnly(Valid with { Condition = Valid.Condition with { CompletionWeeks = 18, MaxExtendedWeeks = 17 } }, "$.condition.completionWeeks");

    [Fact]
    public void The_extended_deadline_cannot_exceed_20_weeks() =>
        AssertOnly(Valid with { Condition = Valid.Condition with { MaxExtendedWeeks = 21 } }, "$.condition.maxExtendedWeeks");

    [Fact]
    public void Standard_DASH_risk_is_always_accepted() =>
        AssertOnly(Valid with { DashRiskLevelsAccepted = [DashRiskLevel.Medium] }, "$.dashRiskLevelsAccepted");

    [Fact]
    public void English_is_always_offered() =>
        AssertOnly(Valid with { Languages = ["pl"] }, "$.languages");

    [Fact]
    public void Venue_codes_are_unique() =>
        AssertOnly(Valid with { Venues = [Valid.Venues[0], Valid.Venues[0] with { Name = "Another" }] }, "$.venues");

    [Fact]
    public void Force_codes_are_unique() =>
        AssertOnly(Valid with { Forces = [Valid.Forces[0], Valid.Forces[0]] }, "$.forces");

    [Fact]
    public void Extra_offence_and_screening_question_codes_are_unique()
    {
        var errors = (Valid with
        {
            ExtraOffenceTypes = [new CodedItem("malicious-communications", "Malicious communications"), new CodedItem("malicious-communications", "Again")],
            ScreeningQuestions = [new ScreeningQuestion("children", "Are children present?"), new ScreeningQuestion("children", "Again?")],
        }).RuleErrors().Select(e => e.Path).ToList();
        Assert.Equal(["$.extraOffenceTypes", "$.screeningQuestions"], errors);
    }

    [Fact]
    public void A_venue_postcode_must_be_a_UK_postcode() =>
        AssertOnly(Valid with { Venues = [Valid.Venues[0], Valid.Venues[1] with { Postcode = "90210" }] }, "$.venues[1].postcode");

    private static void AssertOnly(TenantDefinition definition, string path)
    {
        var error = Assert.Single(definition.RuleErrors());
        Assert.Equal(path, error.Path);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
