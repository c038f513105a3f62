using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.ForceReports;

/// <summary>
/// A tenant's report to its force for one month: the month's national figures and the police's annex of the month's
/// referrals, kept as made (PDF and CSV) so that what was sent can be fetched again. One per tenant and month (a unique
/// index), however often the monthly job runs.
/// </summary>
public sealed class ForceReport : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The first day of the month reported on.</summary>
    public required DateOnly Month { get; init; }

    public required byte[] Pdf { get; init; }

    public required string Csv { get; init; }

    public required DateTimeOffset MadeAt { get; init; }

    /// <summary>When the emails to its recipients were staged in the outbox (null when the tenant names none).</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The month's first day for any day in it.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The month's name in a file name or URL: <c>2026-11</c>.</summary>
    public static string Key(DateOnly month) => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The month in a route or file name (<c>2026-11</c>) as its first day; false for anything else.</summary>
    public static bool TryParseKey(string key, out DateOnly month) =>
        DateOnly.TryParseExact(key, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out month);

    public static string FileName(DateOnly month, string extension) => $"cara-force-report-{Key(month)}.{extension}";
}
