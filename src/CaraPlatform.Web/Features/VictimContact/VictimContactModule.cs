using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Web.Features.VictimContact.Contracts;
using CaraPlatform.Web.Platform.DataProtection;
using CaraPlatform.Web.Portal.Home;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.VictimContact;

/// <summary>
/// The victim-contact caseload: a case per referral, opened with it, worked by victim-contact workers through the API
/// (<c>…/victim-contact/cases</c>) and the portal (<c>/t/{tenant}/victim-contact</c>). Nothing here is ever shown on the
/// offender's side; integration clients never reach it.
/// </summary>
public static class VictimContactModule
{
    public static void AddVictimContact(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<VictimCaseQueries>();
        services.AddScoped<VictimCaseHandler>();
        services.AddScoped<IVictimCases>(provider => provider.GetRequiredService<VictimCaseQueries>());
        services.AddScoped<IVictimContactConflicts, VictimContactConflicts>();
        services.AddScoped<ISubjectAccessSource, VictimCaseSubjectAccess>();
        services.AddScoped<IPersonalDataEraser, VictimCaseEraser>();
        services.AddAuthorizationBuilder().AddTenantPagePolicy(VictimContactAccess.WorkerPolicy, VictimContactAccess.Workers);
        services.AddPortalLink(new("Victim contact", "victim-contact", VictimContactAccess.Workers, 25));
        services.AddHomeWork<VictimContactHomeWork>();
        services.AddProblemMapping<VictimCaseRuleException>(rule => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = rule.Message,
            Detail = rule.Detail,
            Extensions = { ["field"] = rule.Field },
        });
        services.AddProblemMapping<SafeContactCheckRequiredException>(missing => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "A safe-contact check is needed before this contact",
            Detail = missing.Message,
            Extensions = { ["field"] = "safeContactCheck" },
        });
    }

    public static void MapVictimContact(this RouteGroupBuilder tenantApi)
    {
        var cases = tenantApi.MapGroup("/victim-contact/cases").WithTags("Victim contact");
        var reads = cases.MapGroup("").RequireTenantApiAccess(ApiScopes.VictimsRead, VictimContactAccess.Workers);
        reads.MapGet("/", List).WithName("ListVictimCases").WithSummary("The victim-contact caseload")
            .WithDescription("Open cases, oldest first. mine=true: the caller's own; unassigned=true: nobody's yet; includeClosed=true adds closed cases. Audited.");
        reads.MapGet("/{caseId:guid}", Get).WithName("GetVictimCase").WithSummary("A victim-contact case with its entries")
            .WithDescription("Every entry newest first, with what was typed. Each view is audited under the victim's subject.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var writes = cases.MapGroup("").RequireTenantApiAccess(ApiScopes.VictimsWrite, VictimContactAccess.Workers);
        writes.MapPost("/{caseId:guid}/worker", Assign).WithName("AssignVictimCase").WithSummary("Give the case to a victim-contact worker")
            .WithDescription("A provider admin names any victim-contact worker; a worker takes a case for themselves (403 for anyone else). " +
                "A facilitator of the participant's run is refused (409 naming workerId).")
            .Validates<AssignWorkerRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        Entry<SafeContactCheckRequest>(writes, "safe-contact-checks", "RecordSafeContactCheck", "Record the safe-contact check made before a contact");
        Entry<ContactAttemptRequest>(writes, "contact-attempts", "RecordContactAttempt",
            "Record a contact attempt and its outcome (422 naming safeContactCheck without a check since the last attempt)");
        Entry<NeedsRequest>(writes, "needs", "RecordVictimNeeds", "Record the victim's needs and the support offered");
        Entry<SignpostingRequest>(writes, "signposting", "RecordSignposting", "Record where the victim was signposted");
        Entry<RiskReviewRequest>(writes, "risk-reviews", "RecordRiskReview", "Record a risk review with a DASH re-assessment");
        Entry<EscalationRequest>(writes, "escalations", "RecordEscalation",
            "Escalate a safeguarding concern to the police, MARAC or children's services: what was shared, with whom, the lawful basis and why (one disclosure audit row)");
        Entry<ReportedChangeRequest>(writes, "reported-changes", "RecordReportedChange",
            "Record the change the victim reports after a workshop the participant attended (409 naming workshop before it)");
        writes.MapPost("/{caseId:guid}/close", Close).WithName("CloseVictimCase").WithSummary("Close the case with its reason")
            .WithDescription("Only after Workshop 2, or once the referral is returned, withdrawn or closed by the police (409 naming referral before).")
            .Validates<CloseCaseRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void Entry<TRequest>(RouteGroupBuilder cases, string path, string name, string summary) where TRequest : IVictimCaseEntryRequest =>
        cases.MapPost("/{caseId:guid}/" + path, async Task<Results<Ok<VictimCaseSummary>, ProblemHttpResult>> (
                Guid caseId, TRequest request, ClaimsPrincipal user, VictimCaseHandler handler, CancellationToken cancellationToken) =>
                Found(await handler.RecordAsync(caseId, request, user, cancellationToken)))
            .WithName(name).WithSummary(summary).WithDescription(summary + ". Refused on a closed case (409).")
            .Validates<TRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <param name="queries">Case reads.</param>
    /// <param name="user">Caller.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <param name="mine">Only the caller's cases.</param>
    /// <param name="unassigned">Only cases nobody holds.</param>
    /// <param name="includeClosed">Closed cases too.</param>
    private static async Task<Ok<IReadOnlyList<VictimCaseSummary>>> List(
        VictimCaseQueries queries, ClaimsPrincipal user, CancellationToken cancellationToken, bool mine = false, bool unassigned = false, bool includeClosed = false) =>
        TypedResults.Ok(await queries.ListAsync(new VictimCaseFilter(mine, unassigned, includeClosed), user, cancellationToken));

    private static async Task<Results<Ok<VictimCaseResponse>, ProblemHttpResult>> Get(
        Guid caseId, ClaimsPrincipal user, VictimCaseQueries queries, CancellationToken cancellationToken) =>
        await queries.DetailAsync(caseId, user, cancellationToken) is { } found ? TypedResults.Ok(found) : NotFound();

    private static async Task<Results<Ok<VictimCaseSummary>, ProblemHttpResult>> Assign(
        Guid caseId, AssignWorkerRequest request, ClaimsPrincipal user, VictimCaseHandler handler, CancellationToken cancellationToken) =>
        Found(await handler.AssignAsync(caseId, request, user, cancellationToken));

    private static async Task<Results<Ok<VictimCaseSummary>, ProblemHttpResult>> Close(
        Guid caseId, CloseCaseRequest request, ClaimsPrincipal user, VictimCaseHandler handler, CancellationToken cancellationToken) =>
        Found(await handler.CloseAsync(caseId, request, user, cancellationToken));

    private static Results<Ok<VictimCaseSummary>, ProblemHttpResult> Found(VictimCaseSummary? found) => found is null ? NotFound() : TypedResults.Ok(found);

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Victim-contact case not found");
}
