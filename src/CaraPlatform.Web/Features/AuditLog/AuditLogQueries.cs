using System.Globalization;
using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Common;

namespace CaraPlatform.Web.Features.AuditLog;

/// <summary>
/// The filters of the audit log. <paramref name="Person"/> is who acted (a person's email or a client's id);
/// <paramref name="Subject"/> a police reference, a referral id (its offender's and victim's records alike) or a subject
/// as written (<c>referral:{id}</c>); <paramref name="From"/> and <paramref name="To"/> are UK dates, inclusive.
/// </summary>
public sealed record AuditLogQuery(
    string? Person = null, string? Subject = null, DateOnly? From = null, DateOnly? To = null, string? Action = null,
    string? Cursor = null, int Limit = AuditLogQuery.DefaultLimit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The kinds of filter used, never their values: the log of reading the log must not say whom it was about.</summary>
    public string FilterKinds() =>
        string.Join('+', new[]
        {
            string.IsNullOrWhiteSpace(Person) ? null : "person", string.IsNullOrWhiteSpace(Subject) ? null : "subject",
            From is null && To is null ? null : "date", string.IsNullOrWhiteSpace(Action) ? null : "action",
        }.OfType<string>()) is { Length: > 0 } kinds ? kinds : "none";
}

/// <summary>One line of the log as read: who acted is the person's email, else the client's id.</summary>
public sealed record AuditLogEntry(
    Guid Id, DateTimeOffset OccurredAt, string Action, string Outcome, string? Actor, string? Subject, string? Detail, string? Reason, string? IpAddress);

/// <summary>A page of the log, newest first; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditLogEntry> Items, string? NextCursor);

/// <summary>
/// Searching and exporting the tenant's audit log. Row-level security keeps the reader to the route's tenant (rows of
/// other tenants and rows of no tenant are never read), so nothing here filters by tenant. Each reading of the log is
/// itself audited, with the kinds of filter used but not their values.
/// </summary>
public sealed class AuditLogQueries(CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, AuditTrail audit)
{
    /// <summary>A page of the events matching <paramref name="query"/>; a cursor that is not one of ours is <see cref="InvalidCursorException"/>.</summary>
    public async Task<AuditLogPage> SearchAsync(AuditLogQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!KeysetCursor.TryParse(query.Cursor, out var cursor)) throw new InvalidCursorException();
        var events = await FilteredAsync(query, cancellationToken);
        if (cursor is { } after)
            events = events.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.OccurredAt, e.Id), ValueTuple.Create(after.At, after.Id)));
        var limit = Math.Clamp(query.Limit, 1, AuditLogQuery.MaxLimit);
        var page = await Read(events).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? new KeysetCursor(page[limit - 1].OccurredAt, page[limit - 1].Id).ToString() : null;
        var shown = page.Take(limit).ToList();
        await audit.RecordAsync(Entry(AuditActions.AuditLogViewed, user, $"{shown.Count} events shown, filtered by {query.FilterKinds()}"), cancellationToken);
        return new AuditLogPage(shown, next);
    }

    /// <summary>Writes every event matching <paramref name="query"/> (its cursor and limit aside) as CSV, newest first.</summary>
    public async Task ExportCsvAsync(AuditLogQuery query, ClaimsPrincipal user, TextWriter csv, CancellationToken cancellationToken)
    {
        var events = await FilteredAsync(query, cancellationToken);
        await audit.RecordAsync(Entry(AuditActions.AuditLogExported, user, $"CSV export, filtered by {query.FilterKinds()}"), cancellationToken);
        await csv.WriteLineAsync(AuditLogCsv.Header);
        await foreach (var entry in Read(events).AsAsyncEnumerable().WithCancellation(cancellationToken))
            await csv.WriteLineAsync(AuditLogCsv.Line(entry));
    }

    private AuditEntry Entry(string action, ClaimsPrincipal user, string detail) =>
        AuditEntries.By(user, action, tenants.Current().TenantId, "audit-log", detail);

    private async Task<IQueryable<AuditEvent>> FilteredAsync(AuditLogQuery query, CancellationToken cancellationToken)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Person))
        {
            var person = query.Person.Trim();
            var normalized = person.ToUpperInvariant();
            var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
            events = events.Where(e => (userId != null && e.ActorUserId == userId) || e.ActorClientId == person);
        }

        if (!string.IsNullOrWhiteSpace(query.Subject))
        {
            var subjects = await SubjectsAsync(query.Subject.Trim(), cancellationToken);
            events = events.Where(e => subjects.Contains(e.Subject!));
        }

        if (query.From is { } from)
            events = events.Where(e => e.OccurredAt >= UkCalendar.At(from, TimeOnly.MinValue));
        if (query.To is { } to)
            events = events.Where(e => e.OccurredAt < UkCalendar.At(to.AddDays(1), TimeOnly.MinValue));
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            events = events.Where(e => e.Action == action);
        }

        return events;
    }

    /// <summary>
    /// The subjects a search term names: a referral (by id or police reference) is both its offender's and its victim's
    /// record; anything else is taken as a subject written out in full.
    /// </summary>
    private async Task<List<string>> SubjectsAsync(string term, CancellationToken cancellationToken)
    {
        var referralId = Guid.TryParse(term, CultureInfo.InvariantCulture, out var id)
            ? id
            : await db.Referrals.Where(r => r.PoliceReference == term).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken);
        return referralId is { } referral ? [term, AuditEntries.Referral(referral), AuditEntries.Victim(referral)] : [term];
    }

    private IQueryable<AuditLogEntry> Read(IQueryable<AuditEvent> events) =>
        from e in events
        join u in db.Users on e.ActorUserId equals u.Id into actors
        from actor in actors.DefaultIfEmpty()
        orderby e.OccurredAt descending, e.Id descending
        select new AuditLogEntry(e.Id, e.OccurredAt, e.Action, e.Outcome, actor != null ? actor.Email : e.ActorClientId, e.Subject, e.Detail, e.Reason, e.IpAddress);
}
