using CaraPlatform.Domain.Outcomes;

namespace CaraPlatform.Domain.Tests.Outcomes;

public sealed class ReoffendingFollowUpTests
{
    private static readonly DateOnly Start = new(2026, 3, 1);
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static FollowUpFindings Reoffended(params Reoffence[] offences) => new(true, offences);

    [Fact]
    public void The_same_findings_in_another_order_change_nothing_and_raise_no_event()
    {
        var findings = Reoffended(new("harassment", new(2026, 5, 1)), new("stalking", new(2026, 4, 1)));
        var followUp = ReoffendingFollowUp.Open("44/1/26", 6, FollowUpCohort.Referred, Guid.NewGuid(), Start, findings, Now);
        followUp.ClearDomainEvents();

        Assert.Equal(FollowUpChange.Unchanged, followUp.Record(Reoffended(new("stalking", new(2026, 4, 1)), new("harassment", new(2026, 5, 1))), Now));
        Assert.Empty(followUp.DomainEvents);
        Assert.Equal(FollowUpChange.Changed, followUp.Record(new FollowUpFindings(false, []), Now));
        var recorded = Assert.IsType<OutcomeRecorded>(Assert.Single(followUp.DomainEvents));
        Assert.False(recorded.Reoffended);
    }

    [Fact]
    public void The_event_carries_the_distinct_types_and_the_first_reoffence()
    {
        var followUp = ReoffendingFollowUp.Open("44/1/26", 12, FollowUpCohort.EligibleNotReferred, null, Start,
            Reoffended(new("harassment", new(2026, 9, 1)), new("harassment", new(2026, 5, 1)), new("common-assault", new(2026, 6, 1))), Now);

        var recorded = Assert.IsType<OutcomeRecorded>(Assert.Single(followUp.DomainEvents));
        Assert.Equal(["common-assault", "harassment"], recorded.OffenceTypes);
        Assert.Equal(new DateOnly(2026, 5, 1), recorded.FirstReoffenceOn);
        Assert.Null(recorded.ReferralId);
    }

    [Theory]
    [InlineData(7, "harassment", "2026-04-01", "months")]
    [InlineData(6, "jaywalking", "2026-04-01", "offences[0].typeCode")]
    [InlineData(6, "harassment", "2026-02-28", "offences[0].date")]
    [InlineData(6, "harassment", "2026-09-01", "offences[0].date")]
    public void A_breach_names_its_field(int months, string type, string date, string field)
    {
        var breaches = FollowUpRules.Check(months, Start, Reoffended(new Reoffence(type, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))), Today);
        Assert.Contains(breaches, b => b.Path == field);
    }

    [Fact]
    public void Reoffended_and_the_offences_must_agree()
    {
        Assert.Contains(FollowUpRules.Check(6, Start, new FollowUpFindings(true, []), Today), b => b.Path == "offences");
        Assert.Contains(FollowUpRules.Check(6, Start, new FollowUpFindings(false, [new("harassment", Start)]), Today), b => b.Path == "offences");
        Assert.Empty(FollowUpRules.Check(12, Start, Reoffended(new Reoffence("harassment", new(2026, 11, 1))), Today));
    }
}
