using System.Globalization;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Training;
using CaraPlatform.Infrastructure.Hosting;
using CaraPlatform.Web.Platform.Mail;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Training;

/// <summary>The training reminder job's settings, bound from <c>Training:Reminders</c>.</summary>
public sealed class TrainingReminderOptions : DailyJobOptions
{
    public const string Section = "Training:Reminders";
}

/// <summary>
/// Emails a person whose latest signed-off facilitator training expires within
/// <see cref="TrainingStandings.ExpiringWithinDays"/> days that they need the refresher, copying the Trainers, once per
/// record (<see cref="TrainingRecord.ExpiryRemindedOn"/>). A person with a later facilitator record is not reminded,
/// signed off or not: they have taken the refresher, and its sign-off is the Trainer's to give. Training records are
/// the licence holder's own, so one context outside any tenant sees them all.
/// </summary>
public sealed partial class TrainingReminderJob(
    IDbContextFactory<CaraDbContext> contexts, Mailbox mailbox, IOptions<TrainingReminderOptions> options, TimeProvider clock,
    ILogger<TrainingReminderJob> logger) : DailyJob<TrainingReminderOptions>(options, TrainingReminderOptions.Section, clock, logger)
{
    public const string MailKind = "training-reminder";

    protected override async Task<bool> RoundAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken: cancellationToken);
        return false;
    }

    /// <summary>One round; returns how many people were reminded.</summary>
    /// <param name="only">Whose records to look at (everyone's when null), e.g. a test's own people.</param>
    /// <param name="cancellationToken">Ends the round.</param>
    public async Task<int> RunOnceAsync(IReadOnlyCollection<Guid>? only = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = UkCalendar.DateOf(Clock.GetUtcNow());
        var horizon = today.AddDays(TrainingStandings.ExpiringWithinDays);
        var facilitator = db.TrainingRecords.AsNoTracking()
            .Where(r => r.Kind == TrainingCourseKind.FacilitatorInitial || r.Kind == TrainingCourseKind.FacilitatorRefresher);
        if (only is not null) facilitator = facilitator.Where(r => only.Contains(r.UserId));
        var due = (await facilitator.Where(r => r.ExpiryRemindedOn == null && r.ExpiresOn >= today && r.ExpiresOn <= horizon)
                .Where(r => !facilitator.Any(later => later.UserId == r.UserId && later.ExpiresOn > r.ExpiresOn))
                .ToListAsync(cancellationToken))
            .Where(r => r.IsSignedOff).ToList();
        if (due.Count == 0) return 0;

        var people = due.Select(r => r.UserId).ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id) && u.Email != null)
            .ToDictionaryAsync(u => u.Id, u => (Email: u.Email!, u.DisplayName), cancellationToken);
        var trainers = await db.Users.AsNoTracking().Where(u => u.PlatformRoles.Contains(PlatformRole.Trainer) && u.Email != null)
            .Select(u => u.Email!).ToListAsync(cancellationToken);
        var reminded = 0;
        foreach (var record in due.Where(r => names.ContainsKey(r.UserId)))
            if (await RemindAsync(db, record, names[record.UserId], trainers, today, cancellationToken)) reminded++;
        return reminded;
    }

    /// <summary>
    /// Claims the record (only while nobody has reminded of it) and stages the mail in the same transaction, so that two
    /// instances cannot both send it and a failed save sends nothing and leaves the record for the next round.
    /// </summary>
    private async Task<bool> RemindAsync(
        CaraDbContext db, TrainingRecord record, (string Email, string DisplayName) person, List<string> trainers, DateOnly today,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.TrainingRecords.Where(r => r.Id == record.Id && r.ExpiryRemindedOn == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiryRemindedOn, today), cancellationToken);
        if (claimed == 0) return false;

        var (subject, body) = Message(person.DisplayName, record.ExpiresOn);
        mailbox.Stage(db, new MailMessage(person.Email, subject, body, MailKind));
        var copy = $"Sent to {person.DisplayName} <{person.Email}>:\n\n{body}";
        foreach (var trainer in trainers.Where(t => !t.Equals(person.Email, StringComparison.OrdinalIgnoreCase)))
            mailbox.Stage(db, new MailMessage(trainer, $"Copy: {subject} ({person.DisplayName})", copy, MailKind));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogReminded(record.Id, record.ExpiresOn, trainers.Count);
        return true;
    }

    internal static (string Subject, string Body) Message(string name, DateOnly expiresOn)
    {
        var on = expiresOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        return ($"Your CARA facilitator training expires on {on}",
            $"""
            Dear {name},

            Your CARA facilitator training expires on {on}. To facilitate course runs after that day you need the
            facilitator refresher, signed off by a CARA trainer: until then, a run whose Workshop 2 falls after {on}
            cannot be scheduled with you as a facilitator.

            Ask your service's coordinator to nominate you for a facilitator refresher event (from the service's staff
            training page), or contact the CARA training team, who have a copy of this message.
            """);
    }

    [LoggerMessage(LogLevel.Information, "Reminded the holder of training record {RecordId} that it expires on {ExpiresOn}, copying {Trainers} trainers")]
    private partial void LogReminded(Guid recordId, DateOnly expiresOn, int trainers);
}
