using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National.Exports;

/// <summary>A file to hand out: its name, content type and bytes.</summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>An "Export everything" job as its requester sees it.</summary>
public sealed record NationalExportStatus(Guid Id, NationalExportState State, int TablesDone, int TablesTotal, DateTimeOffset RequestedAt)
{
    /// <summary>How far it has got, 0 to 100.</summary>
    public int Percent => State == NationalExportState.Done ? 100 : TablesTotal == 0 ? 0 : 100 * TablesDone / TablesTotal;
}

/// <summary>Exports of the national tables: one table at once (CSV or XLSX), or every table as a queued job.</summary>
public sealed class NationalExports(CaraDbContext db, NationalData data, TimeProvider clock)
{
    /// <summary>One suppressed table as a file; null for an unknown table.</summary>
    public async Task<ExportFile?> TableAsync(string tableId, NationalFilter filter, ExportFormat format, CancellationToken cancellationToken)
    {
        if (await data.TableAsync(tableId, filter, cancellationToken) is not { } table) return null;
        using var stream = new MemoryStream();
        await NationalExport.WriteAsync([table], format, stream, cancellationToken);
        return new ExportFile(NationalExport.FileName(table.Id, filter, format), NationalExport.ContentType(format), stream.ToArray());
    }

    /// <summary>Queues every table for <paramref name="filter"/> as one workbook, for <paramref name="personId"/> alone.</summary>
    public async Task<Guid> QueueAllAsync(Guid personId, NationalFilter filter, CancellationToken cancellationToken)
    {
        var job = NationalExportJob.Queue(personId, filter, clock.GetUtcNow());
        job.TablesTotal = data.Measures.Count;
        db.NationalExportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return job.Id;
    }

    /// <summary>The person's own exports, newest first (others' are never listed).</summary>
    public async Task<IReadOnlyList<NationalExportStatus>> MineAsync(Guid personId, CancellationToken cancellationToken) =>
        await db.NationalExportJobs.AsNoTracking()
            .Where(j => j.RequestedBy == personId)
            .OrderByDescending(j => j.RequestedAt)
            .Select(j => new NationalExportStatus(j.Id, j.State, j.TablesDone, j.TablesTotal, j.RequestedAt))
            .ToListAsync(cancellationToken);

    /// <summary>The finished workbook; null when not done, not theirs, or gone.</summary>
    public async Task<ExportFile?> DownloadAsync(Guid jobId, Guid personId, CancellationToken cancellationToken) =>
        await db.NationalExportJobs.AsNoTracking()
            .Where(j => j.Id == jobId && j.RequestedBy == personId && j.State == NationalExportState.Done)
            .Select(j => new { j.FileName, j.Content })
            .SingleOrDefaultAsync(cancellationToken) is { FileName: { } name, Content: { } content }
            ? new ExportFile(name, NationalExport.XlsxType, content)
            : null;
}
