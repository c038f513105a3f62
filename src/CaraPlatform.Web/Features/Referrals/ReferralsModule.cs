using CaraPlatform.Domain.Referrals;
using CaraPlatform.Infrastructure.Hosting;
using CaraPlatform.Infrastructure.VictimContact;
using CaraPlatform.Web.Features.Referrals.Contracts;
using CaraPlatform.Web.Platform.DataProtection;
using CaraPlatform.Web.Portal.Home;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>
/// The referrals module: referrals from the police to the provider, through the API and the portal's pages
/// (<c>/t/{tenant}/referrals…</c>). Illegal moves are 409 naming the current state; a stale version is 409; the
/// victim's details are only ever returned by the victim endpoint and page, to the roles allowed to see them.
/// </summary>
public static class ReferralsModule
{
    public static void AddReferrals(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ReferralIntake>();
        services.AddScoped<ReferralMoves>();
        services.AddScoped<IPersonalDataEraser, ReferralEraser>();
        services.AddScoped<IPersonalDataEraser, ReferralEventEraser>();
        services.AddScoped<ISubjectAccessSource, ReferralSubjectAccess>();
        services.AddScoped<ReferralQueries>();
        services.AddScopedWithContract<ReferralReach, IReferralReach>();
        services.AddScoped<IReferralsOfMonth, ReferralsOfMonth>();
        services.AddSingleton<VictimDetailsProtector>();
        services.AddSingleton<INationalReferralProfiles, NationalReferralProfiles>();
        services.AddOptions<ReferralDeadlineOptions>().Bind(builder.Configuration.GetSection("Referrals:Deadlines")).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedSingleton<ReferralDeadlineJob>();
        services.AddSingleton<IHostCommand, CheckDeadlinesCommand>();
        services.AddReferralPagePolicies();
        services.AddPortalLink(new("Referrals", "referrals", ReferralAccess.Readers, 10));
        services.AddPortalLink(new("Screening", "referrals/screening", ReferralAccess.Screeners, 20));
        services.AddHomeWork<ReferralHomeWork>();
        services.AddProblemMapping<ScreeningContradictionException>(contradiction => new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The screening answers fail the eligibility rules",
            Detail = "Decide Ineligible with a reason, or correct the answers.",
            Extensions =
            {
                ["field"] = "decision",
                ["failedRules"] = contradiction.Reasons.Select(r => new { code = r.Code, text = r.Text }).ToList(),
            },
        });
        services.AddProblemMapping<IllegalReferralTransitionException>(illegal => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = $"Not allowed while the referral is {illegal.Current}",
            Detail = illegal.Message,
            Extensions = { ["currentState"] = illegal.Current.ToString(), ["action"] = illegal.Attempted.ToString() },
        });
        services.AddProblemMapping<ReferralRuleException>(rule => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The referral's rules do not allow this",
            Detail = rule.Message,
        });
    }

    public static void MapReferrals(this RouteGroupBuilder tenantApi)
    {
        var referrals = tenantApi.MapGroup("/referrals").WithTags("Referrals");

        referrals.MapPost("/", Create).WithName("CreateReferral").WithSummary("Refer an offender")
            .WithDescription("Send Idempotency-Key to retry safely: the same key and body replay the first answer (header Idempotent-Replayed: true); " +
                "the same key with another body is 422. A police reference already referred in the tenant is 409 with a link to that referral.")
            .Validates<CreateReferralRequest>()
            .Produces<ReferralResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireTenantApiAccess(ApiScopes.ReferralsWrite, ReferralAccess.Referrers);
        var reads = referrals.MapGroup("").RequireTenantApiAccess(ApiScopes.ReferralsRead, ReferralAccess.Readers);
        reads.MapGet("/", List).WithName("ListReferrals").WithSummary("List referrals")
            .WithDescription("Newest first. Filters: status (repeatable), receivedFrom/receivedTo (UK dates, inclusive), policeReference (prefix). " +
                "Search: q (part of the police reference or of the offender's name, any case) and dateOfBirth (the offender's); a search is " +
                "audited as a view, without the text or date searched for. The victim's details are never searched. " +
                "Pass nextCursor as cursor for the next page. A facilitator sees only the participants of their own runs.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        reads.MapGet("/screening-checklist", Checklist).WithName("GetScreeningChecklist").WithSummary("The screening checklist")
            .WithDescription("The national eligibility rules and the tenant's own questions, which every screening must answer.");
        reads.MapGet("/{referralId:guid}", Get).WithName("GetReferral").WithSummary("Get a referral with its timeline")
            .WithDescription("The referral, its deadlines as of today, the moves allowed next and every move so far. Never the victim's details. " +
                "A facilitator reads only the participants of their own runs (404 for others).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        referrals.MapPut("/{referralId:guid}", Correct).WithName("CorrectReferral").WithSummary("Correct a referral before screening")
            .WithDescription("Only while the referral is Received (409 naming the state otherwise). The victim's details are not changed here.")
            .Validates<CorrectReferralRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.ReferralsWrite, ReferralAccess.Referrers);

        Move<VersionRequest>(referrals, "/start-screening", "StartScreening", "Start screening", "Received → Screening.",
            ReferralAccess.Screeners, m => m.StartScreeningAsync);
        referrals.MapPost("/{referralId:guid}/screening", Screen).WithName("ScreenReferral").WithSummary("Record the screening decision")
            .WithDescription("Screening → Eligible, or → ReturnedIneligible with the reason (the police are told). Eligible must agree with the " +
                "rules: 422 names each failed rule.")
            .Validates<ScreeningDecisionRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireTenantApiAccess(ApiScopes.ReferralsWrite, ReferralAccess.Screeners);
        Move<VersionRequest>(referrals, "/first-contact", "RecordFirstContact", "Record first contact with the offender",
            "Measured against the tenant's first-contact target; once only.",
            ReferralAccess.Screeners, m => m.RecordFirstContactAsync);
        Move<ReasonRequest>(referrals, "/return-uncontactable", "ReturnUncontactable", "Return to the police: offender not contactable",
            "From Received, Screening or Eligible. The police are told, with the reason.",
            ReferralAccess.Screeners, m => m.ReturnUncontactableAsync);
        Move<ReasonRequest>(referrals, "/withdraw", "WithdrawReferral", "Withdraw the referral (police)",
            "From any open state; the provider acknowledges the withdrawal to the police.",
            ReferralAccess.Police, m => m.WithdrawAsync);
        Move<PoliceDecisionRequest>(referrals, "/police-decision", "RecordPoliceDecision", "Record the police's decision",
            "After a breach (NonCompliant): AllowRebooking (both workshops again) or Close. ExtendDeadline moves the deadline of any open " +
            "referral, to at most the tenant's maximum from the caution.",
            ReferralAccess.Police, m => m.RecordPoliceDecisionAsync);

        referrals.MapGet("/{referralId:guid}/victim", GetVictim).WithName("GetReferralVictim").WithSummary("The victim's details (victim-contact service)")
            .WithDescription("Victim-contact workers and provider admins only; never integration clients. reason (required, 400 naming it without) " +
                "is the justification for opening the record; every view is audited with it.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireTenantApiAccess(ApiScopes.VictimsRead, ReferralAccess.VictimContacts);
    }

    /// <summary>One lifecycle move: its route, its request, who may make it, and the <see cref="ReferralMoves"/> method that makes it.</summary>
    private static void Move<TRequest>(
        RouteGroupBuilder referrals, string path, string name, string summary, string description, TenantRole[] roles,
        Func<ReferralMoves, Func<Guid, TRequest, ClaimsPrincipal, CancellationToken, Task<ReferralResponse?>>> move)
    {
        referrals.MapPost("/{referralId:guid}" + path, async Task<Results<Ok<ReferralResponse>, ProblemHttpResult>> (
                Guid referralId, TRequest request, ClaimsPrincipal user, ReferralMoves moves, CancellationToken cancellationToken) =>
                Found(await move(moves)(referralId, request, user, cancellationToken)))
            .WithName(name).WithSummary(summary).WithDescription(description + " Illegal from the current state: 409 naming it.")
            .Validates<TRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.ReferralsWrite, roles);
    }

    private static Task<IResult> Create(
        CreateReferralRequest request, HttpContext http, ClaimsPrincipal user, ReferralIntake intake, Idempotency idempotency,
        IMultiTenantContextAccessor<CaraTenantInfo> tenants, LinkGenerator links) =>
        idempotency.RunAsync(http, "CreateReferral", request, async cancellationToken =>
        {
            var tenant = tenants.Current();
            if (await intake.FindByPoliceReferenceAsync(request.PoliceReference!, cancellationToken) is { } existing)
            {
                var link = links.GetPathByName("GetReferral", new { tenant = tenant.Identifier, referralId = existing.Id });
                return IdempotentOutcome.Refused(TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict, title: "This police reference was already referred",
                    detail: $"Referral {existing.Id} has police reference {existing.PoliceReference}.",
                    extensions: new Dictionary<string, object?> { ["field"] = "policeReference", ["existingReferralId"] = existing.Id, ["existingReferral"] = link }));
            }

            var referral = await intake.ReceiveAsync(request, user, cancellationToken);
            return IdempotentOutcome.Created(referral, links.GetPathByName("GetReferral", new { tenant = tenant.Identifier, referralId = referral.Id })!);
        });

    /// <param name="status">Only referrals in these statuses.</param>
    /// <param name="receivedFrom">Received on or after this UK date.</param>
    /// <param name="receivedTo">Received on or before this UK date.</param>
    /// <param name="policeReference">Police references starting with this (case-insensitive).</param>
    /// <param name="q">Search: part of the police reference or of the offender's given, family or full name (case-insensitive).</param>
    /// <param name="dateOfBirth">Search: the offender's date of birth.</param>
    /// <param name="cursor">nextCursor of the previous page.</param>
    /// <param name="limit">Page size, 1 to 100 (default 25).</param>
    /// <param name="queries">Referral reads.</param>
    /// <param name="user">Caller.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Ok<ReferralPage>, ValidationProblem>> List(
        ReferralQueries queries, ClaimsPrincipal user, CancellationToken cancellationToken, [FromQuery] ReferralStatus[]? status = null, DateOnly? receivedFrom = null,
        DateOnly? receivedTo = null, string? policeReference = null, string? q = null, DateOnly? dateOfBirth = null, string? cursor = null,
        int limit = ReferralQuery.DefaultLimit)
    {
        if (limit is < 1 or > ReferralQuery.MaxLimit)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["'limit' must be between 1 and 100."] });
        if (receivedFrom > receivedTo)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["receivedTo"] = ["'receivedTo' must not be before 'receivedFrom'."] });
        var list = await queries.ListAsync(new ReferralQuery(status, receivedFrom, receivedTo, policeReference, cursor, limit, Search: q, DateOfBirth: dateOfBirth), user, cancellationToken);
        return TypedResults.Ok(new ReferralPage([.. list.Items.Select(i => i.Summary)], list.NextCursor));
    }

    private static async Task<Results<Ok<ReferralResponse>, ProblemHttpResult>> Get(
        Guid referralId, ClaimsPrincipal user, ReferralQueries queries, CancellationToken cancellationToken) =>
        Found(await queries.DetailAsync(referralId, user, cancellationToken));

    private static async Task<Results<Ok<ReferralResponse>, ProblemHttpResult>> Correct(
        Guid referralId, CorrectReferralRequest request, ClaimsPrincipal user, ReferralMoves moves, CancellationToken cancellationToken) =>
        Found(await moves.CorrectAsync(referralId, request, user, cancellationToken));

    private static async Task<Results<Ok<ReferralResponse>, ProblemHttpResult>> Screen(
        Guid referralId, ScreeningDecisionRequest request, ClaimsPrincipal user, ReferralMoves moves, CancellationToken cancellationToken) =>
        Found(await moves.ScreenAsync(referralId, request, user, cancellationToken));

    private static Ok<ScreeningChecklist> Checklist(ReferralQueries queries) => TypedResults.Ok(queries.Checklist());

    /// <param name="referralId">The referral.</param>
    /// <param name="user">Caller.</param>
    /// <param name="queries">Referral reads.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <param name="reason">Why the record is being opened (DPA 2018 s.62): kept as the view's audited reason.</param>
    private static async Task<Results<Ok<VictimRecordResponse>, ValidationProblem, ProblemHttpResult>> GetVictim(
        Guid referralId, ClaimsPrincipal user, ReferralQueries queries, CancellationToken cancellationToken, string? reason = null)
    {
        if (VictimViewReason.Refusal(reason) is { } refusal)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [refusal] });
        return await queries.VictimAsync(referralId, reason!, user, cancellationToken) is { } victim ? TypedResults.Ok(victim.Record) : NotFound();
    }

    private static Results<Ok<ReferralResponse>, ProblemHttpResult> Found(ReferralResponse? referral) =>
        referral is null ? NotFound() : TypedResults.Ok(referral);

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Referral not found");
}
