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
    /// <summary>A session on <paramref name="date"/> at the tenant's default times (10:00–15:00 unless it sets others).</summary>
    public static WorkshopSession OnDate(DateOnly date, WorkshopDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var (start, end) = defaults.SessionTimes();
        return new WorkshopSession(date, start, end);
    }

    /// <summary>The instant the workshop starts, read as UK local time.</summary>
    public DateTimeOffset StartsAt => UkCalendar.At(Date, Start);

    /// <summary>The instant the workshop ends, read as UK local time.</summary>
    public DateTimeOffset EndsAt => UkCalendar.At(Date, End);
}
