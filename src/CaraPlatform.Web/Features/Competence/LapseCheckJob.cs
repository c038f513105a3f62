using System.Text;
using CaraPlatform.Domain.Competence;
using CaraPlatform.Infrastructure.Hosting;
using CaraPlatform.Web.Platform.Mail;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Competence;

public sealed class LapseCheckOptions : DailyJobOptions
{
    public const string Section = "Competence:LapseCheck";
}

/// <summary>
/// Daily, tenant by tenant through the tenant runner: finds the upcoming runs whose facilitator will lapse before the
/// run (<see cref="LapseWatch"/>) and keeps the licence holder's worklist (<c>runs_at_risk</c>) in step: a new (run,
/// person, gap) is added and emailed to the tenant's coordinators and the Trainers, once; one no longer found is
/// marked resolved; one found again is reopened without a second email. The worklist and its emails are written in
/// one save, so a failed round tells nobody and is simply run again. Two instances racing to add the same row meet the
/// unique index: the loser's round for that tenant fails and the next round finds the row there.
/// </summary>
public sealed partial class LapseCheckJob(
    TenantRunner tenants, Mailbox mailbox, IConfiguration configuration, IOptions<LapseCheckOptions> options, TimeProvider clock,
    ILogger<LapseCheckJob> logger) : DailyJob<LapseCheckOptions>(options, LapseCheckOptions.Section, clock, logger)
{
    public const string MailKind = "runs-at-risk";

    protected override async Task<bool> RoundAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken: cancellationToken);
        return false;
    }

    /// <summary>One round over every active tenant (or those <paramref name="only"/> picks); returns how many gaps each newly found.</summary>
    public Task<TenantRun<int>> RunOnceAsync(Func<CaraTenantInfo, bool>? only = null, CancellationToken cancellationToken = default) =>
        tenants.RunAsync("The facilitator lapse check", (tenant, services, ct) => CheckTenantAsync(tenant, services, ct), only, cancellationToken);

    private async Task<int> CheckTenantAsync(CaraTenantInfo tenant, IServiceProvider services, CancellationToken cancellationToken)
    {
        // The watch judges on this job's clock, so that a test moving it sees the runs as they will stand.
        var risks = await ActivatorUtilities.CreateInstance<LapseWatch>(services, Clock).FindAsync(cancellationToken);
        var found = risks.SelectMany(r => r.Gaps.Select(g => (Risk: r, Gap: g))).ToList();
        var db = services.GetRequiredService<CaraDbContext>();
        var now = Clock.GetUtcNow();
        var rows = await db.RunsAtRisk.Where(r => r.TenantId == tenant.TenantId).ToListAsync(cancellationToken);
        var fresh = new List<(LapseRisk Risk, string Message)>();
        foreach (var (risk, gap) in found)
        {
            var row = rows.SingleOrDefault(r => r.RunId == risk.RunId && r.UserId == risk.PersonId && r.GapCode == gap.Code);
            if (row is null)
            {
                row = new RunAtRisk
                {
                    TenantId = tenant.TenantId,
                    TenantName = tenant.Name,
                    RunId = risk.RunId,
                    UserId = risk.PersonId,
                    PersonName = risk.PersonName,
                    GapCode = gap.Code,
                    GapMessage = gap.Message,
                    FirstSeenAt = now,
                };
                db.RunsAtRisk.Add(row);
                fresh.Add((risk, gap.Message));
            }

            (row.TenantName, row.PersonName, row.GapMessage) = (tenant.Name, risk.PersonName, gap.Message);
            (row.Workshop1, row.Workshop2, row.ResolvedAt) = (risk.Workshop1, risk.Workshop2, null);
        }

        foreach (var row in rows.Where(r => r.ResolvedAt is null && !found.Any(f => f.Risk.RunId == r.RunId && f.Risk.PersonId == r.UserId && f.Gap.Code == r.GapCode)))
            row.ResolvedAt = now;

        if (fresh.Count > 0) await TellAsync(db, tenant, fresh, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (fresh.Count > 0) LogFound(fresh.Count, tenant.Identifier);
        return fresh.Count;
    }

    /// <summary>One email to each of the tenant's coordinators (linking each run's edit page) and each Trainer (linking the worklist).</summary>
    private async Task TellAsync(CaraDbContext db, CaraTenantInfo tenant, List<(LapseRisk Risk, string Message)> fresh, CancellationToken cancellationToken)
    {
        var coordinatorIds = (await db.Memberships.AsNoTracking().ToListAsync(cancellationToken))
            .Where(m => m.Roles.Contains(TenantRole.Coordinator)).Select(m => m.UserId).ToList();
        var coordinators = await db.Users.AsNoTracking().Where(u => coordinatorIds.Contains(u.Id) && u.Email != null).Select(u => u.Email!).ToListAsync(cancellationToken);
        var trainers = await db.Users.AsNoTracking().Where(u => u.PlatformRoles.Contains(PlatformRole.Trainer) && u.Email != null).Select(u => u.Email!).ToListAsync(cancellationToken);
        var subject = $"{tenant.Name}: a facilitator will lapse before a run";
        foreach (var to in coordinators)
            mailbox.Stage(db, new MailMessage(to, subject, Body(tenant, fresh, run => Link($"t/{tenant.Identifier}/runs/{run}/edit")), MailKind));
        foreach (var to in trainers.Except(coordinators, StringComparer.OrdinalIgnoreCase))
            mailbox.Stage(db, new MailMessage(to, subject, Body(tenant, fresh, _ => Link("national/training/runs-at-risk")), MailKind));
    }

    private static string Body(CaraTenantInfo tenant, List<(LapseRisk Risk, string Message)> fresh, Func<Guid, string> link)
    {
        var body = new StringBuilder($"These facilitators of {tenant.Name}'s upcoming runs will not be cleared to run them unless they are trained, signed off or supervised in time, or replaced:\n");
        foreach (var run in fresh.GroupBy(f => f.Risk.RunId))
        {
            body.Append('\n').Append(run.First().Risk.Run).Append(": ").Append(link(run.Key)).Append('\n');
            foreach (var person in run.GroupBy(f => f.Risk.PersonName))
                body.Append("- ").Append(person.Key).Append(": ").AppendJoin("; ", person.Select(p => p.Message)).Append('\n');
        }

        return body.ToString();
    }

    /// <summary>A link below the configured public address; the path alone where none is configured (Development).</summary>
    private string Link(string path) =>
        configuration[PublicAddress.PublicUrlKey] is { Length: > 0 } root ? $"{root.TrimEnd('/')}/{path}" : $"/{path}";

    [LoggerMessage(LogLevel.Information, "Found {Count} new facilitator lapses before runs in tenant {Tenant}")]
    private partial void LogFound(int count, string tenant);
}
