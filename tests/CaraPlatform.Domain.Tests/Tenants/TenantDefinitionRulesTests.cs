namespace CaraPlatform.Domain.Tests.Tenants;

public sealed class TenantDefinitionRulesTests
{
    private static readonly TenantDefinition Hampshire = TenantDefinitionBuilder.Hampshire();

    [Fact]
    public void Hampshire_breaks_no_rule() => Assert.Empty(Hampshire.RuleErrors());

    [Theory]
    [InlineData(28, 35)]
    [InlineData(28, 28)]
    [InlineData(35, 35)]
    [InlineData(30, 31)]
    public void Workshops_may_be_28_to_35_days_apart(int minDaysApart, int maxDaysApart) =>
        Assert.Empty(WithDaysApart(minDaysApart, maxDaysApart).RuleErrors());

    [Theory]
    [InlineData(29, 28)]
    [InlineData(35, 28)]
    [InlineData(35, 34)]
    public void Min_days_apart_cannot_exceed_max_days_apart(int minDaysApart, int maxDaysApart)
    {
        var error = AssertSingleError(WithDaysApart(minDaysApart, maxDaysApart), "$.workshopDefaults.minDaysApart");
        Assert.Contains($"maxDaysApart ({maxDaysApart})", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10:00", "15:00")]
    [InlineData("10:00", "10:01")]
    [InlineData("00:00", "23:59")]
    public void A_workshop_that_ends_after_it_starts_is_allowed(string startTime, string endTime) =>
        Assert.Empty(WithTimes(startTime, endTime).RuleErrors());

    [Theory]
    [InlineData("10:00", "10:00")]
    [InlineData("15:00", "15:00")]
    [InlineData("15:00", "10:00")]
    [InlineData("10:01", "10:00")]
    [InlineData("22:00", "02:00")] // workshops do not run past midnight
    public void A_workshop_must_end_after_it_starts(string startTime, string endTime) =>
        AssertSingleError(WithTimes(startTime, endTime), "$.workshopDefaults.endTime");

    [Theory]
    [InlineData("")]
    [InlineData("not a time")]
    [InlineData("24:00")]
    [InlineData("15:60")]
    [InlineData("3 PM")]
    [InlineData("15.00")]
    [InlineData("15:00:00")]
    public void An_end_time_that_is_not_HH_mm_is_refused_at_endTime(string endTime) =>
        AssertSingleError(WithTimes("10:00", endTime), "$.workshopDefaults.endTime");

    [Theory]
    [InlineData("")]
    [InlineData("ten")]
    [InlineData("9:30")]
    [InlineData("10:00 AM")]
    public void A_start_time_that_is_not_HH_mm_is_refused_at_startTime(string startTime) =>
        AssertSingleError(WithTimes(startTime, "15:00"), "$.workshopDefaults.startTime");

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
            Assert.Empty(Hampshire.RuleErrors());
            Assert.True(TenantDefinition.TryParseTime("09:30", out var time));
            Assert.Equal(new TimeOnly(9, 30), time);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("00:00", 0, 0)]
    [InlineData("09:30", 9, 30)]
    [InlineData("23:59", 23, 59)]
    public void A_tenant_file_time_is_read_as_HH_mm(string value, int hour, int minute)
    {
        Assert.True(TenantDefinition.TryParseTime(value, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    [Theory]
    [InlineData(16, 20)]
    [InlineData(20, 20)]
    [InlineData(1, 1)]
    public void The_completion_window_may_reach_the_extended_deadline(int completionWeeks, int maxExtendedWeeks) =>
        Assert.Empty(WithCondition(completionWeeks, maxExtendedWeeks).RuleErrors());

    [Theory]
    [InlineData(17, 16)]
    [InlineData(20, 19)]
    public void The_completion_window_cannot_exceed_the_extended_deadline(int completionWeeks, int maxExtendedWeeks)
    {
        var error = AssertSingleError(WithCondition(completionWeeks, maxExtendedWeeks), "$.condition.completionWeeks");
        Assert.Contains($"maxExtendedWeeks ({maxExtendedWeeks})", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(52)]
    public void The_extended_deadline_cannot_exceed_the_statutory_20_weeks(int maxExtendedWeeks)
    {
        var error = AssertSingleError(WithCondition(16, maxExtendedWeeks), "$.condition.maxExtendedWeeks");
        Assert.Contains("20 weeks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_completion_window_beyond_the_statutory_maximum_breaks_both_condition_rules() =>
        AssertErrorPaths(WithCondition(22, 21), "$.condition.completionWeeks", "$.condition.maxExtendedWeeks");

    [Fact]
    public void Standard_DASH_risk_alone_is_allowed() =>
        Assert.Empty((Hampshire with { DashRiskLevelsAccepted = [DashRiskLevel.Standard] }).RuleErrors());

    [Fact]
    public void Standard_DASH_risk_must_be_accepted() =>
        AssertSingleError(Hampshire with { DashRiskLevelsAccepted = [DashRiskLevel.Medium] }, "$.dashRiskLevelsAccepted");

    [Fact]
    public void Accepting_no_DASH_risk_level_is_refused() =>
        AssertSingleError(Hampshire with { DashRiskLevelsAccepted = [] }, "$.dashRiskLevelsAccepted");

    [Theory]
    [InlineData("en", "cy")]
    [InlineData("cy", "en")]
    [InlineData("pl", "en")]
    public void English_may_be_offered_alongside_other_languages(string first, string second) =>
        Assert.Empty((Hampshire with { Languages = [first, second] }).RuleErrors());

    [Fact]
    public void English_must_be_offered() =>
        AssertSingleError(Hampshire with { Languages = ["cy", "pl"] }, "$.languages");

    [Fact]
    public void Offering_no_language_is_refused() =>
        AssertSingleError(Hampshire with { Languages = [] }, "$.languages");

    [Fact]
    public void Venue_codes_are_unique()
    {
        var copy = Hampshire.Venues[0] with { Name = "Itchen Quay Community Centre (upstairs)" };
        var error = AssertSingleError(Hampshire with { Venues = [.. Hampshire.Venues, copy] }, "$.venues");
        Assert.Contains("'southampton-northam'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Force_codes_are_unique()
    {
        var force = new ForceDefinition("thames-valley", "Thames Valley Police");
        var error = AssertSingleError(Hampshire with { Forces = [force, .. Hampshire.Forces, force] }, "$.forces");
        Assert.Contains("'thames-valley'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_forces_with_distinct_codes_are_allowed() =>
        Assert.Empty((Hampshire with { Forces = [.. Hampshire.Forces, new ForceDefinition("thames-valley", "Thames Valley Police")] }).RuleErrors());

    [Fact]
    public void Extra_offence_type_codes_are_unique()
    {
        var again = Hampshire.ExtraOffenceTypes[0] with { Name = "Malicious communications" };
        var error = AssertSingleError(Hampshire with { ExtraOffenceTypes = [.. Hampshire.ExtraOffenceTypes, again] }, "$.extraOffenceTypes");
        Assert.Contains("'malicious-communications'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Screening_question_codes_are_unique()
    {
        var again = Hampshire.ScreeningQuestions[1] with { Text = "Can the offender get to a workshop?" };
        var error = AssertSingleError(Hampshire with { ScreeningQuestions = [.. Hampshire.ScreeningQuestions, again] }, "$.screeningQuestions");
        Assert.Contains("'island-travel'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_used_three_times_is_reported_once() =>
        AssertSingleError(Hampshire with { Forces = [Hampshire.Forces[0], Hampshire.Forces[0], Hampshire.Forces[0]] }, "$.forces");

    [Fact]
    public void Each_duplicated_code_is_reported()
    {
        var errors = (Hampshire with { Venues = [.. Hampshire.Venues, .. Hampshire.Venues] }).RuleErrors().ToList();
        Assert.Equal(Hampshire.Venues.Count, errors.Count);
        Assert.All(errors, e => Assert.Equal("$.venues", e.Path));
    }

    [Fact]
    public void Codes_need_only_be_unique_within_their_list()
    {
        const string Code = "island-travel";
        var definition = Hampshire with
        {
            Venues = [Hampshire.Venues[0] with { Code = Code }],
            Forces = [Hampshire.Forces[0] with { Code = Code }],
            ExtraOffenceTypes = [Hampshire.ExtraOffenceTypes[0] with { Code = Code }],
        };
        Assert.Empty(definition.RuleErrors());
    }

    [Fact]
    public void A_tenant_without_venues_extra_offences_or_screening_questions_is_allowed() =>
        Assert.Empty((Hampshire with { Venues = [], ExtraOffenceTypes = [], ScreeningQuestions = [] }).RuleErrors());

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_venue_postcode_must_be_a_UK_postcode(int index)
    {
        var error = AssertSingleError(WithVenuePostcode(index, "90210"), $"$.venues[{index}].postcode");
        Assert.Equal("is not a UK postcode", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SO14")]
    [InlineData("SO14 5GLX")]
    public void A_venue_postcode_that_is_not_a_whole_postcode_is_refused(string postcode) =>
        AssertSingleError(WithVenuePostcode(1, postcode), "$.venues[1].postcode");

    [Theory]
    [InlineData("so14 5gl")]
    [InlineData("SO145GL")]
    public void A_venue_postcode_need_not_be_in_normal_form(string postcode) =>
        Assert.Empty(WithVenuePostcode(0, postcode).RuleErrors());

    [Fact]
    public void Each_venue_with_a_bad_postcode_is_reported_at_its_index() =>
        AssertErrorPaths(
            Hampshire with { Venues = [.. Hampshire.Venues.Select((v, i) => i % 2 == 1 ? v with { Postcode = "12345" } : v)] },
            "$.venues[1].postcode", "$.venues[3].postcode");

    [Fact]
    public void Every_broken_rule_is_reported_in_order()
    {
        var definition = Hampshire with
        {
            WorkshopDefaults = Hampshire.WorkshopDefaults with { MinDaysApart = 35, MaxDaysApart = 28, StartTime = "15:00", EndTime = "10:00" },
            Condition = Hampshire.Condition with { CompletionWeeks = 22, MaxExtendedWeeks = 21 },
            DashRiskLevelsAccepted = [DashRiskLevel.Medium],
            Languages = ["cy"],
            Venues = [Hampshire.Venues[0], Hampshire.Venues[0] with { Postcode = "12345" }],
            Forces = [Hampshire.Forces[0], Hampshire.Forces[0]],
            ExtraOffenceTypes = [Hampshire.ExtraOffenceTypes[0], Hampshire.ExtraOffenceTypes[0]],
            ScreeningQuestions = [Hampshire.ScreeningQuestions[0], Hampshire.ScreeningQuestions[0]],
        };

        AssertErrorPaths(
            definition,
            "$.workshopDefaults.minDaysApart",
            "$.workshopDefaults.endTime",
            "$.condition.completionWeeks",
            "$.condition.maxExtendedWeeks",
            "$.dashRiskLevelsAccepted",
            "$.languages",
            "$.venues",
            "$.forces",
            "$.extraOffenceTypes",
            "$.screeningQuestions",
            "$.venues[1].postcode");
    }

    private static TenantDefinition WithDaysApart(int minDaysApart, int maxDaysApart) =>
        Hampshire with { WorkshopDefaults = Hampshire.WorkshopDefaults with { MinDaysApart = minDaysApart, MaxDaysApart = maxDaysApart } };

    private static TenantDefinition WithTimes(string startTime, string endTime) =>
        Hampshire with { WorkshopDefaults = Hampshire.WorkshopDefaults with { StartTime = startTime, EndTime = endTime } };

    private static TenantDefinition WithCondition(int completionWeeks, int maxExtendedWeeks) =>
        Hampshire with { Condition = Hampshire.Condition with { CompletionWeeks = completionWeeks, MaxExtendedWeeks = maxExtendedWeeks } };

    private static TenantDefinition WithVenuePostcode(int index, string postcode) =>
        Hampshire with { Venues = [.. Hampshire.Venues.Select((v, i) => i == index ? v with { Postcode = postcode } : v)] };

    private static (string Path, string Message) AssertSingleError(TenantDefinition definition, string path)
    {
        var error = Assert.Single(definition.RuleErrors());
        Assert.Equal(path, error.Path);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    private static void AssertErrorPaths(TenantDefinition definition, params string[] paths) =>
        Assert.Equal(paths, definition.RuleErrors().Select(e => e.Path));
}
