using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Venues;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Infrastructure.Events;
using CaraPlatform.Infrastructure.VictimContact;
using CaraPlatform.Web.Features.Workshops.Contracts;
using Microsoft.AspNetCore.Identity;

namespace CaraPlatform.Web.Features.DemoData;

/// <summary>A clock the history sets to each step's own past instant, so that the domain dates every change as it happened.</summary>
public sealed class DemoClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A demo tenant's last six months, lived through in order: runs planned ten weeks ahead, the police's referrals
/// screened, contacted and booked, registers taken at each workshop and feedback at the end of Workshop 2, breaches
/// decided by the police two or three weeks later. Each step runs the domain's own methods on <see cref="DemoClock"/>
/// set to that step's instant and is saved on its own, so timelines, deadlines and the tenant's events are those the
/// service would have made; a step whose instant is still to come is not taken, and what is left is today's state.
/// </summary>
public sealed class DemoHistory
{
    private const string Language = "en";

    /// <summary>How long the police take to decide on a breach: any breach of the last fortnight still awaits them.</summary>
    private static readonly TimeSpan DecisionDelay = TimeSpan.FromDays(15);

    private readonly CaraTenantInfo _tenant;
    private readonly IServiceProvider _services;
    private readonly string _emailDomain;
    private readonly IDbContextFactory<CaraDbContext> _contexts;
    private readonly DemoCast _cast;
    private readonly DateTimeOffset _now;
    private readonly DemoClock _clock;
    private readonly PriorityQueue<Func<CancellationToken, Task>, (DateTimeOffset At, int Order)> _steps = new();
    private readonly Dictionary<int, Guid> _referralIds = [];
    private readonly ReferralActor _police;
    private int _order;
    private int _decisions;
    private ReferralActor _coordinator = null!;
    private Guid _forcedBreach;

    private DemoHistory(CaraTenantInfo tenant, IServiceProvider services, string emailDomain, DateTimeOffset now)
    {
        _tenant = tenant;
        _services = services;
        _emailDomain = emailDomain;
        _contexts = services.GetRequiredService<IDbContextFactory<CaraDbContext>>();
        _now = now;
        _clock = new DemoClock(now);
        _cast = DemoCast.For(tenant.Settings, emailDomain, UkCalendar.DateOf(now));
        // Referrals come from the force's system through the tenant's integration client, and are named as the API names it.
        _police = new ReferralActor(Guid.Empty, $"{tenant.Identifier}-integration (integration)");
    }

    private TenantDefinition Settings => _tenant.Settings;

    /// <summary>
    /// Lives the history of the current tenant, unless it already has referrals (a restart adds nothing, and a tenant in
    /// use is never touched). Returns whether it did.
    /// </summary>
    public static async Task<bool> SeedAsync(CaraTenantInfo tenant, IServiceProvider services, string emailDomain, CancellationToken cancellationToken)
    {
        var history = new DemoHistory(tenant, services, emailDomain, TimeProvider.System.GetUtcNow());
        await using (var db = await history._contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Referrals.AnyAsync(cancellationToken)) return false;
        }

        await history.LiveAsync(cancellationToken);
        return true;
    }

    private async Task LiveAsync(CancellationToken cancellationToken)
    {
        var users = _services.GetRequiredService<UserManager<CaraUser>>();
        var coordinator = (await users.FindByEmailAsync($"coordinator@{_emailDomain}"))!;
        _coordinator = new ReferralActor(coordinator.Id, coordinator.DisplayName ?? coordinator.Email!);
        var facilitators = new List<CaraUser> { (await users.FindByEmailAsync($"facilitator@{_emailDomain}"))! };
        foreach (var extra in _cast.Facilitators)
            facilitators.Add(await DemoSeed.EnsureUser(_services, extra.Email, u => u.DisplayName = extra.DisplayName));
        await EnsureFacilitatorsAsync(facilitators, cancellationToken);

        List<Venue> venues;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
            venues = await db.Venues.AsNoTracking().Where(v => v.IsActive).OrderBy(v => v.Code).ToListAsync(cancellationToken);

        PlanRuns(venues, facilitators.Select(f => f.Id).ToList());
        for (var i = 0; i < _cast.Referrals.Count; i++)
        {
            var index = i;
            At(_cast.Referrals[i].ReceivedAt, ct => ReceiveAsync(index, ct));
        }

        while (_steps.TryDequeue(out var step, out var when))
        {
            _clock.Now = when.At.ToUniversalTime();
            await step(cancellationToken);
        }

        await SupportVictimsAsync(cancellationToken);
        await DeliverNoticesAsync(cancellationToken);
    }

    /// <summary>Takes the step at its instant, unless that is still to come.</summary>
    private void At(DateTimeOffset when, Func<CancellationToken, Task> step)
    {
        if (when <= _now) _steps.Enqueue(step, (when, _order++));
    }

    private async Task EnsureFacilitatorsAsync(IEnumerable<CaraUser> facilitators, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        foreach (var person in facilitators)
        {
            if (!await db.Memberships.AnyAsync(m => m.UserId == person.Id, cancellationToken))
                db.Memberships.Add(new Membership { UserId = person.Id, Roles = [TenantRole.Facilitator] });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The men's partner groups every other Saturday, alternating between the venues; the women's group (remote, so that
    /// women across the county can join) and the men's family group every six weeks, three weeks apart. Each is planned
    /// ten weeks ahead; the last runs start up to eight weeks from today, and one within the next fortnight.
    /// </summary>
    private void PlanRuns(List<Venue> venues, List<Guid> facilitators)
    {
        var today = UkCalendar.DateOf(_now);
        var daysToSaturday = ((int)DayOfWeek.Saturday - (int)today.DayOfWeek + 7) % 7;
        var nextSaturday = today.AddDays(daysToSaturday == 0 ? 7 : daysToSaturday);
        var starts = new List<(Cohort Cohort, DateOnly Workshop1)>();
        for (var k = -12; k <= 3; k++) starts.Add((Cohort.IpvMale, nextSaturday.AddDays(14 * k)));
        for (var k = -4; k <= 1; k++)
        {
            starts.Add((Cohort.IpvFemale, nextSaturday.AddDays(7 + (42 * k))));
            starts.Add((Cohort.NonIpvMale, nextSaturday.AddDays(28 + (42 * k))));
        }

        // Mostly four weeks apart; every third run five, as when a bank holiday or the venue moves Workshop 2.
        var planned = starts.OrderBy(p => p.Workshop1).Select((p, i) => (p.Cohort, p.Workshop1, Workshop2: p.Workshop1.AddDays(i % 3 == 2 ? 35 : 28))).ToList();

        // The last Saturday with men's partner workshops before now: a breach there is the one still awaiting the police.
        var lastSessionDay = planned.Where(p => p.Cohort == Cohort.IpvMale).SelectMany(p => new[] { p.Workshop1, p.Workshop2 })
            .Where(d => UkCalendar.At(d, new TimeOnly(15, 30)) < _now).Max();

        var number = 0;
        foreach (var (cohort, workshop1, workshop2) in planned)
        {
            var remote = cohort == Cohort.IpvFemale && Settings.WorkshopDefaults.RemoteDelivery;
            var venue = remote ? null : venues[(number + (cohort == Cohort.NonIpvMale ? 1 : 0)) % venues.Count];
            // facilitator@ runs every other group with a colleague, so that account shows past and future runs of its own.
            var pair = number % 2 == 0
                ? new List<Guid> { facilitators[0], facilitators[1 + (number / 2 % (facilitators.Count - 1))] }
                : [facilitators[1 + (number % (facilitators.Count - 1))], facilitators[1 + ((number + 1) % (facilitators.Count - 1))]];
            var run = new CourseRun
            {
                Cohort = cohort,
                Language = Language,
                Workshop1 = WorkshopSession.OnDate(workshop1, Settings.WorkshopDefaults),
                Workshop2 = WorkshopSession.OnDate(workshop2, Settings.WorkshopDefaults),
                Delivery = remote ? WorkshopDelivery.Remote : WorkshopDelivery.Venue,
                VenueId = venue?.Id,
                MeetingLink = remote ? new Uri($"https://meet.example.org/cara-{_tenant.Identifier}-{workshop1:yyyyMMdd}") : null,
                Capacity = Math.Min(Settings.WorkshopDefaults.Capacity, venue?.Capacity ?? Venue.MaxCapacity),
                FacilitatorIds = pair,
            };
            var breaches = CourseRunScheduling.Breaches(run, Settings, venue);
            if (breaches.Count > 0)
                throw new InvalidOperationException($"Demo run {workshop1:yyyy-MM-dd}: {string.Join("; ", breaches.Select(b => $"{b.Path} {b.Message}"))}");

            At(run.Workshop1.StartsAt.AddDays(-70), ct => ScheduleAsync(run, ct));
            At(run.Workshop1.StartsAt.AddMinutes(30), ct => FeedbackAsync(run.Id, FeedbackStage.PreCourse, ct));
            At(run.Workshop1.EndsAt.AddMinutes(20), ct => RegisterAsync(run.Id, WorkshopNumber.Workshop1, workshop1 == lastSessionDay, ct));
            At(run.Workshop2.EndsAt.AddMinutes(20), ct => RegisterAsync(run.Id, WorkshopNumber.Workshop2, workshop2 == lastSessionDay, ct));
            At(run.Workshop2.EndsAt.AddMinutes(45), ct => FeedbackAsync(run.Id, FeedbackStage.PostCourse, ct));
            number++;
        }
    }

    private async Task ScheduleAsync(CourseRun run, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        db.CourseRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task ReceiveAsync(int index, CancellationToken cancellationToken)
    {
        var planned = _cast.Referrals[index];
        var script = planned.Script;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            var referral = Referral.Receive(planned.Details, Settings.Condition, _police, _clock);
            db.Referrals.Add(referral);
            db.VictimRecords.Add(new VictimRecord
            {
                ReferralId = referral.Id,
                ProtectedDetails = _services.GetRequiredService<VictimDetailsProtector>().Protect(_tenant.TenantId, planned.Victim),
            });
            db.VictimCases.Add(VictimCase.Open(referral.Id, _clock));
            await db.SaveChangesAsync(cancellationToken);
            _referralIds[index] = referral.Id;
        }

        var id = _referralIds[index];
        var received = planned.ReceivedAt;
        At(received + script.ScreeningAfter, ct => MoveAsync(id, ReferralAction.StartScreening, r => r.StartScreening(_coordinator, _clock), ct));
        if (script.Contactable)
        {
            At(received + script.FirstContactAfter, ct => MoveAsync(id, ReferralAction.RecordFirstContact, r => r.RecordFirstContact(_coordinator, _clock), ct));
            At(received + script.DecisionAfter, ct => ScreenAsync(index, ct));
        }
        else
        {
            At(received.AddDays(16), ct => MoveAsync(id, ReferralAction.ReturnUncontactable,
                r => r.ReturnUncontactable("No answer to five calls on different days and a letter; the number given goes to voicemail", _coordinator, _clock), ct));
        }

        // A withdrawal comes before the booking or not at all: a booked place is the provider's to cancel first.
        if (script.WithdrawnAfterDays is { } days)
        {
            At(received.AddDays(days), ct => MoveAsync(id, ReferralAction.Withdraw,
                r => r.Withdraw("The caution was reviewed and replaced with a charge", _police, _clock), ct, onlyFrom: ReferralLifecycle.AwaitingBooking));
        }
    }

    private async Task ScreenAsync(int index, CancellationToken cancellationToken)
    {
        var planned = _cast.Referrals[index];
        var reason = planned.Script.IneligibleBecause;
        var moved = await MoveAsync(_referralIds[index], ReferralAction.ConfirmEligible,
            r => r.DecideScreening(planned.ProviderAnswers, eligible: reason is null, reason, Settings, _coordinator, _clock), cancellationToken);
        if (moved?.Status == ReferralStatus.Eligible)
            At(_clock.Now + planned.Script.BookingAfter, ct => BookAsync(index, ct));
    }

    /// <summary>
    /// Books the referral on the soonest run of its cohort that has a place, starts at least five days away (time for the
    /// letter) and ends by the deadline; with none yet, the coordinator looks again a week later.
    /// </summary>
    private async Task BookAsync(int index, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var referral = await db.Referrals.SingleAsync(r => r.Id == _referralIds[index], cancellationToken);
        if (referral.Status != ReferralStatus.Eligible) return;
        var candidate = new BookingCandidate(referral.Offender.Sex, referral.Offence.IsIpv, referral.Offender.PreferredLanguage,
            referral.Offender.InterpreterNeeded, referral.ConditionDeadline, HasLiveBooking: false);
        var earlier = await db.Bookings.Where(b => b.ReferralId == referral.Id).Select(b => b.RunId).ToListAsync(cancellationToken);
        var runs = await db.CourseRuns.Where(r => r.CancelledAt == null && r.BookedCount < r.Capacity).ToListAsync(cancellationToken);
        var run = runs
            .Where(r => r.Workshop1.StartsAt > _clock.Now.AddDays(5) && !earlier.Contains(r.Id)
                && BookingEligibility.Refusals(candidate, r, r.BookedCount, _clock.Now).Count == 0)
            .OrderBy(r => r.Workshop1.Date).FirstOrDefault();
        if (run is null)
        {
            if (UkCalendar.DateOf(_clock.Now.AddDays(7)) < referral.ConditionDeadline) At(_clock.Now.AddDays(7), ct => BookAsync(index, ct));
            return;
        }

        run.BookedCount++;
        db.Bookings.Add(new Booking { RunId = run.Id, ReferralId = referral.Id, BookedAt = _clock.Now, BookedBy = _coordinator.Id });
        referral.Book(_coordinator, _clock, new BookedWorkshops(run.Id, run.Workshop1.StartsAt, run.Workshop2.StartsAt));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The register as a facilitator of the run takes it, with what each mark means for the referral (the rules the
    /// register handler applies). On <paramref name="forceBreach"/> someone misses it, so that a breach awaits the police.
    /// </summary>
    private async Task RegisterAsync(Guid runId, WorkshopNumber workshop, bool forceBreach, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.CourseRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        var live = await db.Bookings.Where(b => b.RunId == runId && b.Status == BookingStatus.Booked).OrderBy(b => b.BookedAt).ToListAsync(cancellationToken);
        if (live.Count == 0) return;
        var ids = live.Select(b => b.ReferralId).ToList();
        var referrals = await db.Referrals.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var firstRuns = await db.Bookings.Where(b => ids.Contains(b.ReferralId)).GroupBy(b => b.ReferralId)
            .Select(g => new { ReferralId = g.Key, Runs = g.Count() }).ToDictionaryAsync(g => g.ReferralId, g => g.Runs == 1, cancellationToken);

        var entries = live.Select(b =>
        {
            var script = _cast.Referrals[IndexOf(b.ReferralId)].Script;
            // A re-booked participant has had their warning: the second run goes to plan.
            var mark = !firstRuns[b.ReferralId] ? AttendanceMark.Attended : workshop == WorkshopNumber.Workshop1 ? script.Workshop1 : script.Workshop2;
            return new AttendanceEntry(b.ReferralId, mark, mark == AttendanceMark.Absent ? "Did not arrive; no call beforehand" : null);
        }).ToList();
        if (forceBreach && entries.All(e => e.Mark == AttendanceMark.Attended) && _forcedBreach == Guid.Empty)
        {
            entries[0] = entries[0] with { Mark = AttendanceMark.Absent, Note = "Phoned at 10:40 to say the car had broken down" };
            _forcedBreach = entries[0].ReferralId;
        }

        var facilitator = run.FacilitatorIds[0];
        var (register, breaches) = WorkshopRegister.Record(run, workshop, facilitator, ids, entries, _clock);
        if (register is null) throw new InvalidOperationException($"Demo register: {string.Join("; ", breaches.Select(b => b.Message))}");
        var actor = await FacilitatorAsync(facilitator);
        foreach (var entry in register.Entries)
        {
            var referral = referrals[entry.ReferralId];
            switch (live.Single(b => b.ReferralId == entry.ReferralId).Mark(workshop, entry.Mark, _clock.Now))
            {
                case AttendanceOutcome.AttendedWorkshop1: referral.RecordWorkshop1Attended(actor, _clock); break;
                case AttendanceOutcome.Completed: referral.RecordWorkshop2Attended(actor, _clock); break;
                case AttendanceOutcome.NonCompliant:
                    var what = entry.Mark == AttendanceMark.LateRefusedEntry ? "Arrived late and was refused entry to" : "Did not attend";
                    referral.RecordNonCompliance($"{what} Workshop {(int)workshop} on {run.Session(workshop).Date:yyyy-MM-dd}", actor, _clock, new(workshop, entry.Mark));
                    var id = referral.Id;
                    At(_clock.Now + DecisionDelay + TimeSpan.FromDays(IndexOf(id) % 6), ct => DecideAsync(id, ct));
                    break;
            }
        }

        db.WorkshopRegisters.Add(register);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The police's decision on a breach: most get a second chance on a new run, every third is prosecuted.</summary>
    private async Task DecideAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var close = _decisions++ % 3 == 1;
        var moved = await MoveAsync(referralId, close ? ReferralAction.Close : ReferralAction.AllowRebooking, r =>
        {
            if (close) r.Close("Prosecution for the original offence authorised", _police, _clock);
            else r.AllowRebooking("Reasonable excuse accepted: a family emergency, confirmed by the officer", _police, _clock);
        }, cancellationToken);
        if (moved?.Status == ReferralStatus.Eligible)
        {
            var index = IndexOf(referralId);
            At(_clock.Now.AddDays(3), ct => BookAsync(index, ct));
        }
    }

    /// <summary>
    /// At the start of Workshop 1 everyone booked answers the tenant's pre-course questions; at the end of Workshop 2
    /// each participant who completed answers its post-course ones.
    /// </summary>
    private async Task FeedbackAsync(Guid runId, FeedbackStage stage, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.CourseRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        var answering = stage == FeedbackStage.PreCourse ? BookingStatus.Booked : BookingStatus.Completed;
        var participants = await db.Bookings.AsNoTracking()
            .Where(b => b.RunId == runId && b.Status == answering && !db.FeedbackResponses.Any(f => f.ReferralId == b.ReferralId && f.Stage == stage))
            .Select(b => b.ReferralId).ToListAsync(cancellationToken);
        var questions = FeedbackQuestionSet.ForTenant(stage, Settings.FeedbackQuestionsAt(stage));
        foreach (var referralId in participants)
        {
            var values = _cast.Referrals[IndexOf(referralId)].Script.Feedback;
            // Before the course participants agree less, so the national pre/post comparison shows a change.
            var answers = questions.Questions
                .Select((q, i) => new FeedbackAnswer(q.Code, stage == FeedbackStage.PreCourse ? Math.Max(FeedbackScale.Min, values[i % values.Count] - 2) : values[i % values.Count]))
                .ToList();
            var breaches = questions.Breaches(answers, run, _clock);
            if (breaches.Count > 0) throw new InvalidOperationException($"Demo feedback: {string.Join("; ", breaches.Select(b => b.Message))}");
            db.FeedbackResponses.Add(new FeedbackResponse
            {
                RunId = runId,
                ReferralId = referralId,
                Stage = stage,
                Answers = answers,
                RecordedBy = run.FacilitatorIds[1],
                RecordedAt = _clock.Now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Applies one move if the referral's state still allows it (an earlier step may have ended it), and saves it. The
    /// referral as it is after, or null when the move no longer applied.
    /// </summary>
    private async Task<Referral?> MoveAsync(
        Guid referralId, ReferralAction action, Action<Referral> move, CancellationToken cancellationToken, IReadOnlySet<ReferralStatus>? onlyFrom = null)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var referral = await db.Referrals.SingleAsync(r => r.Id == referralId, cancellationToken);
        if (!ReferralLifecycle.Allows(referral.Status, action) || (onlyFrom is not null && !onlyFrom.Contains(referral.Status))) return null;
        move(referral);
        await db.SaveChangesAsync(cancellationToken);
        return referral;
    }

    /// <summary>
    /// The victim-contact worker's caseload as it stands today, on three open referrals: one victim checked and spoken
    /// to and signposted, one whose safeguarding concern went to MARAC, one who reported a change after Workshop 1 where
    /// a participant has attended it and was signposted. Each entry goes through the case's own rules (a safe-contact check before each
    /// contact, a change only after an attended workshop); every other case waits for someone to take it.
    /// </summary>
    private async Task SupportVictimsAsync(CancellationToken cancellationToken)
    {
        var person = (await _services.GetRequiredService<UserManager<CaraUser>>().FindByEmailAsync($"victim-contact@{_emailDomain}"))!;
        var worker = new ReferralActor(person.Id, person.DisplayName ?? person.Email!);
        var protector = _services.GetRequiredService<VictimDetailsProtector>();
        var facilitators = _services.GetRequiredService<IParticipantFacilitators>();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        List<ReferralStatus> running = [.. ReferralLifecycle.Open];
        var open = await db.Referrals.Where(r => running.Contains(r.Status)).OrderBy(r => r.ReceivedAt).ToListAsync(cancellationToken);
        var changed = open.FirstOrDefault(r => ReferralProgress.Of(r).Workshop1Attended);
        var others = open.Where(r => r != changed).ToList();
        var plan = new List<(Referral Referral, Action<VictimCase, ReferralProgress, Func<int, DateTimeOffset>> Work)>();
        if (others.Count > 0) plan.Add((others[^1], (c, p, at) =>
        {
            CheckAndSpeak(c, p, at);
            Record(c, p, VictimCaseEntry.Signposting(worker, at(2), ["Local domestic abuse service"]), new VictimCaseNotes());
        }
            ));
        if (others.Count > 1) plan.Add((others[^2], (c, p, at) =>
        {
            CheckAndSpeak(c, p, at);
            Record(c, p, VictimCaseEntry.Escalation(worker, at(3), SafeguardingRecipient.Marac, "DPA 2018 s.35: safeguarding a person at risk of serious harm"),
                new VictimCaseNotes(Note: "Threats to the victim since the caution", WhatWasShared: "Risk summary and safe contact times",
                    SharedWith: "MARAC coordinator", Why: "High risk on the DASH review: the MARAC can plan her safety"));
        }
            ));
        if (changed is not null) plan.Add((changed, (c, p, at) =>
        {
            CheckAndSpeak(c, p, at);
            var workshop1 = changed.Timeline.Last(t => t.Action == ReferralAction.RecordWorkshop1Attended).At;
            Record(c, p, VictimCaseEntry.ReportedChange(worker, Min(workshop1.AddDays(2)), WorkshopNumber.Workshop1, ReportedChange.Improved),
                new VictimCaseNotes(Note: "Says he is calmer and walks away from arguments now"));
            Record(c, p, VictimCaseEntry.Signposting(worker, Min(workshop1.AddDays(2).AddHours(1)), ["IDVA", "Counselling"]), new VictimCaseNotes());
        }
            ));

        foreach (var (referral, work) in plan)
        {
            var victimCase = await db.VictimCases.Include(c => c.Entries).SingleAsync(c => c.ReferralId == referral.Id, cancellationToken);
            victimCase.Assign(worker.Id, [.. await facilitators.OfParticipantAsync(referral.Id, cancellationToken)]);
            var start = (referral.FirstContactAt ?? referral.ReceivedAt).AddDays(1);
            work(victimCase, ReferralProgress.Of(referral), hours => Min(start.AddHours(hours)));
        }

        await db.SaveChangesAsync(cancellationToken);

        void CheckAndSpeak(VictimCase victimCase, ReferralProgress progress, Func<int, DateTimeOffset> at)
        {
            Record(victimCase, progress, VictimCaseEntry.SafeContactCheck(worker, at(0), SafeContactMethod.Phone, personWhoCausedHarmPresent: false),
                new VictimCaseNotes(SafeTimes: "Weekdays 10:00 to 12:00, while he is at work", CodeWord: "Bluebell"));
            Record(victimCase, progress, VictimCaseEntry.ContactAttempt(worker, at(1), SafeContactMethod.Phone, ContactOutcome.Spoke),
                new VictimCaseNotes(Note: "Spoke to her; she knows about the workshops and wants to hear how he does"));
        }

        void Record(VictimCase victimCase, ReferralProgress progress, VictimCaseEntry entry, VictimCaseNotes notes)
        {
            entry.ProtectedNotes = protector.ProtectNotes(_tenant.TenantId, notes);
            victimCase.Record(entry, progress);
            db.VictimCaseEntries.Add(entry);
        }
    }

    /// <summary>The instant, or now if that is still to come.</summary>
    private DateTimeOffset Min(DateTimeOffset at) => at < _now ? at : _now;

    private async Task<ReferralActor> FacilitatorAsync(Guid id)
    {
        var person = await _services.GetRequiredService<UserManager<CaraUser>>().FindByIdAsync(id.ToString());
        return new ReferralActor(id, person?.DisplayName ?? person?.Email ?? id.ToString());
    }

    private int IndexOf(Guid referralId) => _referralIds.Single(p => p.Value == referralId).Key;

    /// <summary>
    /// The police notices of six months, through the tenant's event relay as the running service makes them. The
    /// dispatcher would have put each in the SPOC inbox within seconds of its event, so the history does that step
    /// for them (the webhook is left to the running dispatcher); the SPOC has read what came before the last week,
    /// bar every seventh, a day after it came.
    /// </summary>
    private async Task DeliverNoticesAsync(CancellationToken cancellationToken)
    {
        var relayed = await _services.GetRequiredService<TenantEventRelay>().RunOnceAsync(_tenant.Identifier, cancellationToken);
        if (relayed.Failures.Count > 0 || relayed.Results.Any(r => r.Result.FailedConsumers.Count > 0))
            throw new InvalidOperationException($"Relaying the demo history of {_tenant.Identifier} failed.");

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var notices = await db.PoliceNotices.Where(n => n.InboxDeliveredAt == null).OrderBy(n => n.OccurredAt).ToListAsync(cancellationToken);
        var lastWeek = _now.AddDays(-7);
        for (var i = 0; i < notices.Count; i++)
        {
            var notice = notices[i];
            notice.InboxDeliveredAt = notice.OccurredAt;
            if (notice.OccurredAt < lastWeek && i % 7 != 6) notice.ReadAt = notice.OccurredAt.AddDays(1);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
