using static CaraPlatform.Web.Tests.Support.ReferralApi;

namespace CaraPlatform.Web.Tests.Features.Referrals;

public sealed class ReferralLifecycleApiTests(CaraPlatformFixture fixture) : HampshireReferralApiTests(fixture)
{
    [Fact]
    public async Task A_referral_is_received_screened_eligible_and_every_move_is_on_the_timeline()
    {
        var referral = await CreateAsync(Spoc);
        Assert.Equal(ReferralStatus.Received, referral.Status);
        Assert.Equal(referral.Deadlines.ConditionDeadline, New().DisposalDate!.Value.AddDays(16 * 7));

        referral = await MoveAsync(Coordinator, Tenant, referral, "start-screening", new VersionRequest(referral.Version));
        referral = await MoveAsync(Coordinator, Tenant, referral, "first-contact", new VersionRequest(referral.Version));
        referral = await MoveAsync(Coordinator, Tenant, referral, "screening",
            new ScreeningDecisionRequest(EligibleAnswers(), ScreeningDecision.Eligible, null, referral.Version));

        Assert.Equal(ReferralStatus.Eligible, referral.Status);
        Assert.Equal(
            [ReferralAction.Receive, ReferralAction.StartScreening, ReferralAction.RecordFirstContact, ReferralAction.ConfirmEligible],
            referral.Timeline.Select(t => t.Action));
        Assert.All(referral.Timeline.Skip(1), t => Assert.NotEqual(referral.Timeline[0].Actor, t.Actor));
        Assert.Contains(ReferralAction.Withdraw, referral.AllowedActions);

        var read = await (await Spoc.GetAsync($"{Url(Tenant)}/{referral.Id}")).ReadAs<ReferralResponse>();
        Assert.Equal(referral.Timeline.Count, read.Timeline.Count);
    }

    [Fact]
    public async Task Illegal_moves_are_409_naming_the_current_state()
    {
        var referral = await CreateAsync(Spoc);

        var problem = await (await Coordinator.PostJson($"{Url(Tenant)}/{referral.Id}/screening",
            new ScreeningDecisionRequest(EligibleAnswers(), ScreeningDecision.Eligible, null, referral.Version))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Received", problem.GetProperty("currentState").GetString());

        problem = await (await Spoc.PostJson($"{Url(Tenant)}/{referral.Id}/police-decision",
            new PoliceDecisionRequest(PoliceDecision.AllowRebooking, "Reasonable excuse", null, referral.Version))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Received", problem.GetProperty("currentState").GetString());

        referral = await MoveAsync(Spoc, Tenant, referral, "withdraw", new ReasonRequest("Victim withdrew support; NFA", referral.Version));
        Assert.Equal(ReferralStatus.Withdrawn, referral.Status);
        problem = await (await Coordinator.PostJson($"{Url(Tenant)}/{referral.Id}/start-screening", new VersionRequest(referral.Version)))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Withdrawn", problem.GetProperty("currentState").GetString());
        Assert.Empty(referral.AllowedActions);
    }

    [Fact]
    public async Task A_stale_version_is_409_and_changes_nothing()
    {
        var referral = await CreateAsync(Spoc);
        await MoveAsync(Coordinator, Tenant, referral, "start-screening", new VersionRequest(referral.Version));

        await (await Spoc.PostJson($"{Url(Tenant)}/{referral.Id}/withdraw", new ReasonRequest("Stale", referral.Version)))
            .ProblemAsync(HttpStatusCode.Conflict);
        var read = await (await Spoc.GetAsync($"{Url(Tenant)}/{referral.Id}")).ReadAs<ReferralResponse>();
        Assert.Equal(ReferralStatus.Screening, read.Status);
    }

    [Fact]
    public async Task Returned_ineligible_with_the_reason_and_the_police_notice_is_written_with_the_change()
    {
        var referral = await CreateAsync(Spoc);
        referral = await MoveAsync(Coordinator, Tenant, referral, "start-screening", new VersionRequest(referral.Version));

        var contradiction = await (await Coordinator.PostJson($"{Url(Tenant)}/{referral.Id}/screening",
                new ScreeningDecisionRequest(EligibleAnswers() with { OnBail = true }, ScreeningDecision.Eligible, null, referral.Version)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("on-bail", contradiction.GetProperty("failedRules").ToString(), StringComparison.Ordinal);

        referral = await MoveAsync(Coordinator, Tenant, referral, "screening",
            new ScreeningDecisionRequest(EligibleAnswers() with { OnBail = true }, ScreeningDecision.Ineligible, "On police bail until next month", referral.Version));

        Assert.Equal(ReferralStatus.ReturnedIneligible, referral.Status);
        Assert.StartsWith("On police bail until next month", referral.Timeline[^1].Reason, StringComparison.Ordinal);
        var notice = Assert.Single(await Fixture.NoticesAsync(Tenant, referral.Id));
        Assert.Equal(PoliceNoticeType.ReturnedIneligible, notice.Type);
        Assert.Contains("\"type\": \"referral.returned-ineligible\"", notice.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("Vale-Secret", notice.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_compliance_then_police_allow_a_rebooking_or_close_and_may_extend_the_deadline()
    {
        var referral = await EligibleAsync();
        var id = referral.Id;
        // Booking and attendance belong to the workshop feature; drive the referral there through the domain.
        await ChangeInDatabaseAsync(id, r =>
        {
            var actor = new ReferralActor(Guid.Empty, "Test coordinator");
            r.Book(actor, TimeProvider.System);
            r.RecordNonCompliance("Arrived late to Workshop 1: refused entry", actor, TimeProvider.System);
        });
        referral = await (await Spoc.GetAsync($"{Url(Tenant)}/{id}")).ReadAs<ReferralResponse>();
        Assert.Equal(ReferralStatus.NonCompliant, referral.Status);

        var extended = referral.Deadlines.ConditionDeadline.AddDays(14);
        referral = await MoveAsync(Spoc, Tenant, referral, "police-decision",
            new PoliceDecisionRequest(PoliceDecision.ExtendDeadline, "Illness", extended, referral.Version));
        Assert.Equal(extended, referral.Deadlines.ConditionDeadline);

        var tooFar = await (await Spoc.PostJson($"{Url(Tenant)}/{id}/police-decision",
            new PoliceDecisionRequest(PoliceDecision.ExtendDeadline, "Too far", referral.Deadlines.ConditionDeadline.AddDays(60), referral.Version)))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("20 weeks", tooFar.GetProperty("detail").GetString(), StringComparison.Ordinal);

        referral = await MoveAsync(Spoc, Tenant, referral, "police-decision",
            new PoliceDecisionRequest(PoliceDecision.AllowRebooking, "Reasonable excuse accepted", null, referral.Version));
        Assert.Equal(ReferralStatus.Eligible, referral.Status);
        Assert.Equal(1, referral.RebookingCount);
        Assert.Equal(
            [PoliceNoticeType.Booked, PoliceNoticeType.NonCompliant],
            (await Fixture.NoticesAsync(Tenant, id)).Select(n => n.Type));
    }

    [Fact]
    public async Task The_police_close_a_referral_after_a_breach()
    {
        var referral = await EligibleAsync();
        await ChangeInDatabaseAsync(referral.Id, r =>
        {
            var actor = new ReferralActor(Guid.Empty, "Test coordinator");
            r.Book(actor, TimeProvider.System);
            r.RecordNonCompliance("Absent from Workshop 1", actor, TimeProvider.System);
        });
        referral = await (await Spoc.GetAsync($"{Url(Tenant)}/{referral.Id}")).ReadAs<ReferralResponse>();
        referral = await MoveAsync(Spoc, Tenant, referral, "police-decision",
            new PoliceDecisionRequest(PoliceDecision.Close, "Charged with the original offence", null, referral.Version));
        Assert.Equal(ReferralStatus.Closed, referral.Status);
    }

    [Fact]
    public async Task Uncontactable_referrals_go_back_to_the_police_with_a_notice()
    {
        var referral = await CreateAsync(Spoc);
        referral = await MoveAsync(Coordinator, Tenant, referral, "return-uncontactable",
            new ReasonRequest("Three calls and a letter unanswered", referral.Version));
        Assert.Equal(ReferralStatus.ReturnedUncontactable, referral.Status);
        Assert.Equal(PoliceNoticeType.ReturnedUncontactable, Assert.Single(await Fixture.NoticesAsync(Tenant, referral.Id)).Type);
    }

    [Fact]
    public async Task Corrections_are_allowed_before_screening_only()
    {
        var referral = await CreateAsync(Spoc);
        var original = New();
        var correction = new CorrectReferralRequest(
            referral.PoliceReference, original.ForceCode, original.DisposalType, original.DisposalDate, original.Officer, original.Offence,
            original.Offender! with { FamilyName = "Marsh-Corrected" }, original.Eligibility, referral.Version);

        var corrected = await (await Spoc.PutAsJsonAsync($"{Url(Tenant)}/{referral.Id}", correction, HttpExtensions.Json)).ReadAs<ReferralResponse>();
        Assert.Equal("Marsh-Corrected", corrected.Offender.FamilyName);
        Assert.Equal(ReferralAction.Correct, corrected.Timeline[^1].Action);

        corrected = await MoveAsync(Coordinator, Tenant, corrected, "start-screening", new VersionRequest(corrected.Version));
        var problem = await (await Spoc.PutAsJsonAsync($"{Url(Tenant)}/{referral.Id}", correction with { Version = corrected.Version }, HttpExtensions.Json))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Screening", problem.GetProperty("currentState").GetString());
    }

    [Fact]
    public async Task The_list_filters_by_status_and_police_reference_and_pages_with_a_cursor()
    {
        var prefix = $"LIST/{Guid.NewGuid().ToString("N")[..8]}/";
        for (var i = 0; i < 5; i++)
            await CreateAsync(Spoc, Tenant, New(Tenant, prefix + i));

        var first = await (await Spoc.GetAsync($"{Url(Tenant)}?policeReference={Uri.EscapeDataString(prefix.ToLowerInvariant())}&limit=2")).ReadAs<ReferralPage>();
        Assert.Equal([prefix + 4, prefix + 3], first.Items.Select(r => r.PoliceReference));
        var second = await (await Spoc.GetAsync($"{Url(Tenant)}?policeReference={Uri.EscapeDataString(prefix)}&limit=2&cursor={first.NextCursor}")).ReadAs<ReferralPage>();
        Assert.Equal([prefix + 2, prefix + 1], second.Items.Select(r => r.PoliceReference));
        var third = await (await Spoc.GetAsync($"{Url(Tenant)}?policeReference={Uri.EscapeDataString(prefix)}&limit=2&cursor={second.NextCursor}")).ReadAs<ReferralPage>();
        Assert.Equal([prefix + 0], third.Items.Select(r => r.PoliceReference));
        Assert.Null(third.NextCursor);

        var screening = await (await Spoc.GetAsync($"{Url(Tenant)}?policeReference={Uri.EscapeDataString(prefix)}&status=Screening")).ReadAs<ReferralPage>();
        Assert.Empty(screening.Items);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var received = await (await Spoc.GetAsync(
            $"{Url(Tenant)}?policeReference={Uri.EscapeDataString(prefix)}&status=Received&receivedFrom={today.AddDays(-1):yyyy-MM-dd}&receivedTo={today.AddDays(1):yyyy-MM-dd}")).ReadAs<ReferralPage>();
        Assert.Equal(5, received.Items.Count);

        var badCursor = await (await Spoc.GetAsync($"{Url(Tenant)}?cursor=not-a-cursor")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("cursor", badCursor.Errors().Keys);
    }

    private async Task<ReferralResponse> EligibleAsync()
    {
        var referral = await CreateAsync(Spoc);
        referral = await MoveAsync(Coordinator, Tenant, referral, "start-screening", new VersionRequest(referral.Version));
        return await MoveAsync(Coordinator, Tenant, referral, "screening",
            new ScreeningDecisionRequest(EligibleAnswers(), ScreeningDecision.Eligible, null, referral.Version));
    }

    private async Task ChangeInDatabaseAsync(Guid referralId, Action<Referral> change)
    {
        await Fixture.ReadAsync(Tenant, async db =>
        {
            change(await db.Referrals.SingleAsync(r => r.Id == referralId));
            return await db.SaveChangesAsync();
        });
    }

}
