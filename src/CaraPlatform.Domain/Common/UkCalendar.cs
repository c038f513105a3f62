namespace CaraPlatform.Domain.Common;

/// <summary>
/// Deadlines in CARA are days in the UK ("within 16 weeks of the caution"), so an instant is turned into a UK
/// calendar date before it is compared with one: 23:30 UTC on a summer evening is already tomorrow in London.
/// </summary>
public static class UkCalendar
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}
