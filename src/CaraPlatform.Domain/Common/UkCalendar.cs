namespace CaraPlatform.Domain.Common;

/// <summary>
/// CARA runs on UK days and clocks: deadlines are UK dates ("within 16 weeks of the caution"), so an instant is
/// turned into a UK date before it is compared with one (23:30 UTC on a summer evening is already tomorrow in
/// London), and workshops start at 10:00 London time, summer and winter.
/// </summary>
public static class UkCalendar
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant of a UK wall-clock time on a UK date.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        // GetUtcOffset does not throw for the skipped or repeated hour at a clock change (01:00–02:00),
        // which no workshop is held in; ConvertTimeToUtc would.
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
