using System.Globalization;
using CaraPlatform.Domain.Referrals;

namespace CaraPlatform.Web.Features.Referrals.Pages;

/// <summary>
/// The screening decision: the checklist starts from the police's answers, the coordinator corrects what they
/// found, and decides. Eligible must agree with the rules; when it does not, each failed rule is shown. The
/// referral is read as on its own page, so this view of the offender's record is audited too.
/// </summary>
[Authorize(Policy = ReferralAccess.ScreenerPolicy)]
public sealed class ScreenReferralModel(ReferralMoves moves, ReferralQueries queries, IValidator<ScreeningDecisionRequest> validator)
    : RequestFormModel
{
    [BindProperty] public ScreeningDecisionRequest? Input { get; set; }

    public ReferralResponse Referral { get; private set; } = null!;

    public ScreeningChecklist Checklist { get; private set; } = null!;

    /// <summary>The rules the answers fail, when the coordinator decided Eligible against them.</summary>
    public IReadOnlyList<IneligibilityReason> FailedRules { get; private set; } = [];

    /// <summary>The referral changed under the coordinator: the form now carries the version just read.</summary>
    public bool Refreshed { get; private set; }

    public string FormVersion => Refreshed ? Referral.Version.ToString(CultureInfo.InvariantCulture) : Value("version");

    public bool CanDecide => Referral.Status == ReferralStatus.Screening;

    public async Task<IActionResult> OnGetAsync(Guid referralId, CancellationToken cancellationToken) =>
        await LoadAsync(referralId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid referralId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(referralId, cancellationToken)) return NotFound();
        var request = Input ?? new ScreeningDecisionRequest(null, null, null, null);
        var errors = Collect(await validator.ValidateAsync(request, cancellationToken));
        if (errors.Count > 0)
        {
            FieldErrors = errors;
            return Page();
        }

        try
        {
            await moves.ScreenAsync(referralId, request, User, cancellationToken);
            var done = request.Decision == ScreeningDecision.Eligible ? ReferralAction.ConfirmEligible : ReferralAction.ReturnIneligible;
            return Redirect($"/t/{RouteData.Values["tenant"]}/referrals/{referralId}?done={done}");
        }
        catch (ScreeningContradictionException contradiction)
        {
            FailedRules = contradiction.Reasons;
            FieldErrors = new Dictionary<string, string[]> { ["decision"] = ["The answers fail the eligibility rules below: decide Ineligible with a reason, or correct the answers."] };
            return Page();
        }
        catch (IllegalReferralTransitionException illegal)
        {
            return await ConflictAsync(referralId, $"This referral is {PortalDisplay.Status(illegal.Current)}: it can only be screened while in Screening.", cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(referralId, "Someone else changed this referral while you were screening it. Nothing was saved: check it and decide again.", cancellationToken);
        }
        catch (ReferralRuleException rule)
        {
            FieldErrors = new Dictionary<string, string[]> { [""] = [rule.Message] };
            return Page();
        }
    }

    private async Task<IActionResult> ConflictAsync(Guid referralId, string message, CancellationToken cancellationToken)
    {
        await LoadAsync(referralId, cancellationToken);
        Refreshed = true;
        FieldErrors = new Dictionary<string, string[]> { [""] = [$"{message} It is now {PortalDisplay.Status(Referral.Status)}."] };
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>A fresh form starts from the police's answers and the version just read.</summary>
    protected override string? StartingValue(string key)
    {
        var a = Referral.Eligibility;
        const string tenantAnswers = "answers.tenantAnswers[";
        if (key.StartsWith(tenantAnswers, StringComparison.Ordinal))
            return a.TenantAnswers is { } answers && answers.TryGetValue(key[tenantAnswers.Length..^1], out var answer) ? Bool(answer) : null;
        return key switch
        {
            "version" => Referral.Version.ToString(CultureInfo.InvariantCulture),
            "answers.lastViolenceConvictionOrCautionDate" => PortalDisplay.Iso(a.LastViolenceConvictionOrCautionDate),
            "answers.onBail" => Bool(a.OnBail),
            "answers.subjectToCourtOrderOrCommunitySentence" => Bool(a.SubjectToCourtOrderOrCommunitySentence),
            "answers.evidenceOfCoerciveOrControllingBehaviour" => Bool(a.EvidenceOfCoerciveOrControllingBehaviour),
            "answers.victimViewsRecorded" => Bool(a.VictimViewsRecorded),
            "answers.specificRiskToVictimFromCaution" => Bool(a.SpecificRiskToVictimFromCaution),
            "answers.dash.score" => a.Dash?.Score?.ToString(CultureInfo.InvariantCulture),
            "answers.dash.assessedLevel" => a.Dash?.AssessedLevel?.ToString(),
            "answers.dash.judgementLevel" => a.Dash?.JudgementLevel?.ToString() ?? "",
            "answers.dash.judgementReason" => a.Dash?.JudgementReason,
            _ => null,
        };

        static string? Bool(bool? value) => value switch { true => "true", false => "false", null => null };
    }

    private async Task<bool> LoadAsync(Guid referralId, CancellationToken cancellationToken)
    {
        if (await queries.DetailAsync(referralId, User, cancellationToken) is not { } referral) return false;
        Referral = referral;
        Checklist = queries.Checklist();
        return true;
    }
}
