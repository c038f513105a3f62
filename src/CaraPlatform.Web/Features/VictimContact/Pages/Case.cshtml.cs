using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.VictimContact.Pages;

/// <summary>
/// One victim-contact case: who holds it, a form for each kind of entry and the entries newest first. Posts go through
/// the same handler and validators as the API; a refusal shows the page again with its reason. Nothing is cached.
/// </summary>
[Authorize(Policy = VictimContactAccess.WorkerPolicy)]
public sealed class CaseModel(
    VictimCaseQueries queries, VictimCaseHandler handler, UserTenants userTenants, IMultiTenantContextAccessor<CaraTenantInfo> tenants,
    IServiceProvider services) : PortalPageModel
{
    public VictimCaseResponse Case { get; private set; } = null!;

    public IReadOnlyList<(string Value, string Text)> Workers { get; private set; } = [];

    public string? Notice { get; private set; }

    public bool IsProviderAdmin { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid caseId, string? done, CancellationToken cancellationToken)
    {
        Notice = done is null ? null : $"{done} recorded.";
        return await PageAsync(caseId, cancellationToken);
    }

    public Task<IActionResult> OnPostAssignAsync(Guid caseId, Guid? workerId, uint? version, CancellationToken cancellationToken) =>
        PostAsync(caseId, new AssignWorkerRequest(workerId ?? User.PersonId(), version), "Worker", r => handler.AssignAsync(caseId, r, User, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCheckAsync(Guid caseId, SafeContactMethod? checkMethod, string? safeTimes, bool? present, string? codeWord, CancellationToken cancellationToken) =>
        EntryAsync(caseId, new SafeContactCheckRequest(checkMethod, safeTimes, present, codeWord), "Safe-contact check", cancellationToken);

    public Task<IActionResult> OnPostContactAsync(Guid caseId, SafeContactMethod? method, ContactOutcome? outcome, string? contactNote, CancellationToken cancellationToken) =>
        EntryAsync(caseId, new ContactAttemptRequest(method, outcome, contactNote), "Contact attempt", cancellationToken);

    public Task<IActionResult> OnPostNeedsAsync(Guid caseId, string? needs, string? supportOffered, CancellationToken cancellationToken) =>
        EntryAsync(caseId, new NeedsRequest(needs, supportOffered), "Needs and support", cancellationToken);

    public Task<IActionResult> OnPostSignpostingAsync(Guid caseId, string[]? services, string? signpostingNote, CancellationToken cancellationToken) =>
        EntryAsync(caseId, new SignpostingRequest(services, signpostingNote), "Signposting", cancellationToken);

    public Task<IActionResult> OnPostRiskAsync(
        Guid caseId, int? score, DashRisk? assessedLevel, DashRisk? judgementLevel, string? judgementReason, string? riskNote, CancellationToken cancellationToken) =>
        EntryAsync(caseId, new RiskReviewRequest(score, assessedLevel, judgementLevel, judgementReason, riskNote), "Risk review", cancellationToken);

    public Task<IActionResult> OnPostEscalationAsync(
        Guid caseId, SafeguardingRecipient? to, string? concern, string? whatWasShared, string? sharedWith, string? lawfulBasis, string? why,
        CancellationToken cancellationToken) =>
        EntryAsync(caseId, new EscalationRequest(to, concern, whatWasShared, sharedWith, lawfulBasis, why), "Safeguarding escalation", cancellationToken);

    public Task<IActionResult> OnPostChangeAsync(Guid caseId, WorkshopNumber? workshop, ReportedChange? change, string? changeNote, CancellationToken cancellationToken) =>
        EntryAsync(caseId, new ReportedChangeRequest(workshop, change, changeNote), "Victim-reported change", cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(Guid caseId, string? reason, CancellationToken cancellationToken) =>
        PostAsync(caseId, new CloseCaseRequest(reason), "Closure", r => handler.CloseAsync(caseId, r, User, cancellationToken), cancellationToken);

    private Task<IActionResult> EntryAsync<TRequest>(Guid caseId, TRequest request, string done, CancellationToken cancellationToken)
        where TRequest : IVictimCaseEntryRequest =>
        PostAsync(caseId, request, done, r => handler.RecordAsync(caseId, r, User, cancellationToken), cancellationToken);

    private async Task<IActionResult> PostAsync<TRequest>(
        Guid caseId, TRequest request, string done, Func<TRequest, Task<VictimCaseSummary?>> change, CancellationToken cancellationToken)
    {
        var validation = await services.GetRequiredService<IValidator<TRequest>>().ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
            return await ShowAgainAsync(PageAsync(caseId, cancellationToken), [.. validation.Errors.Select(e => e.ErrorMessage)], StatusCodes.Status200OK);
        try
        {
            if (await change(request) is null) return NotFound();
            return Redirect($"/t/{RouteData.Values["tenant"]}/victim-contact/{caseId}?done={Uri.EscapeDataString(done)}");
        }
        catch (ProblemException refusal) when (refusal.Problem.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (Exception refusal) when (refusal is ProblemException or VictimCaseRuleException or SafeContactCheckRequiredException)
        {
            var status = refusal switch
            {
                ProblemException problem => problem.Problem.Status ?? StatusCodes.Status409Conflict,
                SafeContactCheckRequiredException => StatusCodes.Status422UnprocessableEntity,
                _ => StatusCodes.Status409Conflict,
            };
            return await ShowAgainAsync(PageAsync(caseId, cancellationToken), VictimContactDisplay.Messages(refusal), status);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ShowAgainAsync(PageAsync(caseId, cancellationToken), ["Someone else changed this case while you were looking at it. Nothing was changed: check the case below."],
                StatusCodes.Status409Conflict);
        }
    }

    private async Task<IActionResult> PageAsync(Guid caseId, CancellationToken cancellationToken)
    {
        if (await queries.DetailAsync(caseId, User, cancellationToken) is not { } found) return NotFound();
        Response.Headers.CacheControl = "no-store";
        Case = found;
        IsProviderAdmin = (await userTenants.RolesIn(tenants.Current(), User.PersonId() ?? Guid.Empty, cancellationToken) ?? []).Contains(TenantRole.ProviderAdmin);
        if (IsProviderAdmin) Workers = [.. (await queries.WorkersAsync(cancellationToken)).Select(w => (w.Id.ToString(), w.Name))];
        return Page();
    }
}
