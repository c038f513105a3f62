using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.VictimContact;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>A referral from the police: the caution, the offence, the offender, the police's eligibility answers and the victim's details for the victim-contact service.</summary>
/// <param name="PoliceReference">The force's crime or occurrence number; unique in the tenant (a second referral with it is 409).</param>
/// <param name="ForceCode">The referring force's code as in the tenant's settings, e.g. "hampshire".</param>
/// <param name="DisposalType">ConditionalCaution or DiversionaryCaution.</param>
/// <param name="DisposalDate">The day the caution was given (not in the future, not before the offence).</param>
/// <param name="Officer">The referring officer.</param>
/// <param name="Offence">The offence the caution is for.</param>
/// <param name="Offender">The offender.</param>
/// <param name="Eligibility">The eligibility answers as the police assert them.</param>
/// <param name="Victim">The victim's details, for the victim-contact service only: stored encrypted, never returned with the referral.</param>
public sealed record CreateReferralRequest(
    string? PoliceReference, string? ForceCode, DisposalType? DisposalType, DateOnly? DisposalDate,
    OfficerDto? Officer, OffenceDto? Offence, OffenderDto? Offender, ScreeningAnswersDto? Eligibility, VictimDto? Victim) : IReferralDetailsRequest;

/// <summary>The police's corrections before screening starts. Everything but the victim, who is corrected through the victim-contact service.</summary>
/// <param name="PoliceReference">The force's crime or occurrence number.</param>
/// <param name="ForceCode">The referring force's code.</param>
/// <param name="DisposalType">ConditionalCaution or DiversionaryCaution.</param>
/// <param name="DisposalDate">The day the caution was given.</param>
/// <param name="Officer">The referring officer.</param>
/// <param name="Offence">The offence.</param>
/// <param name="Offender">The offender.</param>
/// <param name="Eligibility">The police's eligibility answers.</param>
/// <param name="Version">The version last read; a referral changed since is refused with 409.</param>
public sealed record CorrectReferralRequest(
    string? PoliceReference, string? ForceCode, DisposalType? DisposalType, DateOnly? DisposalDate,
    OfficerDto? Officer, OffenceDto? Offence, OffenderDto? Offender, ScreeningAnswersDto? Eligibility, uint? Version) : IReferralDetailsRequest;

public interface IReferralDetailsRequest
{
    string? PoliceReference { get; }
    string? ForceCode { get; }
    DisposalType? DisposalType { get; }
    DateOnly? DisposalDate { get; }
    OfficerDto? Officer { get; }
    OffenceDto? Offence { get; }
    OffenderDto? Offender { get; }
    ScreeningAnswersDto? Eligibility { get; }
}

internal static class ReferralDetailsRequests
{
    /// <summary>The referral's details from a request its validator accepted.</summary>
    public static ReferralDetails ToDomain(this IReferralDetailsRequest r)
    {
        var o = r.Offender!;
        Postcode.TryNormalise(o.Postcode, out var postcode);
        return new ReferralDetails(
            r.PoliceReference!.Trim(), r.ForceCode!, r.DisposalType!.Value, r.DisposalDate!.Value,
            new ReferringOfficer(r.Officer!.Name!.Trim(), r.Officer.CollarNumber, r.Officer.Email!.Trim(), r.Officer.Phone),
            new Offence(r.Offence!.TypeCode!, r.Offence.Date!.Value, r.Offence.Relationship!.Value),
            new Offender(o.GivenName!.Trim(), o.FamilyName!.Trim(), o.DateOfBirth!.Value, o.Sex!.Value, o.PreferredLanguage ?? "en")
            {
                AddressLine1 = o.AddressLine1,
                AddressLine2 = o.AddressLine2,
                Town = o.Town,
                Postcode = o.Postcode is null ? null : postcode,
                Phone = o.Phone,
                Email = o.Email,
                InterpreterNeeded = o.InterpreterNeeded ?? false,
                AccessibilityNeeds = o.AccessibilityNeeds,
                ChildrenInHousehold = o.ChildrenInHousehold ?? false,
                Ethnicity = o.Ethnicity,
            },
            r.Eligibility!.ToDomain());
    }
}

/// <summary>The referring officer.</summary>
/// <param name="Name">Rank and name, e.g. "PC Jane Hollis".</param>
/// <param name="CollarNumber">Collar or warrant number.</param>
/// <param name="Email">Where the provider can reach the officer.</param>
/// <param name="Phone">Phone number.</param>
public sealed record OfficerDto(string? Name, string? CollarNumber, string? Email, string? Phone);

/// <summary>The offence the caution is for.</summary>
/// <param name="TypeCode">A listed offence type: common-assault, criminal-damage, harassment, threatening-behaviour, domestic-theft, or one of the tenant's own.</param>
/// <param name="Date">When it happened (on or before the caution).</param>
/// <param name="Relationship">The offender's relationship to the person harmed: partners make it intimate-partner (IPV), the rest family.</param>
public sealed record OffenceDto(string? TypeCode, DateOnly? Date, OffenceRelationship? Relationship);

/// <summary>The offender.</summary>
/// <param name="GivenName">Given name.</param>
/// <param name="FamilyName">Family name.</param>
/// <param name="DateOfBirth">Date of birth (before the offence).</param>
/// <param name="Sex">Male or Female: CARA groups are single-sex.</param>
/// <param name="AddressLine1">First address line.</param>
/// <param name="AddressLine2">Second address line.</param>
/// <param name="Town">Town.</param>
/// <param name="Postcode">UK postcode.</param>
/// <param name="Phone">Phone number.</param>
/// <param name="Email">Email address.</param>
/// <param name="PreferredLanguage">Language code, e.g. "en", "pl", "pa"; "en" when omitted.</param>
/// <param name="InterpreterNeeded">Whether an interpreter is needed to take part.</param>
/// <param name="AccessibilityNeeds">What the venue or facilitators must allow for.</param>
/// <param name="ChildrenInHousehold">Whether children live in the household.</param>
/// <param name="Ethnicity">Self-defined ethnicity, a police SDE code (2021 census): W1-W4, W9, M1-M3, M9, A1-A4, A9, B1, B2, B9, O2, O9, or NS for not stated.</param>
public sealed record OffenderDto(
    string? GivenName, string? FamilyName, DateOnly? DateOfBirth, Sex? Sex, string? AddressLine1, string? AddressLine2, string? Town,
    string? Postcode, string? Phone, string? Email, string? PreferredLanguage, bool? InterpreterNeeded, string? AccessibilityNeeds,
    bool? ChildrenInHousehold, string? Ethnicity = null);

/// <summary>The eligibility checklist of DESIGN.md §1 plus the tenant's own questions.</summary>
/// <param name="LastViolenceConvictionOrCautionDate">The most recent conviction or caution for violence, if any (2 years before the offence rules it out).</param>
/// <param name="OnBail">On court or police bail.</param>
/// <param name="SubjectToCourtOrderOrCommunitySentence">Subject to a court order or community sentence.</param>
/// <param name="EvidenceOfCoerciveOrControllingBehaviour">Any evidence of coercive or controlling behaviour.</param>
/// <param name="Dash">The DASH risk assessment.</param>
/// <param name="VictimViewsRecorded">The victim's views on the caution were sought and recorded.</param>
/// <param name="SpecificRiskToVictimFromCaution">Whether cautioning puts the victim at a specific risk.</param>
/// <param name="TenantAnswers">Yes/no answers to the tenant's own screening questions, by question code.</param>
public sealed record ScreeningAnswersDto(
    DateOnly? LastViolenceConvictionOrCautionDate, bool? OnBail, bool? SubjectToCourtOrderOrCommunitySentence,
    bool? EvidenceOfCoerciveOrControllingBehaviour, DashDto? Dash, bool? VictimViewsRecorded, bool? SpecificRiskToVictimFromCaution,
    Dictionary<string, bool>? TenantAnswers)
{
    public ScreeningAnswers ToDomain() => new()
    {
        LastViolenceConvictionOrCautionDate = LastViolenceConvictionOrCautionDate,
        OnBail = OnBail!.Value,
        SubjectToCourtOrderOrCommunitySentence = SubjectToCourtOrderOrCommunitySentence!.Value,
        EvidenceOfCoerciveOrControllingBehaviour = EvidenceOfCoerciveOrControllingBehaviour!.Value,
        Dash = new DashAssessment(Dash!.Score!.Value, Dash.AssessedLevel!.Value, Dash.JudgementLevel, Dash.JudgementReason),
        VictimViewsRecorded = VictimViewsRecorded!.Value,
        SpecificRiskToVictimFromCaution = SpecificRiskToVictimFromCaution!.Value,
        TenantAnswers = TenantAnswers ?? [],
    };

    public static ScreeningAnswersDto From(ScreeningAnswers a) => new(
        a.LastViolenceConvictionOrCautionDate, a.OnBail, a.SubjectToCourtOrderOrCommunitySentence, a.EvidenceOfCoerciveOrControllingBehaviour,
        new DashDto(a.Dash.Score, a.Dash.AssessedLevel, a.Dash.JudgementLevel, a.Dash.JudgementReason), a.VictimViewsRecorded,
        a.SpecificRiskToVictimFromCaution, a.TenantAnswers.ToDictionary());
}

/// <summary>A DASH assessment.</summary>
/// <param name="Score">The DASH score (0 to 27).</param>
/// <param name="AssessedLevel">Standard, Medium or High.</param>
/// <param name="JudgementLevel">A professional-judgement override; may raise the level, never lower it.</param>
/// <param name="JudgementReason">Why the judgement differs; required with an override.</param>
public sealed record DashDto(int? Score, DashRisk? AssessedLevel, DashRisk? JudgementLevel, string? JudgementReason);

/// <summary>The victim's details for the victim-contact service.</summary>
/// <param name="GivenName">Given name.</param>
/// <param name="FamilyName">Family name.</param>
/// <param name="Relationship">Relationship to the offender.</param>
/// <param name="SafeContactMethod">How the service may safely make contact.</param>
/// <param name="Phone">A safe phone number.</param>
/// <param name="Email">A safe email address.</param>
/// <param name="Address">A safe postal address.</param>
/// <param name="SafeContactTimes">When contact is safe, e.g. "weekdays 9–12".</param>
/// <param name="ContactConsented">Whether the victim agreed to be contacted by the service.</param>
/// <param name="Notes">Anything the service must know before making contact.</param>
public sealed record VictimDto(
    string? GivenName, string? FamilyName, OffenceRelationship? Relationship, SafeContactMethod? SafeContactMethod, string? Phone,
    string? Email, string? Address, string? SafeContactTimes, bool? ContactConsented, string? Notes)
{
    public VictimDetails ToDomain() => new(
        GivenName!.Trim(), FamilyName!.Trim(), Relationship!.Value, SafeContactMethod!.Value, Phone, Email, Address, SafeContactTimes,
        ContactConsented!.Value, Notes);

    public static VictimDto From(VictimDetails v) => new(
        v.GivenName, v.FamilyName, v.Relationship, v.SafeContactMethod, v.Phone, v.Email, v.Address, v.SafeContactTimes, v.ContactConsented, v.Notes);
}

/// <summary>The coordinator's screening decision.</summary>
/// <param name="Answers">The checklist as the provider found it.</param>
/// <param name="Decision">Eligible or Ineligible. Eligible must agree with the rules (422 otherwise, naming each failed rule).</param>
/// <param name="Reason">Why; required for Ineligible, and told to the police.</param>
/// <param name="Version">The version last read.</param>
public sealed record ScreeningDecisionRequest(ScreeningAnswersDto? Answers, ScreeningDecision? Decision, string? Reason, uint? Version);

public enum ScreeningDecision { Eligible, Ineligible }

/// <summary>A move on the referral that needs only a reason.</summary>
/// <param name="Reason">Why; recorded on the timeline and, for returns and withdrawals, told to the police.</param>
/// <param name="Version">The version last read.</param>
public sealed record ReasonRequest(string? Reason, uint? Version);

/// <summary>A move on the referral that needs nothing but the version.</summary>
/// <param name="Version">The version last read.</param>
public sealed record VersionRequest(uint? Version);

/// <summary>The police's decision after a breach, or an extension of the deadline.</summary>
/// <param name="Decision">AllowRebooking (both workshops again), Close, or ExtendDeadline.</param>
/// <param name="Reason">Why; required.</param>
/// <param name="NewDeadline">For ExtendDeadline: the new last day, later than the current one and at most the tenant's maximum (20 weeks) from the caution.</param>
/// <param name="Version">The version last read.</param>
public sealed record PoliceDecisionRequest(PoliceDecision? Decision, string? Reason, DateOnly? NewDeadline, uint? Version);

public enum PoliceDecision { AllowRebooking, Close, ExtendDeadline }

internal static class Limits
{
    public const int ReasonMaxLength = 2000;
    public const string LanguagePattern = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";
}

/// <summary>
/// Rules of a referral's details. Dates are judged against the UK calendar day, and codes against the tenant's
/// settings, so a typing error is 400 naming the field rather than a surprise at screening.
/// </summary>
internal sealed class ReferralDetailsValidator : AbstractValidator<IReferralDetailsRequest>, IPartValidator
{
    public ReferralDetailsValidator(TimeProvider clock, IMultiTenantContextAccessor<CaraTenantInfo> tenants)
    {
        var tenant = tenants.MultiTenantContext.TenantInfo?.Settings;
        var today = UkCalendar.DateOf(clock.GetUtcNow());
        RuleFor(r => r.PoliceReference).NotEmpty().MaximumLength(Referral.PoliceReferenceMaxLength);
        RuleFor(r => r.ForceCode).NotEmpty()
            .Must(code => tenant is null || tenant.Forces.Any(f => f.Code == code))
            .WithMessage(_ => $"'Force Code' must be one of the tenant's forces: {string.Join(", ", tenant?.Forces.Select(f => f.Code) ?? [])}.");
        RuleFor(r => r.DisposalType).NotNull();
        RuleFor(r => r.DisposalDate).NotNull()
            .LessThanOrEqualTo(today).WithMessage("'Disposal Date' must not be in the future.");
        RuleFor(r => r.Officer).NotNull().SetValidator(new OfficerValidator()!);
        RuleFor(r => r.Offence).NotNull().SetValidator(new OffenceValidator(tenant)!);
        RuleFor(r => r.Offence!.Date).LessThanOrEqualTo(r => r.DisposalDate)
            .When(r => r.Offence?.Date is not null && r.DisposalDate is not null)
            .OverridePropertyName("offence.date").WithMessage("'offence.date' must be on or before the disposal date.");
        RuleFor(r => r.Offender).NotNull().SetValidator(new OffenderValidator(today)!);
        RuleFor(r => r.Offender!.DateOfBirth).LessThan(r => r.Offence!.Date)
            .When(r => r.Offender?.DateOfBirth is not null && r.Offence?.Date is not null)
            .OverridePropertyName("offender.dateOfBirth").WithMessage("'offender.dateOfBirth' must be before the offence date.");
        RuleFor(r => r.Eligibility).NotNull().SetValidator(new ScreeningAnswersValidator(tenant, today)!);
    }
}

internal sealed class CreateReferralRequestValidator : AbstractValidator<CreateReferralRequest>
{
    public CreateReferralRequestValidator(TimeProvider clock, IMultiTenantContextAccessor<CaraTenantInfo> tenants)
    {
        Include(new ReferralDetailsValidator(clock, tenants));
        RuleFor(r => r.Victim).NotNull().SetValidator(new VictimValidator()!);
    }
}

internal sealed class CorrectReferralRequestValidator : AbstractValidator<CorrectReferralRequest>
{
    public CorrectReferralRequestValidator(TimeProvider clock, IMultiTenantContextAccessor<CaraTenantInfo> tenants)
    {
        Include(new ReferralDetailsValidator(clock, tenants));
        RuleFor(r => r.Version).NotNull();
    }
}

internal sealed class OfficerValidator : AbstractValidator<OfficerDto>, IPartValidator
{
    public OfficerValidator()
    {
        RuleFor(o => o.Name).NotEmpty().MaximumLength(ReferringOfficer.NameMaxLength);
        RuleFor(o => o.CollarNumber).MaximumLength(ReferringOfficer.CollarNumberMaxLength);
        RuleFor(o => o.Email).NotEmpty().MaximumLength(Offender.EmailMaxLength).EmailAddress();
        RuleFor(o => o.Phone).MaximumLength(Offender.PhoneMaxLength);
    }
}

internal sealed class OffenceValidator : AbstractValidator<OffenceDto>, IPartValidator
{
    public OffenceValidator(TenantDefinition? tenant)
    {
        var known = NationalOffenceTypes.All.Select(o => o.Code).Concat(tenant?.ExtraOffenceTypes.Select(o => o.Code) ?? []).ToHashSet();
        RuleFor(o => o.TypeCode).NotEmpty().Must(code => known.Contains(code!))
            .WithMessage($"'Type Code' must be a listed offence type: {string.Join(", ", known)}.");
        RuleFor(o => o.Date).NotNull();
        RuleFor(o => o.Relationship).NotNull();
    }
}

internal sealed class OffenderValidator : AbstractValidator<OffenderDto>, IPartValidator
{
    public OffenderValidator(DateOnly today)
    {
        RuleFor(o => o.GivenName).NotEmpty().MaximumLength(Offender.NameMaxLength);
        RuleFor(o => o.FamilyName).NotEmpty().MaximumLength(Offender.NameMaxLength);
        RuleFor(o => o.DateOfBirth).NotNull().LessThan(today).GreaterThan(new DateOnly(1900, 1, 1));
        RuleFor(o => o.Sex).NotNull();
        RuleFor(o => o.AddressLine1).MaximumLength(Offender.AddressLineMaxLength);
        RuleFor(o => o.AddressLine2).MaximumLength(Offender.AddressLineMaxLength);
        RuleFor(o => o.Town).MaximumLength(Offender.TownMaxLength);
        RuleFor(o => o.Postcode).Must(p => p is null || Postcode.TryNormalise(p, out _))
            .WithMessage("'{PropertyName}' must be a UK postcode, e.g. SO14 5GL.");
        RuleFor(o => o.Phone).MaximumLength(Offender.PhoneMaxLength);
        RuleFor(o => o.Email).MaximumLength(Offender.EmailMaxLength).EmailAddress().When(o => !string.IsNullOrEmpty(o.Email));
        RuleFor(o => o.PreferredLanguage).Matches(Limits.LanguagePattern).MaximumLength(35)
            .WithMessage("'{PropertyName}' must be a language code such as en, pl or pa.");
        RuleFor(o => o.AccessibilityNeeds).MaximumLength(Offender.NeedsMaxLength);
        RuleFor(o => o.Ethnicity).Must(e => e is null || EthnicityCodes.IsKnown(e))
            .WithMessage("'{PropertyName}' must be a self-defined ethnicity code such as W1, A4 or NS (not stated).");
    }
}

internal sealed class ScreeningAnswersValidator : AbstractValidator<ScreeningAnswersDto>, IPartValidator
{
    public ScreeningAnswersValidator(TenantDefinition? tenant, DateOnly today)
    {
        var questions = tenant?.ScreeningQuestions.Select(q => q.Code).ToHashSet() ?? [];
        RuleFor(a => a.LastViolenceConvictionOrCautionDate).LessThanOrEqualTo(today)
            .WithMessage("'{PropertyName}' must not be in the future.");
        RuleFor(a => a.OnBail).NotNull();
        RuleFor(a => a.SubjectToCourtOrderOrCommunitySentence).NotNull();
        RuleFor(a => a.EvidenceOfCoerciveOrControllingBehaviour).NotNull();
        RuleFor(a => a.VictimViewsRecorded).NotNull();
        RuleFor(a => a.SpecificRiskToVictimFromCaution).NotNull();
        RuleFor(a => a.Dash).NotNull().SetValidator(new DashValidator()!);
        RuleForEach(a => a.TenantAnswers).Must(answer => questions.Contains(answer.Key))
            .WithMessage((_, answer) => $"'{answer.Key}' is not one of the tenant's screening questions: {string.Join(", ", questions)}.");
    }
}

internal sealed class DashValidator : AbstractValidator<DashDto>, IPartValidator
{
    /// <summary>The DASH checklist has 27 questions, one point each.</summary>
    public const int MaxScore = 27;

    public DashValidator()
    {
        RuleFor(d => d.Score).NotNull().InclusiveBetween(0, MaxScore);
        RuleFor(d => d.AssessedLevel).NotNull();
        RuleFor(d => d.JudgementLevel).Must((d, judged) => judged >= d.AssessedLevel)
            .When(d => d.JudgementLevel is not null && d.AssessedLevel is not null)
            .WithMessage("'{PropertyName}' may raise the assessed level, never lower it.");
        RuleFor(d => d.JudgementReason).NotEmpty().When(d => d.JudgementLevel is not null)
            .WithMessage("'{PropertyName}' is required with a professional-judgement override.");
        RuleFor(d => d.JudgementReason).MaximumLength(Limits.ReasonMaxLength);
    }
}

internal sealed class VictimValidator : AbstractValidator<VictimDto>, IPartValidator
{
    public VictimValidator()
    {
        RuleFor(v => v.GivenName).NotEmpty().MaximumLength(VictimDetails.NameMaxLength);
        RuleFor(v => v.FamilyName).NotEmpty().MaximumLength(VictimDetails.NameMaxLength);
        RuleFor(v => v.Relationship).NotNull();
        RuleFor(v => v.SafeContactMethod).NotNull();
        RuleFor(v => v.ContactConsented).NotNull();
        RuleFor(v => v.Phone).MaximumLength(VictimDetails.PhoneMaxLength);
        RuleFor(v => v.Phone).NotEmpty().When(v => v.SafeContactMethod is SafeContactMethod.Phone or SafeContactMethod.TextMessage)
            .WithMessage("'{PropertyName}' is required when contact is by phone or text message.");
        RuleFor(v => v.Email).MaximumLength(VictimDetails.EmailMaxLength).EmailAddress().When(v => !string.IsNullOrEmpty(v.Email));
        RuleFor(v => v.Email).NotEmpty().When(v => v.SafeContactMethod == SafeContactMethod.Email)
            .WithMessage("'{PropertyName}' is required when contact is by email.");
        RuleFor(v => v.Address).MaximumLength(VictimDetails.AddressMaxLength);
        RuleFor(v => v.Address).NotEmpty().When(v => v.SafeContactMethod == SafeContactMethod.Letter)
            .WithMessage("'{PropertyName}' is required when contact is by letter.");
        RuleFor(v => v.SafeContactTimes).MaximumLength(VictimDetails.TextMaxLength);
        RuleFor(v => v.Notes).MaximumLength(VictimDetails.TextMaxLength);
    }
}

internal sealed class ScreeningDecisionRequestValidator : AbstractValidator<ScreeningDecisionRequest>
{
    public ScreeningDecisionRequestValidator(TimeProvider clock, IMultiTenantContextAccessor<CaraTenantInfo> tenants)
    {
        var today = UkCalendar.DateOf(clock.GetUtcNow());
        RuleFor(r => r.Answers).NotNull().SetValidator(new ScreeningAnswersValidator(tenants.MultiTenantContext.TenantInfo?.Settings, today)!);
        RuleFor(r => r.Decision).NotNull();
        RuleFor(r => r.Reason).NotEmpty().When(r => r.Decision == ScreeningDecision.Ineligible)
            .WithMessage("'{PropertyName}' is required to return a referral: the police are told why.");
        RuleFor(r => r.Reason).MaximumLength(Limits.ReasonMaxLength);
        RuleFor(r => r.Version).NotNull();
    }
}

internal sealed class ReasonRequestValidator : AbstractValidator<ReasonRequest>
{
    public ReasonRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(Limits.ReasonMaxLength);
        RuleFor(r => r.Version).NotNull();
    }
}

internal sealed class VersionRequestValidator : AbstractValidator<VersionRequest>
{
    public VersionRequestValidator() => RuleFor(r => r.Version).NotNull();
}

internal sealed class PoliceDecisionRequestValidator : AbstractValidator<PoliceDecisionRequest>
{
    public PoliceDecisionRequestValidator()
    {
        RuleFor(r => r.Decision).NotNull();
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(Limits.ReasonMaxLength);
        RuleFor(r => r.NewDeadline).NotNull().When(r => r.Decision == PoliceDecision.ExtendDeadline)
            .WithMessage("'{PropertyName}' is required to extend the deadline.");
        RuleFor(r => r.NewDeadline).Null().When(r => r.Decision != PoliceDecision.ExtendDeadline)
            .WithMessage("'{PropertyName}' is only for ExtendDeadline.");
        RuleFor(r => r.Version).NotNull();
    }
}
