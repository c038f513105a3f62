using CaraPlatform.Domain.Retention;

namespace CaraPlatform.Domain.Tenants;

/// <summary>
/// A tenant as defined in <c>tenants/&lt;slug&gt;.json</c>. The JSON schema checks shapes and bounds;
/// <see cref="RuleErrors"/> adds the rules that span fields.
/// </summary>
public sealed record TenantDefinition
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public TenantStatus Status { get; init; } = TenantStatus.Active;
    public required DeliveryModel DeliveryModel { get; init; }
    public required ProviderDefinition Provider { get; init; }
    public required IReadOnlyList<ForceDefinition> Forces { get; init; }
    public required IReadOnlyList<Cohort> Cohorts { get; init; }
    public required IReadOnlyList<string> Languages { get; init; }
    public required IReadOnlyList<VenueDefinition> Venues { get; init; }
    public required WorkshopDefaults WorkshopDefaults { get; init; }
    public required ConditionSettings Condition { get; init; }
    public required IReadOnlyList<DashRiskLevel> DashRiskLevelsAccepted { get; init; }
    public IReadOnlyList<CodedItem> ExtraOffenceTypes { get; init; } = [];
    public IReadOnlyList<ScreeningQuestion> ScreeningQuestions { get; init; } = [];

    /// <summary>The participant questionnaire at the end of Workshop 2; empty means the programme's defaults.</summary>
    public IReadOnlyList<Workshops.FeedbackQuestion> FeedbackQuestions { get; init; } = [];

    /// <summary>The participant questionnaire at the start of Workshop 1; empty means the programme's defaults.</summary>
    public IReadOnlyList<Workshops.FeedbackQuestion> PreCourseFeedbackQuestions { get; init; } = [];

    /// <summary>The tenant's questions at <paramref name="stage"/> (empty: the programme's defaults).</summary>
    public IReadOnlyList<Workshops.FeedbackQuestion> FeedbackQuestionsAt(Workshops.FeedbackStage stage) =>
        stage == Workshops.FeedbackStage.PreCourse ? PreCourseFeedbackQuestions : FeedbackQuestions;
    public required ContactDetails Contact { get; init; }
    public required NotificationSettings Notifications { get; init; }

    /// <summary>How long closed cases are kept; the programme's default (review at 2 years, anonymise at 6) when the file has none.</summary>
    public RetentionSchedule Retention { get; init; } = RetentionSchedule.Default;

    /// <summary>Rules that the schema cannot express, each as (JSON path, message).</summary>
    public IEnumerable<(string Path, string Message)> RuleErrors()
    {
        var w = WorkshopDefaults;
        if (w.MinDaysApart > w.MaxDaysApart)
            yield return ("$.workshopDefaults.minDaysApart", $"must not exceed maxDaysApart ({w.MaxDaysApart})");
        var startParsed = TryParseTime(w.StartTime, out var start);
        var endParsed = TryParseTime(w.EndTime, out var end);
        if (!startParsed) yield return ("$.workshopDefaults.startTime", "must be a time as HH:mm");
        if (!endParsed) yield return ("$.workshopDefaults.endTime", "must be a time as HH:mm");
        if (startParsed && endParsed && end <= start)
            yield return ("$.workshopDefaults.endTime", "must be after startTime");
        if (Condition.CompletionWeeks > Condition.MaxExtendedWeeks)
            yield return ("$.condition.completionWeeks", $"must not exceed maxExtendedWeeks ({Condition.MaxExtendedWeeks})");
        if (Condition.MaxExtendedWeeks > ConditionSettings.StatutoryMaxWeeks)
            yield return ("$.condition.maxExtendedWeeks", $"must not exceed {ConditionSettings.StatutoryMaxWeeks} weeks");
        if (!DashRiskLevelsAccepted.Contains(DashRiskLevel.Standard))
            yield return ("$.dashRiskLevelsAccepted", "must include Standard");
        if (!Languages.Contains("en"))
            yield return ("$.languages", "must include en");
        foreach (var error in DuplicateCodes("$.venues", Venues.Select(v => v.Code))
            .Concat(DuplicateCodes("$.forces", Forces.Select(f => f.Code)))
            .Concat(DuplicateCodes("$.extraOffenceTypes", ExtraOffenceTypes.Select(o => o.Code)))
            .Concat(DuplicateCodes("$.screeningQuestions", ScreeningQuestions.Select(q => q.Code)))
            .Concat(DuplicateCodes("$.feedbackQuestions", FeedbackQuestions.Select(q => q.Code)))
            .Concat(DuplicateCodes("$.preCourseFeedbackQuestions", PreCourseFeedbackQuestions.Select(q => q.Code))))
            yield return error;
        if (Notifications.Webhook is { } webhook && !WebhookSettings.IsAllowedReceiver(webhook.Url))
            yield return ("$.notifications.webhook.url", "must be https, or plain http to this machine (localhost) only");
        foreach (var (path, message) in Retention.RuleErrors())
            yield return ($"$.retention.{path}", message);
        for (var i = 0; i < Venues.Count; i++)
        {
            if (!Common.Postcode.TryNormalise(Venues[i].Postcode, out _))
                yield return ($"$.venues[{i}].postcode", "is not a UK postcode");
        }
    }

    /// <summary>Times in tenant files are "HH:mm", read the same whatever the server's culture.</summary>
    public static bool TryParseTime(string value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out time);

    private static IEnumerable<(string Path, string Message)> DuplicateCodes(string path, IEnumerable<string> codes) =>
        codes.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => (path, $"code '{g.Key}' is used more than once"));
}

public enum TenantStatus { Active, Suspended }

/// <summary>Who delivers CARA in the area: the licence holder itself, or a partner under licence.</summary>
public enum DeliveryModel { LicenceHolder, Partner }

/// <summary>The single-sex groups a tenant can run.</summary>
public enum Cohort { IpvMale, IpvFemale, NonIpvMale }

/// <summary>Recorded sex; CARA groups are single-sex, so it decides the cohort.</summary>
public enum Sex { Male, Female }

public static class Cohorts
{
    /// <summary>
    /// The group an offender joins: IPV male, IPV female or non-IPV male. The programme has no non-IPV female
    /// group, so a woman with a family offence has none (null).
    /// </summary>
    public static Cohort? For(Sex sex, bool isIpv) => (sex, isIpv) switch
    {
        (Sex.Male, true) => Cohort.IpvMale,
        (Sex.Female, true) => Cohort.IpvFemale,
        (Sex.Male, false) => Cohort.NonIpvMale,
        _ => null,
    };
}

/// <summary>DASH risk levels a tenant accepts; High is never eligible (it prompts a MARAC referral instead).</summary>
public enum DashRiskLevel { Standard, Medium }

public sealed record ProviderDefinition(string Name, string? RegisteredNumber = null, Uri? Website = null);

public sealed record ForceDefinition(string Code, string Name);

public sealed record VenueDefinition(
    string Code, string Name, string AddressLine1, string? AddressLine2, string Town, string Postcode,
    int Capacity, bool StepFreeAccess, string? Notes = null);

public sealed record WorkshopDefaults(
    DayOfWeek DayOfWeek, string StartTime, string EndTime, int MinDaysApart, int MaxDaysApart, int Capacity, bool RemoteDelivery)
{
    /// <summary>The programme's usual session, standing in for a time the tenant loader would have refused.</summary>
    public static readonly TimeOnly ProgrammeStart = new(10, 0);

    public static readonly TimeOnly ProgrammeEnd = new(15, 0);

    /// <summary>The session's start and end as times of day.</summary>
    public (TimeOnly Start, TimeOnly End) SessionTimes() => (
        TenantDefinition.TryParseTime(StartTime, out var start) ? start : ProgrammeStart,
        TenantDefinition.TryParseTime(EndTime, out var end) ? end : ProgrammeEnd);
}

public sealed record ConditionSettings(int CompletionWeeks, int MaxExtendedWeeks, int FirstContactTargetDays, int BookingTargetDays)
{
    /// <summary>The police may extend the condition's deadline to at most 20 weeks from the caution.</summary>
    public const int StatutoryMaxWeeks = 20;
}

public sealed record CodedItem(string Code, string Name);

public sealed record ScreeningQuestion(string Code, string Text);

public sealed record ContactDetails(string Email, string Phone, string? Address = null);

/// <summary>Where the tenant's notices and reports go.</summary>
/// <param name="SpocEmail">The force's single point of contact: notices, and the monthly force report.</param>
/// <param name="Webhook">Where notices are posted.</param>
/// <param name="ReportRecipients">Others sent the monthly force report besides the SPOC (such as the commissioner's office).</param>
public sealed record NotificationSettings(string? SpocEmail = null, WebhookSettings? Webhook = null, IReadOnlyList<string>? ReportRecipients = null)
{
    /// <summary>Everyone the monthly force report is emailed to, each once.</summary>
    public IReadOnlyList<string> ForceReportRecipients() =>
        [.. new[] { SpocEmail }.Concat(ReportRecipients ?? []).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];
}

/// <summary>Where notices to police are posted. <see cref="SecretName"/> names a secret held elsewhere; never the secret.</summary>
public sealed record WebhookSettings(Uri Url, bool Enabled, string SecretName)
{
    /// <summary>https anywhere; plain http only to this machine, for development and tests. The tenant schema says the same.</summary>
    public static bool IsAllowedReceiver(Uri url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
}
