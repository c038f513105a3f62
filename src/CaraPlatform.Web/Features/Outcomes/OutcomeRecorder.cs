using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Outcomes;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.Outcomes;

/// <summary>
/// Records the police's reoffending follow-ups, one by the API or a whole CSV file, all or nothing: every entry is
/// checked first, and only a batch without a fault is applied, in one save. A follow-up is found again by its police
/// reference and window, so a repeat changes nothing and raises no event.
/// </summary>
public sealed class OutcomeRecorder(CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Records one follow-up; a fault is a 422 naming the field.</summary>
    public async Task<OutcomeResponse> RecordAsync(
        string policeReference, int months, RecordOutcomeRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var entry = new FollowUpEntry(0, policeReference.Trim(), months, request, []);
        var (valid, faults) = await CheckAsync([entry], cancellationToken);
        if (faults.Count > 0) throw Unprocessable(faults.Select(f => f.Breach));
        var (followUp, change) = (await ApplyAsync(valid, user, cancellationToken))[0];
        return OutcomeResponse.From(followUp, change);
    }

    /// <summary>Applies a CSV file whole, or, when any line has a fault, nothing: the problems then name each line and column.</summary>
    public async Task<(OutcomeImportResult? Result, IReadOnlyList<OutcomeImportProblem> Problems)> ImportAsync(
        string csv, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (entries, unreadable) = OutcomeCsv.Read(csv);
        if (unreadable is not null) return (null, [unreadable]);
        var (valid, faults) = await CheckAsync(entries, cancellationToken);
        if (faults.Count > 0)
        {
            // One problem per line and column: a date that cannot be read is not also reported as missing.
            return (null, [.. faults.Select(f => new OutcomeImportProblem(f.Entry.Line, OutcomeCsv.Column(f.Breach.Path), f.Breach.Message))
                .DistinctBy(p => (p.Line, p.Field))]);
        }

        var applied = await ApplyAsync(valid, user, cancellationToken);
        return (new OutcomeImportResult(
            applied.Count(a => a.Change == FollowUpChange.New), applied.Count(a => a.Change == FollowUpChange.Changed),
            applied.Count(a => a.Change == FollowUpChange.Unchanged)), []);
    }

    private sealed record ValidEntry(FollowUpEntry Entry, FollowUpCohort Cohort, Guid? ReferralId, DateOnly StartOn, FollowUpFindings Findings);

    private sealed record Fault(FollowUpEntry Entry, RuleBreach Breach);

    private async Task<(List<ValidEntry> Valid, List<Fault> Faults)> CheckAsync(IReadOnlyList<FollowUpEntry> entries, CancellationToken cancellationToken)
    {
        var references = entries.Select(e => e.PoliceReference).Distinct().ToList();
        var referrals = (await db.Referrals.AsNoTracking().Where(r => references.Contains(r.PoliceReference))
                .Select(r => new { r.PoliceReference, r.Id, r.ReceivedAt }).ToListAsync(cancellationToken))
            .ToDictionary(r => r.PoliceReference, r => (r.Id, StartOn: UkCalendar.DateOf(r.ReceivedAt)));
        var held = (await db.ReoffendingFollowUps.AsNoTracking().Where(f => references.Contains(f.PoliceReference))
                .Select(f => new { f.PoliceReference, f.Months, f.Cohort }).ToListAsync(cancellationToken))
            .ToDictionary(f => (f.PoliceReference, f.Months), f => f.Cohort);
        var today = UkCalendar.DateOf(clock.GetUtcNow());
        var seen = new Dictionary<(string, int), int>();
        var valid = new List<ValidEntry>();
        var faults = new List<Fault>();
        foreach (var entry in entries)
        {
            var request = entry.Request;
            var breaches = new List<RuleBreach>(entry.Unreadable);
            var cohort = request.Cohort ?? FollowUpCohort.Referred;
            (Guid Id, DateOnly StartOn)? referral = referrals.TryGetValue(entry.PoliceReference, out var found) ? found : null;
            if (entry.PoliceReference.Length is 0 or > Referral.PoliceReferenceMaxLength)
                breaches.Add(new("policeReference", $"must be given, at most {Referral.PoliceReferenceMaxLength} characters"));
            else if (cohort == FollowUpCohort.Referred && referral is null)
                breaches.Add(new("policeReference", "is not a referral of this service; send a person found eligible but not referred with cohort EligibleNotReferred"));
            else if (cohort == FollowUpCohort.EligibleNotReferred && referral is not null)
                breaches.Add(new("policeReference", "is a referral of this service, so its cohort is Referred"));
            if (held.TryGetValue((entry.PoliceReference, entry.Months), out var heldCohort) && heldCohort != cohort)
                breaches.Add(new("cohort", $"must stay {heldCohort}, as first recorded"));
            if (seen.TryGetValue((entry.PoliceReference, entry.Months), out var earlier))
                breaches.Add(new("policeReference", $"is in the file twice for the same window (line {earlier} too)"));
            seen.TryAdd((entry.PoliceReference, entry.Months), entry.Line);

            DateOnly? startOn = referral?.StartOn;
            if (cohort == FollowUpCohort.EligibleNotReferred)
            {
                startOn = request.EligibleOn;
                if (request.EligibleOn is null) breaches.Add(new("eligibleOn", "must be given for the cohort EligibleNotReferred"));
                else if (request.EligibleOn > today) breaches.Add(new("eligibleOn", "must not be in the future"));
            }
            else if (request.EligibleOn is not null) breaches.Add(new("eligibleOn", "is only for the cohort EligibleNotReferred"));

            if (request.Reoffended is null) breaches.Add(new("reoffended", "must be given"));
            var offences = request.Offences ?? [];
            for (var i = 0; i < offences.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(offences[i].TypeCode)) breaches.Add(new($"offences[{i}].typeCode", "must be given"));
                if (offences[i].Date is null) breaches.Add(new($"offences[{i}].date", "must be given"));
            }

            var findings = new FollowUpFindings(request.Reoffended ?? false,
                [.. offences.Where(o => o.TypeCode is not null && o.Date is not null).Select(o => new Reoffence(o.TypeCode!.Trim(), o.Date!.Value))]);
            if (breaches.Count == 0) breaches.AddRange(FollowUpRules.Check(entry.Months, startOn, findings, today));
            if (breaches.Count > 0) faults.AddRange(breaches.Select(b => new Fault(entry, b)));
            else valid.Add(new ValidEntry(entry, cohort, referral?.Id, startOn!.Value, findings));
        }

        return (valid, faults);
    }

    private async Task<List<(ReoffendingFollowUp FollowUp, FollowUpChange Change)>> ApplyAsync(
        IReadOnlyList<ValidEntry> entries, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var references = entries.Select(e => e.Entry.PoliceReference).Distinct().ToList();
        var held = await db.ReoffendingFollowUps.Where(f => references.Contains(f.PoliceReference)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var tenantId = tenants.Current().TenantId;
        var applied = new List<(ReoffendingFollowUp, FollowUpChange)>();
        foreach (var (entry, cohort, referralId, startOn, findings) in entries)
        {
            var followUp = held.SingleOrDefault(f => f.PoliceReference == entry.PoliceReference && f.Months == entry.Months);
            FollowUpChange change;
            if (followUp is null)
            {
                followUp = ReoffendingFollowUp.Open(entry.PoliceReference, entry.Months, cohort, referralId, startOn, findings, now);
                db.ReoffendingFollowUps.Add(followUp);
                change = FollowUpChange.New;
            }
            else change = followUp.Record(findings, now);

            if (change != FollowUpChange.Unchanged)
            {
                audit.Stage(db, AuditEntries.By(user, AuditActions.OutcomeRecorded, tenantId,
                    referralId is { } id ? AuditEntries.Referral(id) : $"follow-up:{followUp.Id}",
                    $"{change} {entry.Months}-month follow-up: {(findings.Reoffended ? $"reoffended ({findings.Reoffences.Count} offences)" : "no reoffence")}"));
            }

            applied.Add((followUp, change));
        }

        await db.SaveChangesAsync(cancellationToken);
        return applied;
    }

    private static ProblemException Unprocessable(IEnumerable<RuleBreach> breaches) =>
        new(new HttpValidationProblemDetails(breaches.GroupBy(b => b.Path).ToDictionary(g => g.Key, g => g.Select(b => $"'{g.Key}' {b.Message}.").ToArray()))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The follow-up breaks the rules",
        });
}
