using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.National;

public enum NationalExportState { Queued, Running, Done, Failed }

/// <summary>
/// "Export everything": every national table for a filter as one workbook, written by a background worker because it
/// takes a while. Only the person who asked may download it; the file holds suppressed tables only.
/// </summary>
[GlobalEntity]
public sealed class NationalExportJob
{
    public Guid Id { get; set; }

    /// <summary>The account that asked, and the only one that may see its progress or download it.</summary>
    public Guid RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public string? Tenant { get; set; }

    public string? Force { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public Cohort? Cohort { get; set; }

    public string? Language { get; set; }

    public NationalExportState State { get; set; }

    public int TablesDone { get; set; }

    public int TablesTotal { get; set; }

    /// <summary>Until when the worker that claimed it owns it: a worker that dies lets another take the job over after this.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? FileName { get; set; }

    /// <summary>The workbook, once done.</summary>
    public byte[]? Content { get; set; }

    public NationalFilter Filter => new(Tenant, Force, From, To, Cohort, Language);

    public static NationalExportJob Queue(Guid requestedBy, NationalFilter filter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new NationalExportJob
        {
            Id = Guid.CreateVersion7(now),
            RequestedBy = requestedBy,
            RequestedAt = now,
            State = NationalExportState.Queued,
            Tenant = filter.Tenant,
            Force = filter.Force,
            From = filter.From,
            To = filter.To,
            Cohort = filter.Cohort,
            Language = filter.Language,
        };
    }
}
