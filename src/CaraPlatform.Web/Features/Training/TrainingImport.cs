using System.Globalization;
using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Training;

namespace CaraPlatform.Web.Features.Training;

/// <summary>A CSV file of historic training and supervision (columns: <see cref="TrainingImport.Header"/>).</summary>
/// <param name="FileName">The file's name, kept on every record it makes so an import can be told apart.</param>
/// <param name="Csv">The file's text (UTF-8).</param>
public sealed record ImportRequest(string? FileName, string? Csv);

/// <summary>One row the import refuses: its line in the file (the header is line 1) and why.</summary>
public sealed record ImportProblem(int Line, string Reason);

/// <summary>What a file holds, or would make: records and sessions, and every row refused.</summary>
public sealed record ImportReport(int TrainingRecords, int SupervisionSessions, IReadOnlyList<ImportProblem> Problems)
{
    public bool CanImport => Problems.Count == 0 && TrainingRecords + SupervisionSessions > 0;
}

internal sealed class ImportRequestValidator : AbstractValidator<ImportRequest>
{
    public ImportRequestValidator()
    {
        RuleFor(r => r.FileName).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Csv).NotEmpty().MaximumLength(TrainingImport.MaxLength);
    }
}

/// <summary>
/// The licence holder's historic spreadsheets, imported all or nothing: the dry run reports every bad row, and the
/// import writes nothing unless every row is good, in one save. One file holds both kinds of row, told apart by
/// <c>type</c> (<c>training</c> or <c>supervision</c>); see the README's "Training records".
/// </summary>
public sealed class TrainingImport(CaraDbContext db, UserManager<CaraUser> users, TrainingRecords records, AuditTrail audit, TimeProvider clock)
{
    public const string Header = "type,email,date,course,signed_off_on,signed_off_by,supervision_kind,supervisor,notes";

    public const int MaxLength = 2_000_000;

    public async Task<ImportReport> DryRunAsync(ImportRequest request, CancellationToken cancellationToken) =>
        (await ReadAsync(request, cancellationToken)).Report;

    /// <summary>Imports every row, or, when any row is bad, nothing: the report then lists each bad row.</summary>
    public async Task<ImportReport> ImportAsync(ImportRequest request, Guid actor, CancellationToken cancellationToken)
    {
        var (report, rows) = await ReadAsync(request, cancellationToken);
        if (!report.CanImport) return report;
        var file = request.FileName!.Trim();
        foreach (var row in rows)
        {
            if (row.Course is { } course)
            {
                var record = await records.NewRecordAsync(row.UserId, course, row.Date, null, cancellationToken, importedFrom: file);
                record.SignedOffOn = row.SignedOffOn;
                record.SignedOffBy = row.SignedOffBy;
            }
            else
            {
                db.SupervisionRecords.Add(new SupervisionRecord
                {
                    UserId = row.UserId,
                    HeldOn = row.Date,
                    Kind = row.SupervisionKind!.Value,
                    SupervisorName = row.Supervisor!,
                    Notes = row.Notes,
                    ImportedFrom = file,
                });
            }
        }

        audit.Stage(db, new AuditEntry(AuditActions.TrainingImported,
            $"{report.TrainingRecords} training records, {report.SupervisionSessions} supervision sessions", ActorUserId: actor, Subject: file));
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    private sealed record Row(Guid UserId, DateOnly Date, TrainingCourseKind? Course, DateOnly? SignedOffOn, Guid? SignedOffBy,
        SupervisionKind? SupervisionKind, string? Supervisor, string? Notes);

    private async Task<(ImportReport Report, List<Row> Rows)> ReadAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var lines = CsvRecords.Read(request.Csv!).ToList();
        if (lines.Count == 0 || string.Join(',', lines[0].Fields).Trim() != Header)
            return (new ImportReport(0, 0, [new ImportProblem(1, $"the first line must be the header {Header}")]), []);

        var body = lines.Skip(1).Where(l => l.Fields.Any(f => f.Length > 0)).ToList();
        var emails = body.SelectMany(l => new[] { Field(l, 1), Field(l, 5) }).Where(e => e.Length > 0)
            .Select(e => e.ToUpperInvariant()).Distinct().ToList();
        var people = await users.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!))
            .ToDictionaryAsync(u => u.NormalizedEmail!, u => u.Id, cancellationToken);
        var ids = people.Values.ToList();
        var training = (await db.TrainingRecords.AsNoTracking().Where(r => ids.Contains(r.UserId)).Select(r => new { r.UserId, r.Kind, r.CompletedOn }).ToListAsync(cancellationToken))
            .Select(r => (r.UserId, (TrainingCourseKind?)r.Kind, r.CompletedOn, (SupervisionKind?)null)).ToHashSet();
        var supervision = (await db.SupervisionRecords.AsNoTracking().Where(s => ids.Contains(s.UserId)).Select(s => new { s.UserId, s.HeldOn, s.Kind }).ToListAsync(cancellationToken))
            .Select(s => (s.UserId, (TrainingCourseKind?)null, s.HeldOn, (SupervisionKind?)s.Kind));
        var seen = training.Concat(supervision).ToHashSet();

        var today = TrainingCalendar.Today(clock);
        var problems = new List<ImportProblem>();
        var rows = new List<Row>();
        foreach (var line in body)
        {
            var reasons = new List<string>();
            var type = Field(line, 0).ToLowerInvariant();
            if (line.Fields.Count != 9) reasons.Add($"has {line.Fields.Count} columns, not 9");
            if (type is not ("training" or "supervision")) reasons.Add($"unknown type '{Field(line, 0)}' (training or supervision)");
            Guid? userId = people.TryGetValue(Field(line, 1).ToUpperInvariant(), out var id) ? id : null;
            if (userId is null) reasons.Add($"unknown email '{Field(line, 1)}'");
            var date = Date(Field(line, 2), "date", today, reasons);

            TrainingCourseKind? course = null;
            DateOnly? signedOffOn = null;
            Guid? signedOffBy = null;
            SupervisionKind? kind = null;
            if (type == "training")
            {
                if (Enum.TryParse<TrainingCourseKind>(Field(line, 3), ignoreCase: false, out var c) && Enum.IsDefined(c)) course = c;
                else reasons.Add($"unknown course '{Field(line, 3)}' ({string.Join(", ", Enum.GetNames<TrainingCourseKind>())})");
                if (Field(line, 4).Length > 0) signedOffOn = Date(Field(line, 4), "signed_off_on", today, reasons);
                if (signedOffOn < date) reasons.Add("signed_off_on is before the date completed");
                if (Field(line, 5).Length > 0)
                {
                    if (people.TryGetValue(Field(line, 5).ToUpperInvariant(), out var signer)) signedOffBy = signer;
                    else reasons.Add($"unknown signed_off_by '{Field(line, 5)}' (a person's email, or empty)");
                    if (signedOffOn is null) reasons.Add("signed_off_by without signed_off_on");
                }
            }
            else if (type == "supervision")
            {
                if (Enum.TryParse<SupervisionKind>(Field(line, 6), ignoreCase: true, out var k) && Enum.IsDefined(k)) kind = k;
                else reasons.Add($"unknown supervision_kind '{Field(line, 6)}' (Individual or Group)");
                if (Field(line, 7).Length is 0 or > 200) reasons.Add("supervisor must be a name of at most 200 characters");
                if (Field(line, 8).Length > 4000) reasons.Add("notes must be at most 4000 characters");
            }

            if (userId is { } person && date is { } day && (course is not null || kind is not null) && !seen.Add((person, course, day, kind)))
                reasons.Add("duplicate: the same record is already held or earlier in the file");
            if (reasons.Count > 0) problems.Add(new ImportProblem(line.Line, string.Join("; ", reasons)));
            else rows.Add(new Row(userId!.Value, date!.Value, course, signedOffOn, signedOffBy, kind,
                kind is null ? null : Field(line, 7), kind is null || Field(line, 8).Length == 0 ? null : Field(line, 8)));
        }

        if (body.Count == 0) problems.Add(new ImportProblem(2, "the file has no rows"));
        return (new ImportReport(rows.Count(r => r.Course is not null), rows.Count(r => r.Course is null), problems), rows);
    }

    private static string Field(CsvRecord line, int index) => line.Field(index);

    private static DateOnly? Date(string text, string column, DateOnly today, List<string> reasons)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            reasons.Add($"{column} '{text}' is not a date (yyyy-MM-dd)");
        else if (date > today || date.Year < 1990) reasons.Add($"{column} {text} is in the future or before 1990");
        else return date;
        return null;
    }
}
