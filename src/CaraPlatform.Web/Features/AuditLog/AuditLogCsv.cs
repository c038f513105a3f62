using System.Globalization;

namespace CaraPlatform.Web.Features.AuditLog;

/// <summary>
/// The audit log as CSV (RFC 4180). A cell that a spreadsheet would read as a formula (starting =, +, -, @, tab or
/// carriage return) is prefixed with an apostrophe, since the log holds what others typed (a reason, an email).
/// </summary>
public static class AuditLogCsv
{
    public const string Header = "occurred_at,action,outcome,actor,subject,detail,reason,ip_address";

    public static string FileName(string tenant) => $"audit-log-{tenant}.csv";

    public static string Line(AuditLogEntry e) =>
        string.Join(',', new[]
        {
            e.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), e.Action, e.Outcome, e.Actor,
            e.Subject, e.Detail, e.Reason, e.IpAddress,
        }.Select(Cell));

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var safe = "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
