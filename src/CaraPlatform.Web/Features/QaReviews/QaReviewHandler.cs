using System.Globalization;
using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.QaReviews;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.National.Contracts;
using CaraPlatform.Web.Platform.Mail;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.QaReviews;

/// <summary>The coverage target's window, bound from <c>QaReviews</c>.</summary>
public sealed class QaReviewOptions
{
    public const string Section = "QaReviews";

    /// <summary>Every active facilitator is to be observed at least once within this many months.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 60)]
    public int CoverageWindowMonths { get; set; } = ObservationCoverage.DefaultWindowMonths;
}

/// <summary>
/// The licence holder's side of quality assurance: the runs to observe and their facts (from the national read model,
/// through <see cref="IRunFacts"/>), the dashboard and coverage, and the reviewer's moves on a review (each audited,
/// each checked against the version the caller read). Facilitators and ProviderAdmins are read tenant by tenant in each
/// tenant's own scope, through the tenant runner.
/// </summary>
public sealed class QaReviewHandler(
    CaraDbContext db, IRunFacts runs, TenantRunner tenants, AuditTrail audit, Mailbox mailbox, IConfiguration configuration,
    IOptions<QaReviewOptions> options, TimeProvider clock)
{
    /// <summary>How far back and ahead the runs to observe reach from today.</summary>
    private const int RunsBackDays = 90;
    private const int RunsAheadDays = 60;

    private DateOnly Today => UkCalendar.DateOf(clock.GetUtcNow());

    public async Task<IReadOnlyList<QaRunSummary>> RunsToObserveAsync(string? tenant, CancellationToken cancellationToken)
    {
        var names = await TenantNamesAsync(cancellationToken);
        Guid? only = tenant is null ? null : names.Values.FirstOrDefault(t => t.Slug == tenant)?.Id ?? throw ProblemException.NotFound("Tenant not found");
        var found = await runs.RunsAsync(only, Today.AddDays(-RunsBackDays), Today.AddDays(RunsAheadDays), cancellationToken);
        return [.. found.Where(r => r.CancelledOn is null && names.ContainsKey(r.TenantId))
            .Select(r => new QaRunSummary(names[r.TenantId].Slug, names[r.TenantId].Name, r))];
    }

    public async Task<QaRunResponse?> RunAsync(string tenant, Guid runId, CancellationToken cancellationToken)
    {
        if (await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == tenant, cancellationToken) is not { } owner
            || await runs.RunAsync(owner.Id, runId, cancellationToken) is not { } run) return null;
        var reviews = await db.QaReviews.AsNoTracking().Where(r => r.TenantId == owner.Id && r.RunId == runId)
            .OrderByDescending(r => r.ObservedOn).ToListAsync(cancellationToken);
        return new QaRunResponse(owner.Slug, owner.Name, run, await runs.FeedbackAsync(owner.Id, runId, cancellationToken),
            await SummariesAsync(reviews, cancellationToken));
    }

    /// <summary>Every review (of one tenant, or all), newest observation first.</summary>
    public async Task<IReadOnlyList<QaReviewSummary>> ListAsync(string? tenant, CancellationToken cancellationToken)
    {
        var reviews = await db.QaReviews.AsNoTracking()
            .Where(r => tenant == null || db.Tenants.Any(t => t.Id == r.TenantId && t.Slug == tenant))
            .OrderByDescending(r => r.ObservedOn).ThenByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
        return await SummariesAsync(reviews, cancellationToken);
    }

    public async Task<QaReviewResponse?> FindAsync(Guid reviewId, CancellationToken cancellationToken) =>
        await db.QaReviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken) is { } review
            ? await QaReviewViews.DescribeAsync(db, runs, review, Today, cancellationToken)
            : null;

    /// <summary>Per tenant, the latest rating and its trend and the overdue actions; per facilitator, the coverage.</summary>
    public async Task<QaDashboardResponse> DashboardAsync(CancellationToken cancellationToken)
    {
        var names = await TenantNamesAsync(cancellationToken);
        var reviews = await db.QaReviews.AsNoTracking().ToListAsync(cancellationToken);
        var today = Today;
        var window = options.Value.CoverageWindowMonths;
        var facilitators = await FacilitatorsAsync(cancellationToken);
        var people = await PeopleAsync([.. facilitators.SelectMany(f => f.Value)], cancellationToken);
        var lines = names.Values.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t =>
        {
            var rated = reviews.Where(r => r.TenantId == t.Id && r.Status != QaReviewStatus.Draft && r.Rating is not null)
                .OrderByDescending(r => r.ObservedOn).ThenByDescending(r => r.SubmittedAt).ToList();
            var (latest, previous) = (rated.ElementAtOrDefault(0), rated.ElementAtOrDefault(1));
            QaTrend? trend = latest is null || previous is null ? null
                : latest.Rating > previous.Rating ? QaTrend.Improving : latest.Rating < previous.Rating ? QaTrend.Declining : QaTrend.Steady;
            return new QaTenantLine(t.Slug, t.Name, latest?.Rating, latest?.ObservedOn, trend, rated.Count,
                reviews.Where(r => r.TenantId == t.Id).Sum(r => r.OverdueActions(today).Count));
        }).ToList();
        var coverage = facilitators.Where(f => names.ContainsKey(f.Key)).OrderBy(f => names[f.Key].Name, StringComparer.Ordinal)
            .SelectMany(f => ObservationCoverage.Of(f.Value, reviews.Where(r => r.TenantId == f.Key), today, window)
                .Select(c => new QaCoverageLine(names[f.Key].Slug, names[f.Key].Name, c.UserId, people.GetValueOrDefault(c.UserId) ?? "", c.LastObservedOn, c.Due)))
            .ToList();
        return new QaDashboardResponse(window, lines, coverage);
    }

    public async Task<QaReviewResponse> DraftAsync(DraftQaReviewRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == request.Tenant, cancellationToken)
            ?? throw ProblemException.Invalid([new RuleBreach("tenant", "is not a tenant")]);
        var run = await runs.RunAsync(tenant.Id, request.RunId!.Value, cancellationToken)
            ?? throw ProblemException.Invalid([new RuleBreach("runId", $"is not a run of {tenant.Name}")]);
        var review = Refused(() => QaReview.Draft(tenant.Id, run.RunId, caller.PersonId()!.Value, Observation(request, run)));
        db.QaReviews.Add(review);
        audit.Stage(db, new AuditEntry(AuditActions.QaReviewChanged, "drafted", tenant.Id, caller.PersonId(), Subject: review.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return await QaReviewViews.DescribeAsync(db, runs, review, Today, cancellationToken);
    }

    public async Task<QaReviewResponse> ReviseAsync(Guid reviewId, ReviseQaReviewRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var review = await LoadAsync(reviewId, request.Version!.Value, cancellationToken);
        var run = await runs.RunAsync(review.TenantId, review.RunId, cancellationToken) ?? throw ProblemException.NotFound("The review's run is not in the national data");
        Refused(() => review.Revise(Observation(request, run)));
        return await SaveAsync(review, "revised", caller, cancellationToken);
    }

    /// <summary>Submits the draft and tells the tenant's ProviderAdmins by email (their home shows it too).</summary>
    public async Task<QaReviewResponse> SubmitAsync(Guid reviewId, QaReviewVersionRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var review = await LoadAsync(reviewId, request.Version!.Value, cancellationToken);
        if (review.Status == QaReviewStatus.Draft && review.Missing() is { Count: > 0 } missing)
            throw ProblemException.Invalid(missing.Select(m => new RuleBreach(m.Field, m.Message)));
        Refused(() => review.Submit(clock.GetUtcNow()));
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == review.TenantId, cancellationToken);
        var path = $"t/{tenant.Slug}/qa-reviews/{review.Id}";
        var link = configuration[PublicAddress.PublicUrlKey] is { Length: > 0 } root ? $"{root.TrimEnd('/')}/{path}" : $"/{path}";
        foreach (var to in await ProviderAdminEmailsAsync(review.TenantId, cancellationToken))
        {
            mailbox.Stage(db, new MailMessage(to, $"A quality-assurance review of {tenant.Name} awaits your acknowledgement",
                $"""
                The licence holder has submitted a quality-assurance review of a course run of {tenant.Name}, observed on {review.ObservedOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.

                Read it, acknowledge it (you may add a response) and record evidence for each action at {link}.
                """, "qa-review-submitted"));
        }

        return await SaveAsync(review, "submitted", caller, cancellationToken);
    }

    public async Task<QaReviewResponse> VerifyAsync(Guid reviewId, Guid actionId, QaReviewVersionRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var review = await LoadAsync(reviewId, request.Version!.Value, cancellationToken);
        Refused(() => review.Verify(actionId, caller.PersonId()!.Value, clock.GetUtcNow()));
        return await SaveAsync(review, review.Status == QaReviewStatus.Closed ? "closed" : "action-verified", caller, cancellationToken);
    }

    /// <summary>Overdue actions across every tenant, for the national home's banner.</summary>
    public async Task<int> OverdueActionsAsync(CancellationToken cancellationToken)
    {
        var open = await db.QaReviews.AsNoTracking()
            .Where(r => r.Status == QaReviewStatus.Submitted || r.Status == QaReviewStatus.Acknowledged).ToListAsync(cancellationToken);
        return open.Sum(r => r.OverdueActions(Today).Count);
    }

    private async Task<QaReviewResponse> SaveAsync(QaReview review, string outcome, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        audit.Stage(db, new AuditEntry(AuditActions.QaReviewChanged, outcome, review.TenantId, caller.PersonId(), Subject: review.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return await QaReviewViews.DescribeAsync(db, runs, review, Today, cancellationToken);
    }

    /// <summary>The review to change, held to the version the caller read (a stale one fails the save with 409).</summary>
    private async Task<QaReview> LoadAsync(Guid reviewId, uint version, CancellationToken cancellationToken)
    {
        var review = await db.QaReviews.SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken) ?? throw ProblemException.NotFound("Review not found");
        db.Entry(review).Property(r => r.Version).OriginalValue = version;
        return review;
    }

    /// <summary>The form as the domain takes it; the facilitators observed must be the run's own.</summary>
    private static QaObservation Observation(IQaObservationRequest request, ObservableRun run)
    {
        var ofRun = run.Facilitators.Select(f => f.UserId).ToHashSet();
        var strangers = request.FacilitatorIds!.Select((id, i) => (id, i)).Where(f => !ofRun.Contains(f.id)).ToList();
        if (strangers.Count > 0) throw ProblemException.Invalid(strangers.Select(f => new RuleBreach($"facilitatorIds[{f.i}]", "is not a facilitator of the run")));
        return new QaObservation(request.Mode!.Value, request.ObservedOn!.Value, request.FacilitatorIds!,
            [.. request.Scores!.Select(s => new QaDomainScore(s.Domain!.Value, s.Score!.Value, s.Narrative?.Trim() ?? ""))], request.Rating,
            string.IsNullOrWhiteSpace(request.Findings) ? null : request.Findings.Trim(),
            [.. request.Actions!.Select(a => new QaActionPlan(a.Text!.Trim(), a.Owner!.Trim(), a.DueOn!.Value))]);
    }

    internal static T Refused<T>(Func<T> move)
    {
        try
        {
            return move();
        }
        catch (QaReviewException refused)
        {
            throw ProblemException.Conflict(refused.Message, field: "status");
        }
    }

    internal static void Refused(Action move) => Refused(() =>
    {
        move();
        return true;
    });

    private async Task<IReadOnlyList<QaReviewSummary>> SummariesAsync(List<QaReview> reviews, CancellationToken cancellationToken)
    {
        var names = await TenantNamesAsync(cancellationToken);
        var people = await PeopleAsync([.. reviews.SelectMany(r => r.FacilitatorIds)], cancellationToken);
        return [.. reviews.Select(r => QaReviewViews.Summary(r, names[r.TenantId].Slug, names[r.TenantId].Name, people, Today))];
    }

    private async Task<Dictionary<Guid, Tenant>> TenantNamesAsync(CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, cancellationToken);

    private Task<Dictionary<Guid, string>> PeopleAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

    /// <summary>Each tenant's active facilitators: members holding the Facilitator role, read in that tenant's scope.</summary>
    private async Task<Dictionary<Guid, List<Guid>>> FacilitatorsAsync(CancellationToken cancellationToken) =>
        (await tenants.RunAsync("Reading facilitators for QA coverage", (_, services, ct) =>
            services.GetRequiredService<CaraDbContext>().Memberships.AsNoTracking().Where(m => m.Roles.Contains(TenantRole.Facilitator))
                .Select(m => m.UserId).ToListAsync(ct), cancellationToken: cancellationToken))
        .Results.ToDictionary(r => r.Tenant.TenantId, r => r.Result);

    private async Task<List<string>> ProviderAdminEmailsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var admins = (await tenants.RunAsync("Finding ProviderAdmins for a QA review", (_, services, ct) =>
                services.GetRequiredService<CaraDbContext>().Memberships.AsNoTracking().Where(m => m.Roles.Contains(TenantRole.ProviderAdmin))
                    .Select(m => m.UserId).ToListAsync(ct), t => t.TenantId == tenantId, cancellationToken))
            .Results.SelectMany(r => r.Result).ToList();
        return await db.Users.AsNoTracking().Where(u => admins.Contains(u.Id)).Select(u => u.Email).OfType<string>().ToListAsync(cancellationToken);
    }
}

/// <summary>How a review is shown, the same to both sides.</summary>
internal static class QaReviewViews
{
    public static QaReviewSummary Summary(QaReview r, string tenant, string tenantName, IReadOnlyDictionary<Guid, string> people, DateOnly today) => new(
        r.Id, tenant, tenantName, r.RunId, r.ObservedOn, r.Mode, r.Status, r.Rating,
        [.. r.FacilitatorIds.Select(id => people.GetValueOrDefault(id) ?? "")], r.Actions.Count, r.OverdueActions(today).Count);

    public static async Task<QaReviewResponse> DescribeAsync(CaraDbContext db, IRunFacts runs, QaReview r, DateOnly today, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == r.TenantId, cancellationToken);
        var ids = r.FacilitatorIds.Append(r.ReviewerId).ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var overdue = r.OverdueActions(today).Select(a => a.Id).ToHashSet();
        return new QaReviewResponse(
            r.Id, tenant.Slug, tenant.Name, r.RunId, await runs.RunAsync(r.TenantId, r.RunId, cancellationToken), r.Mode, r.ObservedOn,
            [.. r.FacilitatorIds.Select(id => new RunFacilitator(id, people.GetValueOrDefault(id) ?? ""))], r.Scores, r.Rating, r.Findings,
            [.. r.Actions.Select(a => new QaActionResponse(a.Id, a.Text, a.Owner, a.DueOn, overdue.Contains(a.Id), a.Evidence, a.EvidenceAt, a.VerifiedAt))],
            r.Status, people.GetValueOrDefault(r.ReviewerId) ?? "", r.SubmittedAt, r.AcknowledgedAt, r.Response, r.ClosedAt, r.Version);
    }
}
