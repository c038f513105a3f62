using CaraPlatform.Domain.Training;
using CaraPlatform.Web.Features.Training;
using CaraPlatform.Web.Platform.Mail;

namespace CaraPlatform.Web.Tests.Features.Training;

public sealed class TrainingReminderTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Api = "/api/v1/national/training";
    private const string Trainer = "trainer@hamptontrust.demo";

    private static async Task<TrainingRecordResponse> SignedOffAsync(HttpClient trainer, Guid userId, TrainingCourseKind course, DateOnly completedOn)
    {
        var record = await (await trainer.PostJson($"{Api}/records", new RecordTrainingRequest(userId, course, completedOn, null)))
            .ReadAs<TrainingRecordResponse>(HttpStatusCode.Created);
        return await (await trainer.PostJson($"{Api}/records/{record.Id}/sign-off", new SignOffRequest(null))).ReadAs<TrainingRecordResponse>();
    }

    [Fact]
    public async Task A_facilitator_whose_training_expires_within_60_days_is_reminded_once_with_the_Trainers_copied_but_not_once_renewed()
    {
        var trainer = await fixture.PersonApiAsync(Trainer);
        var expiring = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var renewed = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var completedOn = UkCalendar.DateOf(DateTimeOffset.UtcNow).AddDays(-100);
        var record = await SignedOffAsync(trainer, expiring.UserId, TrainingCourseKind.FacilitatorInitial, completedOn);
        await SignedOffAsync(trainer, renewed.UserId, TrainingCourseKind.FacilitatorInitial, completedOn);
        // Taken, not yet signed off: the person has done what the reminder would ask.
        await (await trainer.PostJson($"{Api}/records", new RecordTrainingRequest(renewed.UserId, TrainingCourseKind.FacilitatorRefresher, completedOn.AddDays(30), null)))
            .ReadAs<TrainingRecordResponse>(HttpStatusCode.Created);

        var clock = new FakeTimeProvider(UkCalendar.At(record.ExpiresOn.AddDays(-61), new TimeOnly(6, 0)));
        var job = ActivatorUtilities.CreateInstance<TrainingReminderJob>(fixture.Web.Services, (TimeProvider)clock);
        Task<int> RoundAsync() => job.RunOnceAsync([expiring.UserId, renewed.UserId]);

        Assert.Equal(0, await RoundAsync());
        clock.SetUtcNow(UkCalendar.At(record.ExpiresOn.AddDays(-60), new TimeOnly(6, 0)));
        Assert.Equal(1, await RoundAsync());
        Assert.Equal(0, await RoundAsync());
        clock.SetUtcNow(UkCalendar.At(record.ExpiresOn.AddDays(-1), new TimeOnly(6, 0)));
        Assert.Equal(0, await RoundAsync());

        var mailbox = fixture.Web.Services.GetRequiredService<Mailbox>();
        await using var db = fixture.Database.AppContext(null);
        var (subject, _) = TrainingReminderJob.Message("", record.ExpiresOn);
        var toPerson = await db.OutgoingMail.AsNoTracking().Where(m => m.Subject == subject && m.To == expiring.Email).ToListAsync();
        var body = mailbox.BodyOf(Assert.Single(toPerson));
        Assert.Contains(record.ExpiresOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        Assert.Contains("refresher", body, StringComparison.Ordinal);
        Assert.Equal(TrainingReminderJob.MailKind, toPerson[0].Kind);
        var copies = await db.OutgoingMail.AsNoTracking().Where(m => m.To == Trainer && m.Kind == TrainingReminderJob.MailKind).ToListAsync();
        Assert.Single(copies, c => mailbox.BodyOf(c).StartsWith($"Sent to Test person <{expiring.Email}>", StringComparison.Ordinal));
        Assert.False(await db.OutgoingMail.AnyAsync(m => m.To == renewed.Email));
        Assert.Equal(record.ExpiresOn.AddDays(-60), (await db.TrainingRecords.SingleAsync(r => r.Id == record.Id)).ExpiryRemindedOn);
    }
}
