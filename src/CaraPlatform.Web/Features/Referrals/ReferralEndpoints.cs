using System.Security.Claims;
using CaraPlatform.Domain.Access;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Infrastructure.Tenancy;
using CaraPlatform.Tenancy;
using CaraPlatform.Web.Features.Referrals.Contracts;
using CaraPlatform.Web.Platform;
using CaraPlatform.Web.Platform.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>
/// Referrals from the police to the provider. Illegal moves are 409 naming the current state; a stale version is
/// 409; the victim's details are only ever returned by the victim endpoint, to the roles allowed to see them.
/// </summary>
public static class ReferralEndpoints
{
    private static readonly TenantRole[] Readers =
        [TenantRole.ProviderAdmin, TenantRole.Coordinator, TenantRole.ForceSpoc, TenantRole.Facilitator, TenantRole.VictimContactWorker];

    private static readonly TenantRole[] Referrers = [TenantRole.ForceSpoc, TenantRole.Coordinator, TenantRole.ProviderAdmin];

    private static readonly TenantRole[] Screeners = [TenantRole.Coordinator, TenantRole.ProviderAdmin];

    public static void AddReferrals(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ReferralHandler>();
        services.AddScoped<IReferralReach>(sp => sp.GetRequiredService<ReferralHandler>());
        services.AddOptions<ReferralDeadlineOptions>().Bind(builder.Configuration.GetSection("Referrals:Deadlines")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReferralDeadlineJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ReferralDeadlineJob>());
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
            .RequireTenantApiAccess(ApiScopes.ReferralsWrite, Referrers);
        referrals.MapGet("/", List).WithName("ListReferrals").WithSummary("List referrals")
            .WithDescription("Newest first. Filters: status (repeatable), receivedFrom/receivedTo (UK dates, inclusive), policeReference (prefix). " +
                "Pass nextCursor as cursor for the next page. A facilitator sees only the participants of their own runs.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireTenantApiAccess(ApiScopes.ReferralsRead, Readers);
        referrals.MapGet("/screening-checklist", Checklist).WithName("GetScreeningChecklist").WithSummary("The screening checklist")
            .WithDescription("The national eligibility rules and the tenant's own questions, which every screening must answer.")
            .RequireTenantApiAccess(ApiScopes.ReferralsRead, Readers);
        referrals.MapGet("/{referralId:guid}", Get).WithName("GetReferral").WithSummary("Get a referral with its timeline")
            .WithDescription("The referral, its deadlines as of today, the moves allowed next and every move so far. Never the victim's details. " +
                "A facilitator reads only the participants of their own runs (404 for others).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireTenantApiAccess(ApiScopes.ReferralsRead, Readers);
        referrals.MapPut("/{referralId:guid}", Correct).WithName("CorrectReferral").WithSummary("Correct a referral before screening")
            .WithDescription("Only while the referral is Received (409 naming the state otherwise). The victim's details are not changed here.")
            .Validates<CorrectReferralRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.ReferralsWrite, Referrers);

        Move(referrals, "/start-screening", "StartScreening", "Start screening", "Received → Screening.",
            Screeners, (VersionRequest r) => r.Version, (referral, request, actor, ctx) => referral.StartScreening(actor, ctx.Clock));
        referrals.MapPost("/{referralId:guid}/screening", Screen).WithName("ScreenReferral").WithSummary("Record the screening decision")
            .WithDescription("Screening → Eligible, or → ReturnedIneligible with the reason (the police are told). Eligible must agree with the " +
                "rules: 422 names each failed rule.")
            .Validates<ScreeningDecisionRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireTenantApiAccess(ApiScopes.ReferralsWrite, Screeners);
        Move(referrals, "/first-contact", "RecordFirstContact", "Record first contact with the offender",
            "Measured against the tenant's first-contact target; once only.",
            Screeners, (VersionRequest r) => r.Version, (referral, request, actor, ctx) => referral.RecordFirstContact(actor, ctx.Clock));
        Move(referrals, "/return-uncontactable", "ReturnUncontactable", "Return to the police: offender not contactable",
            "From Received, Screening or Eligible. The police are told, with the reason.",
            Screeners, (ReasonRequest r) => r.Version, (referral, request, actor, ctx) => referral.ReturnUncontactable(request.Reason!, actor, ctx.Clock));
        Move(referrals, "/withdraw", "WithdrawReferral", "Withdraw the referral (police)",
            "From any open state; the provider acknowledges the withdrawal to the police.",
            [TenantRole.ForceSpoc], (ReasonRequest r) => r.Version, (referral, request, actor, ctx) => referral.Withdraw(request.Reason!, actor, ctx.Clock));
        Move(referrals, "/police-decision", "RecordPoliceDecision", "Record the police's decision",
            "After a breach (NonCompliant): AllowRebooking (both workshops again) or Close. ExtendDeadline moves the deadline of any open " +
            "referral, to at most the tenant's maximum from the caution.",
            [TenantRole.ForceSpoc], (PoliceDecisionRequest r) => r.Version, (referral, request, actor, ctx) =>
            {
                switch (request.Decision!.Value)
                {
                    case PoliceDecision.AllowRebooking: referral.AllowRebooking(request.Reason!, actor, ctx.Clock); break;
                    case PoliceDecision.Close: referral.Close(request.Reason!, actor, ctx.Clock); break;
                    case PoliceDecision.ExtendDeadline:
                        referral.ExtendDeadline(request.NewDeadline!.Value, request.Reason!, ctx.Tenant.Settings.Condition, actor, ctx.Clock);
                        break;
                }
            });

        referrals.MapGet("/{referralId:guid}/victim", GetVictim).WithName("GetReferralVictim").WithSummary("The victim's details (victim-contact service)")
            .WithDescription("Victim-contact workers and provider admins only; never integration clients. Every view is audited.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireTenantApiAccess(ApiScopes.VictimsRead, TenantRole.VictimContactWorker, TenantRole.ProviderAdmin);
    }

    private sealed record MoveContext(TimeProvider Clock, CaraTenantInfo Tenant);

    /// <summary>One lifecycle move: load, check version, apply, save, answer with the referral.</summary>
    private static void Move<TRequest>(
        RouteGroupBuilder referrals, string path, string name, string summary, string description, TenantRole[] roles,
        Func<TRequest, uint?> version, Action<Referral, TRequest, ReferralActor, MoveContext> apply)
    {
        referrals.MapPost("/{referralId:guid}" + path, async Task<Results<Ok<ReferralResponse>, ProblemHttpResult>> (
                Guid referralId, TRequest request, ClaimsPrincipal user, ReferralHandler handler, TimeProvider clock,
                IMultiTenantContextAccessor<CaraTenantInfo> tenants, CancellationToken cancellationToken) =>
            {
                var tenant = tenants.MultiTenantContext.TenantInfo!;
                var referral = await handler.ChangeAsync(referralId, version(request)!.Value, user,
                    (r, actor) => apply(r, request, actor, new MoveContext(clock, tenant)), cancellationToken);
                return referral is null ? NotFound() : TypedResults.Ok(ReferralResponse.From(referral, tenant.Settings, clock));
            })
            .WithName(name).WithSummary(summary).WithDescription(description + " Illegal from the current state: 409 naming it.")
            .Validates<TRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.ReferralsWrite, roles);
    }

    private static Task<IResult> Create(
        CreateReferralRequest request, HttpContext http, ClaimsPrincipal user, ReferralHandler handler, Idempotency idempotency,
        IMultiTenantContextAccessor<CaraTenantInfo> tenants, TimeProvider clock, LinkGenerator links) =>
        idempotency.RunAsync(http, "CreateReferral", request, async cancellationToken =>
        {
            var tenant = tenants.MultiTenantContext.TenantInfo!;
            if (await handler.FindByPoliceReferenceAsync(request.PoliceReference!, cancellationToken) is { } existing)
            {
                var link = links.GetPathByName("GetReferral", new { tenant = tenant.Identifier, referralId = existing.Id });
                return IdempotentOutcome.Refused(TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict, title: "This police reference was already referred",
                    detail: $"Referral {existing.Id} has police reference {existing.PoliceReference}.",
                    extensions: new Dictionary<string, object?> { ["field"] = "policeReference", ["existingReferralId"] = existing.Id, ["existingReferral"] = link }));
            }

            var referral = await handler.ReceiveAsync(DetailsOf(request), request.Victim!.ToDomain(), user, cancellationToken);
            return IdempotentOutcome.Created(
                ReferralResponse.From(referral, tenant.Settings, clock),
                links.GetPathByName("GetReferral", new { tenant = tenant.Identifier, referralId = referral.Id })!);
        });

    /// <param name="status">Only referrals in these statuses.</param>
    /// <param name="receivedFrom">Received on or after this UK date.</param>
    /// <param name="receivedTo">Received on or before this UK date.</param>
    /// <param name="policeReference">Police references starting with this (case-insensitive).</param>
    /// <param name="cursor">nextCursor of the previous page.</param>
    /// <param name="limit">Page size, 1 to 100 (default 25).</param>
    /// <param name="handler">Referral handler.</param>
    /// <param name="user">Caller.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Ok<ReferralPage>, ValidationProblem>> List(
        ReferralHandler handler, ClaimsPrincipal user, CancellationToken cancellationToken, [FromQuery] ReferralStatus[]? status = null, DateOnly? receivedFrom = null,
        DateOnly? receivedTo = null, string? policeReference = null, string? cursor = null, int limit = ReferralQuery.DefaultLimit)
    {
        if (limit is < 1 or > ReferralQuery.MaxLimit)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["'limit' must be between 1 and 100."] });
        if (receivedFrom > receivedTo)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["receivedTo"] = ["'receivedTo' must not be before 'receivedFrom'."] });
        var page = await handler.ListAsync(new ReferralQuery(status, receivedFrom, receivedTo, policeReference, cursor, limit), user, cancellationToken);
        return TypedResults.Ok(new ReferralPage(page.Items.Select(Summary).ToList(), page.NextCursor));

        static ReferralSummary Summary(Referral r) => new(
            r.Id, r.PoliceReference, $"{r.Offender.GivenName} {r.Offender.FamilyName}", r.Status, r.ReceivedAt, r.ConditionDeadline,
            r.AtRiskNoticeAt is not null && ReferralLifecycle.Open.Contains(r.Status), r.OverdueNoticeAt is not null && ReferralLifecycle.Open.Contains(r.Status));
    }

    private static async Task<Results<Ok<ReferralResponse>, ProblemHttpResult>> Get(
        Guid referralId, ClaimsPrincipal user, ReferralHandler handler, IMultiTenantContextAccessor<CaraTenantInfo> tenants, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var referral = await handler.ViewAsync(referralId, user, cancellationToken);
        return referral is null ? NotFound() : TypedResults.Ok(ReferralResponse.From(referral, tenants.MultiTenantContext.TenantInfo!.Settings, clock));
    }

    private static async Task<Results<Ok<ReferralResponse>, ProblemHttpResult>> Correct(
        Guid referralId, CorrectReferralRequest request, ClaimsPrincipal user, ReferralHandler handler,
        IMultiTenantContextAccessor<CaraTenantInfo> tenants, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenant = tenants.MultiTenantContext.TenantInfo!;
        var referral = await handler.ChangeAsync(referralId, request.Version!.Value, user,
            (r, actor) => r.Correct(DetailsOf(request), tenant.Settings.Condition, actor, clock), cancellationToken);
        return referral is null ? NotFound() : TypedResults.Ok(ReferralResponse.From(referral, tenant.Settings, clock));
    }

    private static async Task<Results<Ok<ReferralResponse>, ProblemHttpResult>> Screen(
        Guid referralId, ScreeningDecisionRequest request, ClaimsPrincipal user, ReferralHandler handler,
        IMultiTenantContextAccessor<CaraTenantInfo> tenants, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenant = tenants.MultiTenantContext.TenantInfo!;
        var referral = await handler.ChangeAsync(referralId, request.Version!.Value, user,
            (r, actor) => r.DecideScreening(request.Answers!.ToDomain(), request.Decision == ScreeningDecision.Eligible, request.Reason, tenant.Settings, actor, clock),
            cancellationToken);
        return referral is null ? NotFound() : TypedResults.Ok(ReferralResponse.From(referral, tenant.Settings, clock));
    }

    private static Ok<ScreeningChecklist> Checklist(IMultiTenantContextAccessor<CaraTenantInfo> tenants) =>
        TypedResults.Ok(ScreeningChecklists.For(tenants.MultiTenantContext.TenantInfo!.Settings));

    private static async Task<Results<Ok<VictimRecordResponse>, ProblemHttpResult>> GetVictim(
        Guid referralId, ClaimsPrincipal user, ReferralHandler handler, CancellationToken cancellationToken)
    {
        var victim = await handler.ReadVictimAsync(referralId, user, cancellationToken);
        return victim is { } v ? TypedResults.Ok(new VictimRecordResponse(referralId, VictimDto.From(v.Details), v.Version)) : NotFound();
    }

    public static ReferralDetails DetailsOf(IReferralDetailsRequest r)
    {
        var o = r.Offender!;
        Domain.Common.Postcode.TryNormalise(o.Postcode, out var postcode);
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
            },
            r.Eligibility!.ToDomain());
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Referral not found");
}
