using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.Workshops;

/// <summary>Which of the two workshops every participant attends.</summary>
public enum WorkshopNumber { Workshop1 = 1, Workshop2 = 2 }

/// <summary>
/// One workshop of a run: a date and local (UK) start and end times. Times are wall-clock times where the
/// workshop is held, so a 10:00 start stays 10:00 across the change to and from British Summer Time.
/// </summary>
public sealed record WorkshopSession(DateOnly Date, TimeOnly Start, TimeOnly End)
{
    /// <summary>The programme's usual 10:00–15:00 session, used when a tenant's own defaults cannot be read.</summary>
    public static readonly TimeOnly DefaultStart = new(10, 0);

    public static readonly TimeOnly DefaultEnd = new(15, 0);

    /// <summary>A session on <paramref name="date"/> at the tenant's default times (10:00–15:00 unless it sets others).</summary>
    public static WorkshopSession OnDate(DateOnly date, WorkshopDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        // The tenant loader has already checked both times; the programme defaults stand only for one it has not.
        var start = TenantDefinition.TryParseTime(defaults.StartTime, out var s) ? s : DefaultStart;
        var end = TenantDefinition.TryParseTime(defaults.EndTime, out var e) ? e : DefaultEnd;
        return new WorkshopSession(date, start, end);
    }

    /// <summary>The instant the workshop starts, read as UK local time.</summary>
    public DateTimeOffset StartsAt => UkCalendar.At(Date, Start);

    /// <summary>The instant the workshop ends, read as UK local time.</summary>
    public DateTimeOffset EndsAt => UkCalendar.At(Date, End);
}
