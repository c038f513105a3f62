using CaraPlatform.Domain.National;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.National;

/// <summary>
/// The national rows of what participants and victims say, narrowed by a filter. Questionnaire answers keep the month
/// they were given and carry their referral's force, cohort and language; victim answers have no referral, so only
/// tenant, force and period narrow them.
/// </summary>
public static class NationalVoices
{
    public static IQueryable<NationalFeedbackAnswer> FeedbackAnswers(this NationalReadModel model, NationalFilter filter)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(filter);
        var db = model.Db;
        var answers = db.NationalFeedbackAnswers.AsNoTracking();
        if (filter.Tenant is { } tenant) answers = answers.Where(a => db.Tenants.Any(t => t.Id == a.TenantId && t.Slug == tenant));
        if (filter.From is { } from) answers = answers.Where(a => a.Month >= NationalReadModel.MonthOf(from));
        if (filter.To is { } to) answers = answers.Where(a => a.Month <= NationalReadModel.MonthOf(to));
        if (filter.Force is { } force) answers = answers.Where(a => a.ForceCode == force);
        if (filter.Cohort is { } cohort) answers = answers.Where(a => a.Cohort == cohort);
        if (filter.Language is { } language) answers = answers.Where(a => a.Language == language);
        return answers;
    }

    public static IQueryable<NationalVictimChange> VictimChanges(this NationalReadModel model, NationalFilter filter)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(filter);
        var db = model.Db;
        var changes = db.NationalVictimChanges.AsNoTracking();
        if (filter.Tenant is { } tenant) changes = changes.Where(c => db.Tenants.Any(t => t.Id == c.TenantId && t.Slug == tenant));
        if (filter.Force is { } force) changes = changes.Where(c => c.ForceCode == force);
        if (filter.From is { } from) changes = changes.Where(c => c.Month >= NationalReadModel.MonthOf(from));
        if (filter.To is { } to) changes = changes.Where(c => c.Month <= NationalReadModel.MonthOf(to));
        return changes;
    }

    public static IQueryable<NationalSignposting> Signposting(this NationalReadModel model, NationalFilter filter)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(filter);
        var db = model.Db;
        var signposting = db.NationalSignposting.AsNoTracking();
        if (filter.Tenant is { } tenant) signposting = signposting.Where(s => db.Tenants.Any(t => t.Id == s.TenantId && t.Slug == tenant));
        if (filter.Force is { } force) signposting = signposting.Where(s => s.ForceCode == force);
        if (filter.From is { } from) signposting = signposting.Where(s => s.Month >= NationalReadModel.MonthOf(from));
        if (filter.To is { } to) signposting = signposting.Where(s => s.Month <= NationalReadModel.MonthOf(to));
        return signposting;
    }

    /// <summary>Whether cohort or language narrow the filter: victim answers cannot honour them, and their tables say so.</summary>
    public static string? UnappliedFilters(NationalFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.Cohort is not null || filter.Language is not null
            ? " Cohort and language do not narrow victims' answers, which are kept apart from the referral."
            : null;
    }
}

/// <summary>
/// Questionnaire answers before and after the course, per question: how many gave each point of the five-point scale
/// and the share agreeing (4 or 5), e.g. "94% said their attitude towards their partner changed". The pre-course
/// questions share the codes of the post-course ones they mirror, so their rows sit side by side.
/// </summary>
public sealed class QuestionnaireAnswersMeasure(NationalReadModel model) : INationalMeasure
{
    public const string TableId = "questionnaire-answers";

    public string Id => TableId;

    public string Title => "Questionnaire answers before and after the course";

    public string Section => "Feedback";

    public int Order => 600;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var counts = await model.FeedbackAnswers(filter)
            .GroupBy(a => new { a.QuestionCode, a.Stage, a.Value })
            .Select(g => new { g.Key.QuestionCode, g.Key.Stage, g.Key.Value, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        List<NationalColumn> columns =
        [
            new("strongly-disagree", "Strongly disagree"), new("disagree", "Disagree"), new("neutral", "Neither agree nor disagree"),
            new("agree", "Agree"), new("strongly-agree", "Strongly agree"), new(NationalTable.TotalKey, "Total"),
            new("agreeing", "Agreeing", CellKind.Percent),
        ];
        var rows = new List<NationalRow>();
        var sums = new List<NationalSum>();
        var scale = Enumerable.Range(FeedbackScale.Min, FeedbackScale.Max - FeedbackScale.Min + 1).ToList();
        foreach (var question in counts.Select(c => c.QuestionCode).Distinct().Order(StringComparer.Ordinal))
        {
            foreach (var stage in new[] { FeedbackStage.PreCourse, FeedbackStage.PostCourse })
            {
                var perValue = scale.Select(v => counts.Where(c => c.QuestionCode == question && c.Stage == stage && c.Value == v).Sum(c => c.Count)).ToList();
                var total = perValue.Sum();
                if (total == 0) continue;
                var agreeing = perValue[FeedbackScale.Agree - FeedbackScale.Min] + perValue[FeedbackScale.StronglyAgree - FeedbackScale.Min];
                sums.Add(new NationalSum(new CellRef(rows.Count, scale.Count), [.. scale.Select((_, c) => new CellRef(rows.Count, c))]));
                rows.Add(new NationalRow($"{question}.{Key(stage)}", $"{question} ({Words(stage)})",
                    [.. perValue.Select(NationalCell.Count), NationalCell.Count(total), NationalCell.Percent(agreeing, total)]));
            }
        }

        return new NationalTable(Id, Title, "Question", columns, rows, sums,
            new NationalChart(ChartKind.StackedBar, Columns: [.. columns.Take(scale.Count).Select(c => c.Key)]),
            "Answers on the five-point scale, by the month they were given. Pre-course questions are asked at the start of Workshop 1, " +
            "post-course ones at the end of Workshop 2; a question asked at both keeps one code, so its two rows compare before and after.");
    }

    public static string Key(FeedbackStage stage) => stage == FeedbackStage.PreCourse ? "pre-course" : "post-course";

    private static string Words(FeedbackStage stage) => stage == FeedbackStage.PreCourse ? "before the course" : "after the course";
}

/// <summary>
/// What victims in contact report of the person who caused harm after Workshop 1 and after Workshop 2, and the share of
/// those asked (Improved, NoChange or Worse) who report a change for the better (the programme's "over 60% after
/// Workshop 1").
/// </summary>
public sealed class VictimReportedChangeMeasure(NationalReadModel model) : INationalMeasure
{
    public const string TableId = "victim-reported-change";

    private static readonly ReportedChange[] Answers = [ReportedChange.Improved, ReportedChange.NoChange, ReportedChange.Worse, ReportedChange.NotAskedNoContact];

    public string Id => TableId;

    public string Title => "Victim-reported change after each workshop";

    public string Section => "Victims";

    public int Order => 700;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var counts = await model.VictimChanges(filter)
            .GroupBy(c => new { c.Workshop, c.Change })
            .Select(g => new { g.Key.Workshop, g.Key.Change, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        List<NationalColumn> columns =
            [new("improved", "Improved"), new("no-change", "No change"), new("worse", "Worse"), new("not-asked-no-contact", "Not asked (no contact)")];
        var table = NationalTable.Crosstab(Id, Title, "After", columns,
            [.. new[] { WorkshopNumber.Workshop1, WorkshopNumber.Workshop2 }.Select(w => (
                w == WorkshopNumber.Workshop1 ? "workshop1" : "workshop2",
                w == WorkshopNumber.Workshop1 ? "Workshop 1" : "Workshop 2",
                (IReadOnlyList<long>)[.. Answers.Select(a => counts.Where(c => c.Workshop == w && c.Change == a).Sum(c => c.Count))]))],
            new NationalChart(ChartKind.StackedBar, Columns: [.. columns.Select(c => c.Key)]),
            "One answer per victim and workshop, by the month it was recorded. The share is of those asked: improved, no change or worse." +
            NationalVoices.UnappliedFilters(filter));
        // Improved of those asked: the first three answer columns (the fourth is "not asked").
        return table with
        {
            Columns = [.. table.Columns, new NationalColumn("improved-share", "Asked who report a change for the better", CellKind.Percent)],
            Rows = [.. table.Rows.Select(r => r with
            {
                Cells = [.. r.Cells, NationalCell.Percent((long)r.Cells[0].Value!, (long)(r.Cells[0].Value! + r.Cells[1].Value! + r.Cells[2].Value!))],
            })],
        };
    }
}

/// <summary>How often victims were signposted to each type of service (an entry may name several).</summary>
public sealed class SignpostingMeasure(NationalReadModel model) : INationalMeasure
{
    public const string TableId = "signposting";

    public string Id => TableId;

    public string Title => "Victims signposted, by type of service";

    public string Section => "Victims";

    public int Order => 710;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var counts = await model.Signposting(filter)
            .GroupBy(s => s.Service)
            .Select(g => new { Service = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var rows = counts.OrderByDescending(c => c.Count).ThenBy(c => c.Service, StringComparer.Ordinal)
            .Select(c => new NationalRow(c.Service, c.Service, [NationalCell.Count(c.Count)]))
            .Append(new NationalRow(NationalTable.TotalKey, "Total", [NationalCell.Count(counts.Sum(c => c.Count))]))
            .ToList();
        return new NationalTable(Id, Title, "Service", [new NationalColumn("signposted", "Times signposted")], rows,
            [new NationalSum(new CellRef(counts.Count, 0), [.. Enumerable.Range(0, counts.Count).Select(r => new CellRef(r, 0))])],
            new NationalChart(ChartKind.Bar),
            "Each service a victim was pointed to, by the month it was recorded; one signposting may name several services." +
            NationalVoices.UnappliedFilters(filter));
    }
}
