using CaraPlatform.Domain.National;
using CaraPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.National.Exports;

/// <summary>How the "Export everything" worker runs, bound from <c>National:Exports</c>.</summary>
public sealed class NationalExportOptions
{
    public const string Section = "National:Exports";

    /// <summary>False stops this instance's worker (another instance does the work, or a test drives rounds).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claimed job is this instance's alone; after it, another instance takes over a job whose worker died.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a finished workbook is kept for its requester to download.</summary>
    public TimeSpan Keep { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Writes queued "Export everything" workbooks. A round claims the oldest waiting job (or one whose worker's lease ran
/// out) in one statement, <c>FOR UPDATE SKIP LOCKED</c>, so two hosts never write the same job; it records progress
/// after each table, and every write is conditional on still holding the lease. Finished workbooks older than
/// <see cref="NationalExportOptions.Keep"/> are deleted.
/// </summary>
public sealed partial class NationalExportWorker(
    IServiceScopeFactory scopes, IOptions<NationalExportOptions> options, TimeProvider clock, ILogger<NationalExportWorker> logger)
    : PollingService(logger)
{
    private NationalExportOptions Options => options.Value;

    protected override bool Enabled => Options.Enabled;

    protected override string EnabledSetting => $"{NationalExportOptions.Section}:Enabled";

    protected override TimeSpan PollInterval => Options.PollInterval;

    protected override TimeProvider Clock => clock;

    protected override async Task<bool> RoundAsync(CancellationToken cancellationToken) => await RunOnceAsync(cancellationToken) is not null;

    /// <summary>One round: the job written, or null when none was waiting. Public so that tests drive rounds.</summary>
    public async Task<Guid?> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaraDbContext>();
        var now = clock.GetUtcNow();
        await db.NationalExportJobs.Where(j => j.FinishedAt < now - Options.Keep).ExecuteDeleteAsync(cancellationToken);
        var lease = ToDatabasePrecision(now + Options.Lease);
        var claimed = await db.Database.SqlQuery<Guid>($"""
            UPDATE national.export_jobs SET state = 'Running', leased_until = {lease}, tables_done = 0
            WHERE id IN (
                SELECT id FROM national.export_jobs
                WHERE state = 'Queued' OR (state = 'Running' AND leased_until < {now})
                ORDER BY requested_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        if (claimed is not [var id]) return null;
        var job = await db.NationalExportJobs.AsNoTracking().SingleAsync(j => j.Id == id, cancellationToken);
        var mine = db.NationalExportJobs.Where(j => j.Id == id && j.LeasedUntil == lease);
        try
        {
            var data = scope.ServiceProvider.GetRequiredService<NationalData>();
            var tables = new List<NationalTable>();
            foreach (var measure in data.Measures)
            {
                tables.Add((await data.TableAsync(measure.Id, job.Filter, cancellationToken))!);
                var done = tables.Count;
                if (await mine.ExecuteUpdateAsync(s => s.SetProperty(j => j.TablesDone, done).SetProperty(j => j.TablesTotal, data.Measures.Count), cancellationToken) == 0)
                    return id; // another worker took it over after our lease ran out: its outcome, not ours
            }

            using var workbook = new MemoryStream();
            await NationalExport.WriteAsync(tables, ExportFormat.Xlsx, workbook, cancellationToken);
            var content = workbook.ToArray();
            var fileName = NationalExport.FileName("national-data", job.Filter, ExportFormat.Xlsx);
            await mine.ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, NationalExportState.Done)
                .SetProperty(j => j.Content, content)
                .SetProperty(j => j.FileName, fileName)
                .SetProperty(j => j.FinishedAt, clock.GetUtcNow()), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, id);
            await mine.ExecuteUpdateAsync(s => s.SetProperty(j => j.State, NationalExportState.Failed).SetProperty(j => j.FinishedAt, clock.GetUtcNow()), CancellationToken.None);
        }

        return id;
    }

    /// <summary>PostgreSQL keeps microseconds: the lease read back must equal the lease written.</summary>
    private static DateTimeOffset ToDatabasePrecision(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    [LoggerMessage(LogLevel.Error, "National export {JobId} failed; its requester is told to ask again.")]
    private partial void LogFailed(Exception exception, Guid jobId);
}
