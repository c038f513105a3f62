using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.VictimContact;

/// <summary>A request that adds one entry to a case: its structured answers, and the words typed, which are stored encrypted.</summary>
public interface IVictimCaseEntryRequest
{
    VictimCaseEntry ToEntry(ReferralActor by, DateTimeOffset at);

    VictimCaseNotes Notes();
}

/// <summary>The safe-contact check made before a contact attempt.</summary>
/// <param name="Method">How the victim may safely be contacted now.</param>
/// <param name="SafeTimes">When it is safe to contact them.</param>
/// <param name="PersonWhoCausedHarmPresent">Whether the person who caused harm is present.</param>
/// <param name="CodeWord">The code word agreed with the victim, if any.</param>
public sealed record SafeContactCheckRequest(SafeContactMethod? Method, string? SafeTimes, bool? PersonWhoCausedHarmPresent, string? CodeWord)
    : IVictimCaseEntryRequest
{
    public VictimCaseEntry ToEntry(ReferralActor by, DateTimeOffset at) =>
        VictimCaseEntry.SafeContactCheck(by, at, Method!.Value, PersonWhoCausedHarmPresent!.Value);

    public VictimCaseNotes Notes() => new(SafeTimes: SafeTimes?.Trim(), CodeWord: CodeWord?.Trim());
}

/// <summary>A contact attempt and how it went. Needs a safe-contact check since the last attempt (422 naming safeContactCheck).</summary>
/// <param name="Method">How contact was attempted.</param>
/// <param name="Outcome">How it went.</param>
/// <param name="Note">What happened.</param>
public sealed record ContactAttemptRequest(SafeContactMethod? Method, ContactOutcome? Outcome, string? Note) : IVictimCaseEntryRequest
{
    public VictimCaseEntry ToEntry(ReferralActor by, DateTimeOffset at) => VictimCaseEntry.ContactAttempt(by, at, Method!.Value, Outcome!.Value);

    public VictimCaseNotes Notes() => new(Note: Note?.Trim());
}

/// <summary>The victim's needs and the support offered.</summary>
/// <param name="Needs">What the victim needs.</param>
/// <param name="SupportOffered">What support was offered.</param>
public sealed record NeedsRequest(string? Needs, string? SupportOffered) : IVictimCaseEntryRequest
{
    public VictimCaseEntry ToEntry(ReferralActor by, DateTimeOffset at) => VictimCaseEntry.Needs(by, at);

    public VictimCaseNotes Notes() => new(Note: Needs?.Trim(), SupportOffered: SupportOffered?.Trim());
}

/// <summary>Services the victim was signposted to.</summary>
/// <param name="Services">From <see cref="Signposting.Services"/>; "Other" needs the note.</param>
/// <param name="Note">Which other service, or anything else worth knowing.</param>
public sealed record SignpostingRequest(IReadOnlyList<string>? Services, string? Note) : IVictimCaseEntryRequest
{
    public VictimCaseEntry ToEntry(ReferralActor by, DateTimeOffset at) => VictimCaseEntry.Signposting(by, at, Services!);

    public VictimCaseNotes Notes() => new(Note: Note?.Trim());
}

/// <summary>A risk review with a DASH re-assessment.</summary>
/// <param name="Score">DASH score.</param>
/// <param name="AssessedLevel">The level the score gives.</param>
/// <param name="JudgementLevel">A professional-judgement level, which may only raise it.</param>
/// <param name="JudgementReason">Why, with a judgement level.</param>
/// <param name="Note">The review.</param>
public sealed record RiskReviewRequest(int? Score, DashRisk? AssessedLevel, DashRisk? JudgementLevel, string? JudgementReason, string? Note)
    : IVictimCaseEntryRequest
{
    public VictimCaseEntry ToEntry(ReferralActor by, DateTimeOffset at) =>
        VictimCaseEntry.RiskReview(by, at, new DashAssessment(Score!.Value, AssessedLevel!.Value, JudgementLevel, JudgementReason));

    public VictimCaseNotes Notes() => new(Note: Note?.Trim(), JudgementReason: JudgementLevel is null ? null : JudgementReason?.Trim());
}

/// <summary>A safeguarding concern escalated to another agency: a disclosure, audited with its lawful basis.</summary>
/// <param name="To">Police, MARAC or children's services.</param>
/// <param name="Concern">The safeguarding concern.</param>
/// <param name="WhatWasShared">What was shared.</param>
/// <param name="SharedWith">With whom (the person or team).</param>
/// <param name="LawfulBasis">The lawful basis of the disclosure; the audit row's reason.</param>
/// <param name="Why">Why it was necessary and proportionate.</param>
public sealed record EscalationRequest(
    SafeguardingRecipient? To, string? Concern, string? WhatWasShared, string? SharedWith, string? LawfulBasis, string? Why) : IVictimCaseEntryRequest
{
    public VictimCaseEntry ToEntry(ReferralActor by, DateTimeOffset at) => VictimCaseEntry.Escalation(by, at, To!.Value, LawfulBasis!);

    public VictimCaseNotes Notes() => new(Note: Concern?.Trim(), WhatWasShared: WhatWasShared?.Trim(), SharedWith: SharedWith?.Trim(), Why: Why?.Trim());
}

/// <summary>The change the victim reports in the person who caused harm after a workshop they attended.</summary>
/// <param name="Workshop">Workshop1 or Workshop2.</param>
/// <param name="Change">Improved, NoChange, Worse or NotAskedNoContact.</param>
/// <param name="Note">What the victim said.</param>
public sealed record ReportedChangeRequest(WorkshopNumber? Workshop, ReportedChange? Change, string? Note) : IVictimCaseEntryRequest
{
    public VictimCaseEntry ToEntry(ReferralActor by, DateTimeOffset at) => VictimCaseEntry.ReportedChange(by, at, Workshop!.Value, Change!.Value);

    public VictimCaseNotes Notes() => new(Note: Note?.Trim());
}

/// <summary>Closes the case, once the referral is over.</summary>
/// <param name="Reason">Why the case closes.</param>
public sealed record CloseCaseRequest(string? Reason);

/// <summary>Who holds the case: a ProviderAdmin names anyone with the VictimContactWorker role; a worker names themselves.</summary>
/// <param name="WorkerId">The victim-contact worker.</param>
/// <param name="Version">The case's version last read.</param>
public sealed record AssignWorkerRequest(Guid? WorkerId, uint? Version);

/// <summary>Where victims are signposted: the national services every tenant offers, and "Other" with a note.</summary>
public static class Signposting
{
    public const string Other = "Other";

    public static readonly IReadOnlyList<string> Services =
        ["IDVA", "Local domestic abuse service", "Refuge", "Children's services", "Mental health", "Counselling", "Housing", Other];
}

internal sealed class SafeContactCheckRequestValidator : AbstractValidator<SafeContactCheckRequest>
{
    public SafeContactCheckRequestValidator()
    {
        RuleFor(r => r.Method).NotNull().IsInEnum();
        RuleFor(r => r.SafeTimes).NotEmpty().MaximumLength(VictimCaseNotes.TextMaxLength);
        RuleFor(r => r.PersonWhoCausedHarmPresent).NotNull();
        RuleFor(r => r.CodeWord).MaximumLength(100);
    }
}

internal sealed class ContactAttemptRequestValidator : AbstractValidator<ContactAttemptRequest>
{
    public ContactAttemptRequestValidator()
    {
        RuleFor(r => r.Method).NotNull().IsInEnum();
        RuleFor(r => r.Outcome).NotNull().IsInEnum();
        RuleFor(r => r.Note).MaximumLength(VictimCaseNotes.TextMaxLength);
    }
}

internal sealed class NeedsRequestValidator : AbstractValidator<NeedsRequest>
{
    public NeedsRequestValidator()
    {
        RuleFor(r => r.Needs).NotEmpty().MaximumLength(VictimCaseNotes.TextMaxLength);
        RuleFor(r => r.SupportOffered).MaximumLength(VictimCaseNotes.TextMaxLength);
    }
}

internal sealed class SignpostingRequestValidator : AbstractValidator<SignpostingRequest>
{
    public SignpostingRequestValidator()
    {
        RuleFor(r => r.Services).NotEmpty();
        RuleForEach(r => r.Services).Must(Signposting.Services.Contains).WithMessage("'{PropertyValue}' is not one of " + string.Join(", ", Signposting.Services) + ".");
        RuleFor(r => r.Note).NotEmpty().When(r => r.Services?.Contains(Signposting.Other) == true).WithMessage("'Note' must name the other service.");
        RuleFor(r => r.Note).MaximumLength(VictimCaseNotes.TextMaxLength);
    }
}

internal sealed class RiskReviewRequestValidator : AbstractValidator<RiskReviewRequest>
{
    public RiskReviewRequestValidator()
    {
        RuleFor(r => r.Score).NotNull().InclusiveBetween(0, 27);
        RuleFor(r => r.AssessedLevel).NotNull().IsInEnum();
        RuleFor(r => r.JudgementLevel).IsInEnum().Must((r, judged) => judged is null || r.AssessedLevel is null || judged >= r.AssessedLevel)
            .WithMessage("'Judgement Level' may raise the DASH level, never lower it.");
        RuleFor(r => r.JudgementReason).NotEmpty().When(r => r.JudgementLevel is not null).MaximumLength(VictimCaseNotes.TextMaxLength);
        RuleFor(r => r.Note).MaximumLength(VictimCaseNotes.TextMaxLength);
    }
}

internal sealed class EscalationRequestValidator : AbstractValidator<EscalationRequest>
{
    public EscalationRequestValidator()
    {
        RuleFor(r => r.To).NotNull().IsInEnum();
        RuleFor(r => r.Concern).NotEmpty().MaximumLength(VictimCaseNotes.TextMaxLength);
        RuleFor(r => r.WhatWasShared).NotEmpty().MaximumLength(VictimCaseNotes.TextMaxLength);
        RuleFor(r => r.SharedWith).NotEmpty().MaximumLength(VictimCaseNotes.TextMaxLength);
        RuleFor(r => r.LawfulBasis).NotEmpty().MaximumLength(VictimCaseEntry.LawfulBasisMaxLength);
        RuleFor(r => r.Why).NotEmpty().MaximumLength(VictimCaseNotes.TextMaxLength);
    }
}

internal sealed class ReportedChangeRequestValidator : AbstractValidator<ReportedChangeRequest>
{
    public ReportedChangeRequestValidator()
    {
        RuleFor(r => r.Workshop).NotNull().IsInEnum();
        RuleFor(r => r.Change).NotNull().IsInEnum();
        RuleFor(r => r.Note).MaximumLength(VictimCaseNotes.TextMaxLength);
    }
}

internal sealed class CloseCaseRequestValidator : AbstractValidator<CloseCaseRequest>
{
    public CloseCaseRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(VictimCaseNotes.TextMaxLength);
}

internal sealed class AssignWorkerRequestValidator : AbstractValidator<AssignWorkerRequest>
{
    public AssignWorkerRequestValidator()
    {
        RuleFor(r => r.WorkerId).NotEmpty();
        RuleFor(r => r.Version).NotNull();
    }
}
