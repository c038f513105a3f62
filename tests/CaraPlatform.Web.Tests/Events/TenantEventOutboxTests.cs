using CaraPlatform.Web.Tests.Features.Notices;

namespace CaraPlatform.Web.Tests.Events;

/// <summary>Domain changes reach <c>tenant_events</c> in their own transaction, typed and versioned, whoever made them.</summary>
public sealed class TenantEventOutboxTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "thames-valley";

    [Fact]
    public async Task A_referrals_moves_are_written_as_typed_versioned_events_in_the_order_raised_within_the_saves_transaction()
    {
        // One instant for all three moves: their order must not rest on the clock.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (referralId, reference) = await NoticeTests.SavedReferralAsync(fixture, Tenant, clock);

        var rows = await EventsAsync(referralId);
        Assert.Equal(["referral.received", "referral.screening-started", "referral.returned-ineligible"], rows.Select(r => r.Type));
        Assert.All(rows, r => Assert.Equal(1, r.Version));
        Assert.All(rows, r => Assert.Equal(clock.GetUtcNow(), r.OccurredAt, TimeSpan.FromMilliseconds(1)));
        Assert.Single(rows.Select(r => r.TransactionId).Distinct());
        var returned = Assert.IsType<ReferralReturnedIneligible>(rows[2].Read());
        Assert.Equal((referralId, reference, ReferralStatus.ReturnedIneligible), (returned.Referral.Id, returned.Referral.PoliceReference, returned.Referral.Status));
        Assert.Equal("Evidence of coercive or controlling behaviour in the file.", returned.Reason);
    }

    [Fact]
    public async Task A_booking_names_its_run_in_the_referral_booked_event_and_only_its_dates_in_the_police_notice()
    {
        var client = await fixture.ApiClientAsync(Tenant);
        var (f1, f2) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var run = await WorkshopApi.ScheduleAsync(client, Tenant, UkCalendar.DateOf(DateTimeOffset.UtcNow).AddDays(16), f1.UserId, f2.UserId);
        var referral = await WorkshopApi.EligibleAsync(client, Tenant);
        await WorkshopApi.BookAsync(client, Tenant, run, referral);

        var row = Assert.Single(await EventsAsync(referral.Id), e => e.Type == "referral.booked");
        Assert.Equal(run.Id, JsonDocument.Parse(row.Payload).RootElement.GetProperty("workshops").GetProperty("runId").GetGuid());
        var booked = Assert.IsType<ReferralBooked>(row.Read());
        Assert.Equal(new BookedWorkshops(run.Id, run.Workshop1.StartsAt, run.Workshop2.StartsAt), booked.Workshops);
        var notice = Assert.Single(await fixture.NoticesAsync(Tenant, referral.Id));
        Assert.Contains("workshop1StartsAt", notice.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Id.ToString(), notice.Payload, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_change_that_rolls_back_leaves_no_event()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tenant = await fixture.Database.TenantAsync(Tenant);
        Guid referralId;
        using (fixture.Web.Services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(tenant))
        {
            await using var db = await fixture.Web.Services.GetRequiredService<IDbContextFactory<CaraDbContext>>().CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var referral = Referral.Receive(ReferralBuilder.Details(tenant.Settings, $"RB/{Guid.NewGuid():N}"[..20], clock), tenant.Settings.Condition, ReferralBuilder.Coordinator, clock);
            referralId = referral.Id;
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            Assert.True(await db.TenantEvents.AnyAsync(e => e.AggregateId == referralId), "written inside the change's transaction");
            await transaction.RollbackAsync();
        }

        Assert.Empty(await EventsAsync(referralId));
    }

    [Fact]
    public async Task Runs_feedback_and_memberships_are_read_from_what_their_handlers_saved()
    {
        var client = await fixture.ApiClientAsync(Tenant);
        var (f1, f2) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var today = UkCalendar.DateOf(DateTimeOffset.UtcNow);
        var run = await WorkshopApi.ScheduleAsync(client, Tenant, today.AddDays(40), f1.UserId, f2.UserId, capacity: 10);
        // Saving the same details again is no change; a new capacity is.
        var same = new UpdateRunRequest(run.Cohort, run.Language, new SessionDto(run.Workshop1.Date, null, null), new SessionDto(run.Workshop2.Date, null, null),
            run.Delivery, run.Venue!.Id, null, run.Capacity, [.. run.Facilitators.Select(f => f.Id)], run.Version);
        run = await (await client.PutAsync($"{WorkshopApi.Runs(Tenant)}/{run.Id}", System.Net.Http.Json.JsonContent.Create(same, options: HttpExtensions.Json))).ReadAs<RunResponse>();
        var smaller = same with { Capacity = 8, Version = run.Version };
        run = await (await client.PutAsync($"{WorkshopApi.Runs(Tenant)}/{run.Id}", System.Net.Http.Json.JsonContent.Create(smaller, options: HttpExtensions.Json))).ReadAs<RunResponse>();
        await (await client.PostJson($"{WorkshopApi.Runs(Tenant)}/{run.Id}/cancel", new CancelRequest("Venue flooded", run.Version))).ReadAs<RunResponse>();

        var runEvents = await EventsAsync(run.Id);
        Assert.Equal(["run.scheduled", "run.changed", "run.cancelled"], runEvents.Select(e => e.Type));
        Assert.Equal(10, Assert.IsType<RunScheduled>(runEvents[0].Read()).Run.Capacity);
        var changed = Assert.IsType<RunChanged>(runEvents[1].Read());
        Assert.Equal(8, changed.Run.Capacity);
        Assert.Equal([f1.UserId, f2.UserId], changed.Run.FacilitatorIds);
        Assert.Equal("Venue flooded", Assert.IsType<RunCancelled>(runEvents[2].Read()).Reason);

        var (referralId, _) = await NoticeTests.SavedReferralAsync(fixture, Tenant, TimeProvider.System);
        var feedback = new FeedbackResponse
        {
            RunId = run.Id,
            ReferralId = referralId,
            Answers = [new FeedbackAnswer("would-recommend", 5)],
            RecordedBy = f1.UserId,
            RecordedAt = DateTimeOffset.UtcNow,
        };
        await fixture.ReadAsync(Tenant, db =>
        {
            db.FeedbackResponses.Add(feedback);
            return db.SaveChangesAsync();
        });
        var recorded = Assert.IsType<FeedbackRecorded>(Assert.Single(await EventsAsync(feedback.Id)).Read());
        Assert.Equal((run.Id, referralId, 5), (recorded.RunId, recorded.ReferralId, recorded.Answers.Single().Value));

        // Members through the members API, whose code knows nothing of events.
        var admin = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ProviderAdmin)).Email);
        var member = (await (await admin.GetAsync($"/api/v1/tenants/{Tenant}/members")).ReadAs<List<MemberResponse>>()).Single(m => m.UserId == f2.UserId);
        await (await admin.PutAsync($"/api/v1/tenants/{Tenant}/members/{member.Id}", System.Net.Http.Json.JsonContent.Create(
            new UpdateMemberRequest([TenantRole.Facilitator, TenantRole.Coordinator], member.Version), options: HttpExtensions.Json))).ReadAs<MemberResponse>();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/tenants/{Tenant}/members/{member.Id}")).StatusCode);

        var memberEvents = await EventsAsync(member.Id);
        Assert.Equal(["member.added", "member.roles-changed", "member.removed"], memberEvents.Select(e => e.Type));
        Assert.Equal([TenantRole.Facilitator, TenantRole.Coordinator], Assert.IsType<MemberRolesChanged>(memberEvents[1].Read()).Roles);
        Assert.Equal(f2.UserId, Assert.IsType<MemberRemoved>(memberEvents[2].Read()).UserId);
    }

    /// <summary>An event is a fact once written: the application may erase its payload (retention), never change or remove the rest.</summary>
    [Theory]
    [InlineData("UPDATE tenant_events SET type = 'rewritten'")]
    [InlineData("UPDATE tenant_events SET aggregate_id = gen_random_uuid()")]
    [InlineData("UPDATE tenant_events SET occurred_at = now()")]
    [InlineData("DELETE FROM tenant_events")]
    public async Task The_application_role_may_change_no_event_but_its_payload(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    private Task<List<TenantEvent>> EventsAsync(Guid aggregateId) => fixture.ReadAsync(Tenant, db =>
        db.TenantEvents.AsNoTracking().Where(e => e.AggregateId == aggregateId).OrderBy(e => e.TransactionId).ThenBy(e => e.Id).ToListAsync());
}
