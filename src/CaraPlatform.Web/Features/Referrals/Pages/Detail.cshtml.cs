using CaraPlatform.Domain.Referrals;
using CaraPlatform.Web.Features.VictimContact.Contracts;
using CaraPlatform.Web.Features.Workshops.Contracts;
using CaraPlatform.Web.Platform.DataProtection;

namespace CaraPlatform.Web.Features.Referrals.Pages;

/// <summary>
/// One referral as staff and police see it (the police see the subset of <see cref="ReferralResponse.ForPolice"/>):
/// never anything about the victim, whoever is looking. Each action form
/// is shown only when the lifecycle allows the move and the person holds a role that may make it; each posts the
/// version it was read at, so a move based on a stale page is refused and explained.
/// </summary>
[Authorize(Policy = ReferralAccess.ReaderPolicy)]
public sealed class ReferralDetailModel(
    ReferralQueries queries, ReferralMoves moves, IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, UserTenants userTenants,
    IValidator<ReasonRequest> reasonValidator, IValidator<PoliceDecisionRequest> decisionValidator, IReferralBookings workshops, IVictimCases victimCases) : PageModel
{
    public ReferralResponse Referral { get; private set; } = null!;

    public ScreeningChecklist Checklist { get; private set; } = null!;

    /// <summary>The referring force's name, from the tenant's settings.</summary>
    public string ForceName { get; private set; } = "";

    public IReadOnlyList<TenantRole> Roles { get; private set; } = [];

    /// <summary>Every run the referral was booked on, newest first, with its marks: what the SPOC follows.</summary>
    public IReadOnlyList<BookingResponse> Bookings { get; private set; } = [];

    /// <summary>An Eligible referral, and someone who books runs.</summary>
    public bool CanBook => Referral.Status == ReferralStatus.Eligible && Roles.Intersect(WorkshopAccess.Planners).Any();

    public bool IsPlanner => Roles.Intersect(WorkshopAccess.Planners).Any();

    public string? Notice { get; private set; }

    /// <summary>What was refused: the field of the failed form it is about ("" for the whole move), and why.</summary>
    public IReadOnlyList<(string Field, string Message)> Errors { get; private set; } = [];

    /// <summary>The form whose input was refused, so its values can be shown again.</summary>
    public string? FailedForm { get; private set; }

    public bool IsScreener => Roles.Intersect(ReferralAccess.Screeners).Any();

    public bool IsPolice => Roles.Intersect(ReferralAccess.Police).Any();

    public bool SeesVictimLink => Roles.Intersect(ReferralAccess.VictimContacts).Any();

    /// <summary>The referral's victim-contact case, looked up only for those who may open it.</summary>
    public Guid? VictimCaseId { get; private set; }

    public bool SeesSubjectAccessLink => Roles.Intersect(SubjectAccessRoles.Exporters).Any();

    public bool Can(ReferralAction action) => ReferralLifecycle.Allows(Referral.Status, action) && action switch
    {
        ReferralAction.StartScreening or ReferralAction.ConfirmEligible or ReferralAction.ReturnIneligible or ReferralAction.ReturnUncontactable => IsScreener,
        ReferralAction.RecordFirstContact => IsScreener && Referral.FirstContactAt is null,
        ReferralAction.Withdraw or ReferralAction.AllowRebooking or ReferralAction.Close or ReferralAction.ExtendDeadline => IsPolice,
        _ => false,
    };

    public async Task<IActionResult> OnGetAsync(Guid referralId, string? done, CancellationToken cancellationToken)
    {
        if (Enum.TryParse<ReferralAction>(done, out var action) && Enum.IsDefined(action))
            Notice = action == ReferralAction.Receive ? "The referral was sent." : $"Done: {ReferralDisplay.Action(action)}.";
        return await PageAsync(referralId, cancellationToken);
    }

    public Task<IActionResult> OnPostStartScreeningAsync(Guid referralId, uint version, CancellationToken cancellationToken) =>
        MoveAsync(referralId, ReferralAccess.Screeners, ReferralAction.StartScreening, "start-screening",
            () => moves.StartScreeningAsync(referralId, new VersionRequest(version), User, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostFirstContactAsync(Guid referralId, uint version, CancellationToken cancellationToken) =>
        MoveAsync(referralId, ReferralAccess.Screeners, ReferralAction.RecordFirstContact, "first-contact",
            () => moves.RecordFirstContactAsync(referralId, new VersionRequest(version), User, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostReturnUncontactableAsync(Guid referralId, string? reason, uint version, CancellationToken cancellationToken)
    {
        var request = new ReasonRequest(reason, version);
        return await ReasonInvalidAsync(referralId, request, "return-uncontactable", cancellationToken)
            ?? await MoveAsync(referralId, ReferralAccess.Screeners, ReferralAction.ReturnUncontactable, "return-uncontactable",
                () => moves.ReturnUncontactableAsync(referralId, request, User, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid referralId, string? reason, uint version, CancellationToken cancellationToken)
    {
        var request = new ReasonRequest(reason, version);
        return await ReasonInvalidAsync(referralId, request, "withdraw", cancellationToken)
            ?? await MoveAsync(referralId, ReferralAccess.Police, ReferralAction.Withdraw, "withdraw",
                () => moves.WithdrawAsync(referralId, request, User, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostPoliceDecisionAsync(
        Guid referralId, PoliceDecision? decision, string? reason, uint version, CancellationToken cancellationToken)
    {
        if (decision == PoliceDecision.ExtendDeadline) decision = null; // extensions have their own form
        var request = new PoliceDecisionRequest(decision, reason, null, version);
        if (await DecisionInvalidAsync(referralId, request, "police-decision", cancellationToken) is { } invalid) return invalid;
        var action = decision == PoliceDecision.Close ? ReferralAction.Close : ReferralAction.AllowRebooking;
        return await MoveAsync(referralId, ReferralAccess.Police, action, "police-decision",
            () => moves.RecordPoliceDecisionAsync(referralId, request, User, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostExtendDeadlineAsync(
        Guid referralId, DateOnly? newDeadline, string? reason, uint version, CancellationToken cancellationToken)
    {
        // The day, month and year boxes that do not make a date are named as such, not as a missing deadline.
        if (ModelState.TryGetValue(nameof(newDeadline), out var typed) && typed.Errors.Count > 0)
            return await RefusedAsync(referralId, "extend-deadline", [(nameof(newDeadline), "New deadline " + typed.Errors[0].ErrorMessage.Replace("Date ", "", StringComparison.Ordinal))],
                200, cancellationToken);
        var request = new PoliceDecisionRequest(PoliceDecision.ExtendDeadline, reason, newDeadline, version);
        if (await DecisionInvalidAsync(referralId, request, "extend-deadline", cancellationToken) is { } invalid) return invalid;
        return await MoveAsync(referralId, ReferralAccess.Police, ReferralAction.ExtendDeadline, "extend-deadline",
            () => moves.RecordPoliceDecisionAsync(referralId, request, User, cancellationToken), cancellationToken);
    }

    /// <summary>The messages about a field of a form, when that form was refused.</summary>
    public string? ErrorAt(string form, string field) =>
        FailedForm == form && Errors.Where(e => e.Field == field).Select(e => e.Message).ToList() is { Count: > 0 } messages ? string.Join(" ", messages) : null;

    /// <summary>The value last posted to a field of the form that failed, so the person need not type it again.</summary>
    public string Posted(string form, string field) =>
        FailedForm == form && Request.HasFormContentType ? Request.Form[field].ToString() : "";

    private async Task<IActionResult?> ReasonInvalidAsync(Guid referralId, ReasonRequest request, string form, CancellationToken cancellationToken)
    {
        var validation = await reasonValidator.ValidateAsync(request, cancellationToken);
        return validation.IsValid ? null : await RefusedAsync(referralId, form, [.. validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage))], 200, cancellationToken);
    }

    private async Task<IActionResult?> DecisionInvalidAsync(Guid referralId, PoliceDecisionRequest request, string form, CancellationToken cancellationToken)
    {
        var validation = await decisionValidator.ValidateAsync(request, cancellationToken);
        return validation.IsValid ? null : await RefusedAsync(referralId, form, [.. validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage))], 200, cancellationToken);
    }

    /// <summary>Makes the move if the person holds a role that may, whatever the form says; a refusal shows the referral as it is now.</summary>
    private async Task<IActionResult> MoveAsync(
        Guid referralId, IReadOnlyCollection<TenantRole> allowed, ReferralAction action, string form, Func<Task<ReferralResponse?>> move,
        CancellationToken cancellationToken)
    {
        var tenant = tenantAccessor.MultiTenantContext.TenantInfo!;
        Roles = await userTenants.RolesAsync(tenant, User, cancellationToken);
        if (!Roles.Intersect(allowed).Any()) return Forbid();
        try
        {
            return await move() is null ? NotFound() : Redirect($"/t/{tenant.Identifier}/referrals/{referralId}?done={action}");
        }
        catch (IllegalReferralTransitionException illegal)
        {
            return await RefusedAsync(referralId, form,
                [("", $"This referral is now {PortalDisplay.Status(illegal.Current)}, and that action is not possible from that state. Nothing was changed: the page shows the referral as it is now.")],
                StatusCodes.Status409Conflict, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The message names the state the page is about to show.
            var page = await RefusedAsync(referralId, form, [], StatusCodes.Status409Conflict, cancellationToken);
            if (page is PageResult)
                Errors = [("", $"Someone else changed this referral while you were looking at it; it is now {PortalDisplay.Status(Referral.Status)}. Nothing was changed: check the page below and try again if it is still needed.")];
            return page;
        }
        catch (ReferralRuleException rule)
        {
            return await RefusedAsync(referralId, form, [("", rule.Message)], StatusCodes.Status409Conflict, cancellationToken);
        }
    }

    /// <summary>Errors here name the field of the failed form, so the page keeps its own list; the answer is the shell's.</summary>
    private Task<IActionResult> RefusedAsync(
        Guid referralId, string form, IReadOnlyList<(string Field, string Message)> errors, int status, CancellationToken cancellationToken)
    {
        Errors = errors;
        FailedForm = form;
        return PageAsync(referralId, cancellationToken).WithStatusAsync(Response, status);
    }

    private async Task<IActionResult> PageAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var tenant = tenantAccessor.MultiTenantContext.TenantInfo!;
        var referral = await queries.DetailAsync(referralId, User, cancellationToken);
        if (referral is null) return NotFound();
        Roles = await userTenants.RolesAsync(tenant, User, cancellationToken);
        Referral = referral;
        Checklist = queries.Checklist();
        ForceName = tenant.Settings.Forces.FirstOrDefault(f => f.Code == referral.ForceCode)?.Name ?? referral.ForceCode;
        var bookings = await workshops.OfReferralAsync(referralId, cancellationToken);
        Bookings = referral.View == ReferralView.Police ? bookings.ConvertAll(b => b.ForPolice()) : bookings;
        if (SeesVictimLink) VictimCaseId = await victimCases.CaseOfReferralAsync(referralId, cancellationToken);
        return Page();
    }
}
