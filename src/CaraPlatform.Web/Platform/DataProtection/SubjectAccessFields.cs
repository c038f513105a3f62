using System.Globalization;
using CaraPlatform.Domain.Common;

namespace CaraPlatform.Web.Platform.DataProtection;

/// <summary>
/// Fields of a subject-access export written one way by every feature, for a reader rather than a program: dates as
/// ISO dates, instants in UK time, yes or no, names of states as the code calls them.
/// </summary>
public static class SubjectAccessFields
{
    public static SubjectAccessField Of(string name, object? value) => new(name, Text(value));

    /// <summary>A value as an export writes it.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "Yes" : "No",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => TimeZoneInfo.ConvertTime(instant, UkCalendar.Zone).ToString("yyyy-MM-dd HH:mm 'UK time'", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>One record of fields, in the order given.</summary>
    public static IReadOnlyList<SubjectAccessField> Record(params SubjectAccessField[] fields) => fields;
}
