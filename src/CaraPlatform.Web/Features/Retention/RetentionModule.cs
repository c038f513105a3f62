using CaraPlatform.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.Retention;

/// <summary>
/// The retention module: each tenant's schedule for closed cases (its file's <c>retention</c>) applied daily by
/// <see cref="RetentionJob"/>, the review worklist and the erasure log for the ProviderAdmin and the data-protection
/// officer (<c>/t/{tenant}/retention</c>, <c>/api/v1/tenants/{tenant}/retention/…</c>), and the national counts erasure
/// must leave unchanged (<see cref="CaseCounts"/>). What each feature erases is its own <c>IPersonalDataEraser</c>.
/// </summary>
public static class RetentionModule
{
    public static void AddRetention(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ClosedCaseRetention>();
        services.AddScoped<RetentionWorklist>();
        services.AddScoped<CaseCounts>();
        services.AddOptions<RetentionOptions>().Bind(builder.Configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedSingleton<RetentionJob>();
        services.AddAuthorizationBuilder().AddTenantPagePolicy(RetentionAccess.ReviewersPolicy, RetentionAccess.Reviewers);
        services.AddPortalLink(new("Retention", "retention", RetentionAccess.Reviewers, 85));
    }

    public static void MapRetention(this RouteGroupBuilder tenantApi)
    {
        var retention = tenantApi.MapGroup("/retention").WithTags("Retention")
            .RequireTenantApiAccess(ApiScopes.TenantAdmin, RetentionAccess.Reviewers);
        retention.MapGet("/cases", Cases).WithName("ListRetentionCases").WithSummary("Closed cases due for review")
            .WithDescription("The tenant's retention schedule and the closed cases on its review worklist, soonest erasure first. A case is listed " +
                "once it has been closed (its last move into a terminal status) for the schedule's review months, and erased at its erasure date " +
                "unless kept. For the ProviderAdmin and the DataProtectionOfficer.");
        retention.MapPost("/cases/{referralId:guid}/keep", Keep).WithName("KeepRetentionCase").WithSummary("Keep a case longer")
            .WithDescription("Moves the case's erasure date the given months later, for the reason given; audited with that reason. 404 when the case " +
                "is not on the worklist; 409 when its version is not the one sent.")
            .Validates<KeepCaseRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        retention.MapPost("/cases/{referralId:guid}/agree", Agree).WithName("AgreeRetentionErasure").WithSummary("Agree to erase at the due date")
            .WithDescription("Records that a reviewer agreed to the case's erasure at its due date; audited. 404 when the case is not on the worklist.")
            .Validates<AgreeToEraseRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        retention.MapGet("/erasures", Erasures).WithName("ListErasures").WithSummary("The erasure log, newest first")
            .WithDescription("Metadata only: which referral, when, by which rule and what kinds of data. " +
                $"Pages of at most {RetentionWorklist.MaxPageSize} (default {RetentionWorklist.DefaultPageSize}); pass nextCursor as cursor for older entries.")
            .ProducesValidationProblem();
        retention.MapGet("/counts", Counts).WithName("GetRetentionCounts").WithSummary("The counts erasure keeps")
            .WithDescription("Referrals by month received, status, IPV or not and cohort: the non-personal figures national data is built from, " +
                "counting erased cases as they were.");
    }

    private static async Task<Ok<RetentionWorklistResponse>> Cases(RetentionWorklist worklist, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await worklist.CasesAsync(user, cancellationToken));

    private static async Task<NoContent> Keep(
        Guid referralId, KeepCaseRequest request, RetentionWorklist worklist, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await worklist.KeepAsync(referralId, request, user, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Agree(
        Guid referralId, AgreeToEraseRequest request, RetentionWorklist worklist, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await worklist.AgreeToEraseAsync(referralId, request, user, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <param name="worklist">The tenant's worklist and log.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <param name="cursor">nextCursor of the previous page; omit for the newest.</param>
    /// <param name="limit">Entries per page, 1 to 200.</param>
    private static async Task<Results<Ok<ErasurePageResponse>, ValidationProblem>> Erasures(
        RetentionWorklist worklist, CancellationToken cancellationToken, string? cursor = null, int limit = RetentionWorklist.DefaultPageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > RetentionWorklist.MaxPageSize) errors["limit"] = [$"limit must be between 1 and {RetentionWorklist.MaxPageSize}."];
        if (!KeysetCursor.TryParse(cursor, out var after)) errors["cursor"] = ["cursor is not one this API gave out."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await worklist.ErasuresAsync(after, limit, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<CaseCountResponse>>> Counts(CaseCounts counts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await counts.CountAsync(cancellationToken));
}
