using System.Globalization;
using CaraPlatform.Domain.Outcomes;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.Outcomes;

/// <summary>One follow-up as sent: by the API's route and body, or by a line of a CSV file.</summary>
/// <param name="Line">The file's line; 0 for the API.</param>
/// <param name="PoliceReference">The caution's reference, trimmed.</param>
/// <param name="Months">The window; 0 when the file's value cannot be read.</param>
/// <param name="Request">The rest, as the API's body.</param>
/// <param name="Unreadable">Fields the file's line could not be read as (a months of "six"): reported with the rules' breaches.</param>
internal sealed record FollowUpEntry(int Line, string PoliceReference, int Months, RecordOutcomeRequest Request, IReadOnlyList<RuleBreach> Unreadable);

/// <summary>
/// The police's CSV file of follow-ups, for forces without an integration. Columns (README "Outcomes"): the police
/// reference, the window in months, the cohort (Referred when empty), the day found eligible (EligibleNotReferred only),
/// reoffended (yes or no), and the offences as "type date" pairs separated by semicolons.
/// </summary>
public static class OutcomeCsv
{
    public const string Header = "police_reference,months,cohort,eligible_on,reoffended,offences";

    public const int MaxLength = 2_000_000;

    /// <summary>A file to start from: the header and two example lines.</summary>
    public const string Template = Header + "\n"
        + "44/12345/26,6,Referred,,no,\n"
        + "44/12346/26,12,EligibleNotReferred,2026-01-15,yes,common-assault 2026-03-02; harassment 2026-04-20\n";

    /// <summary>The file's lines as entries, or the one problem that stops it being read at all (no header, no lines).</summary>
    internal static (IReadOnlyList<FollowUpEntry> Entries, OutcomeImportProblem? Problem) Read(string csv)
    {
        var records = CsvRecords.Read(csv).ToList();
        if (records.Count == 0 || string.Join(',', records[0].Fields.Select(f => f.Trim())) != Header)
            return ([], new OutcomeImportProblem(1, "header", $"the first line must be the header {Header}"));
        var entries = records.Skip(1).Where(r => !r.IsBlank).Select(Entry).ToList();
        return entries.Count == 0 ? ([], new OutcomeImportProblem(2, "file", "the file has no follow-ups")) : (entries, null);
    }

    /// <summary>The CSV column a rule's field path names (<c>offences[1].date</c> is in <c>offences</c>).</summary>
    internal static string Column(string path) => path.Split('[', '.')[0] switch
    {
        "policeReference" => "police_reference",
        "eligibleOn" => "eligible_on",
        var column => column,
    };

    private static FollowUpEntry Entry(CsvRecord record)
    {
        var unreadable = new List<RuleBreach>();
        if (record.Fields.Count != 6) unreadable.Add(new("file", $"has {record.Fields.Count} columns, not 6"));
        if (!int.TryParse(record.Field(1), NumberStyles.None, CultureInfo.InvariantCulture, out var months))
            unreadable.Add(new("months", $"'{record.Field(1)}' must be 6 or 12"));
        FollowUpCohort? cohort = null;
        if (record.Field(2).Length > 0)
        {
            if (Enum.TryParse<FollowUpCohort>(record.Field(2), ignoreCase: true, out var c) && Enum.IsDefined(c)) cohort = c;
            else unreadable.Add(new("cohort", $"'{record.Field(2)}' must be Referred, EligibleNotReferred or empty"));
        }

        var eligibleOn = record.Field(3).Length > 0 ? Date(record.Field(3), "eligibleOn", unreadable) : null;
        bool? reoffended = record.Field(4).ToLowerInvariant() switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        };
        if (reoffended is null) unreadable.Add(new("reoffended", $"'{record.Field(4)}' must be yes or no"));
        var offences = new List<ReoffenceDto>();
        foreach (var pair in record.Field(5).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2) unreadable.Add(new("offences", $"'{pair}' must be a type and a date, e.g. common-assault 2026-03-02"));
            else offences.Add(new ReoffenceDto(parts[0], Date(parts[1], "offences", unreadable)));
        }

        return new FollowUpEntry(record.Line, record.Field(0), months, new RecordOutcomeRequest(cohort, eligibleOn, reoffended, offences), unreadable);
    }

    private static DateOnly? Date(string text, string field, List<RuleBreach> unreadable)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        unreadable.Add(new(field, $"'{text}' is not a date (yyyy-MM-dd)"));
        return null;
    }
}
