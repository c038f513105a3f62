using CaraPlatform.Web.Features.QaReviews.Contracts;
using CaraPlatform.Web.Portal.Home;
using CaraPlatform.Web.Portal.National;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.QaReviews;

/// <summary>Who may do what with quality-assurance reviews.</summary>
public static class QaAccess
{
    /// <summary>The reviewers, and the LicenceAdmin who reads what they found.</summary>
    public static readonly PlatformRole[] Readers = [PlatformRole.QualityAssurer, PlatformRole.LicenceAdmin];

    /// <summary>The tenant's reviews: its ProviderAdmin.</summary>
    public const string TenantPolicy = "QaReviews.Tenant";
}

/// <summary>
/// Quality-assurance reviews: the licence holder's reviewers plan observations against the coverage target, observe a
/// run (its facts from the national read model only), score it and set actions; the tenant's ProviderAdmin
/// acknowledges and evidences them; the reviewer verifies each, which closes the review.
/// </summary>
public static class QaReviewsModule
{
    public static void AddQaReviews(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<QaReviewOptions>().Bind(builder.Configuration.GetSection(QaReviewOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<QaReviewHandler>();
        services.AddScoped<TenantQaReviews>();
        services.AddScoped<IQaObservations, QaObservations>();
        services.AddAuthorizationBuilder().AddTenantPagePolicy(QaAccess.TenantPolicy, TenantRole.ProviderAdmin);
        services.AddPortalLink(new("QA reviews", "qa-reviews", [TenantRole.ProviderAdmin], 95));
        services.AddNationalLink(new NationalLink("QA reviews", "qa", QaAccess.Readers, 30,
            "Observations of runs against the coverage target: ratings and trends per service, overdue actions, facilitators due."));
        services.AddTenantHomeBanners<QaTenantBanners>();
        services.AddNationalHomeBanners<QaNationalBanners>();
    }

    public static void MapQaReviews(this RouteGroupBuilder nationalApi)
    {
        var qa = nationalApi.MapGroup("/qa").WithTags("QA reviews");
        qa.MapGet("/dashboard", Dashboard).WithName("GetQaDashboard").WithSummary("Per tenant the latest rating and trend and overdue actions; per facilitator the coverage")
            .RequirePlatformApiAccess(ApiScopes.QaRead, QaAccess.Readers);
        qa.MapGet("/runs", Runs).WithName("ListQaRuns").WithSummary("Runs to observe: from 90 days back to 60 ahead, from the national read model")
            .ProducesProblem(StatusCodes.Status404NotFound).RequirePlatformApiAccess(ApiScopes.QaRead, QaAccess.Readers);
        qa.MapGet("/runs/{tenant}/{runId:guid}", Run).WithName("GetQaRun").WithSummary("A run's facts and its participants' feedback in counts (under 5 suppressed)")
            .ProducesProblem(StatusCodes.Status404NotFound).RequirePlatformApiAccess(ApiScopes.QaRead, QaAccess.Readers);
        qa.MapGet("/reviews", List).WithName("ListQaReviews").WithSummary("Every review, newest observation first")
            .RequirePlatformApiAccess(ApiScopes.QaRead, QaAccess.Readers);
        qa.MapGet("/reviews/{reviewId:guid}", Read).WithName("GetQaReview").WithSummary("A review")
            .ProducesProblem(StatusCodes.Status404NotFound).RequirePlatformApiAccess(ApiScopes.QaRead, QaAccess.Readers);

        var writes = qa.MapGroup("/reviews").RequirePlatformApiAccess(ApiScopes.QaWrite, PlatformRole.QualityAssurer)
            .ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPost("/", Draft).WithName("DraftQaReview").WithSummary("Record an observation of a run, as a draft")
            .Validates<DraftQaReviewRequest>();
        writes.MapPut("/{reviewId:guid}", Revise).WithName("ReviseQaReview").WithSummary("Change a draft (the whole form)")
            .Validates<ReviseQaReviewRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPost("/{reviewId:guid}/submit", Submit).WithName("SubmitQaReview")
            .WithSummary("Submit a draft: every domain scored, a rating and a facilitator; the tenant's ProviderAdmins are emailed")
            .Validates<QaReviewVersionRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPost("/{reviewId:guid}/actions/{actionId:guid}/verify", Verify).WithName("VerifyQaAction")
            .WithSummary("Accept an action's evidence; the last verification closes the review")
            .Validates<QaReviewVersionRequest>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static void MapTenantQaReviews(this RouteGroupBuilder tenantApi)
    {
        var reviews = tenantApi.MapGroup("/qa-reviews").WithTags("QA reviews").RequireTenantApiAccess(ApiScopes.TenantAdmin, TenantRole.ProviderAdmin);
        reviews.MapGet("/", TenantList).WithName("ListTenantQaReviews").WithSummary("The service's reviews, once submitted");
        reviews.MapGet("/{reviewId:guid}", TenantRead).WithName("GetTenantQaReview").WithSummary("One of the service's reviews")
            .ProducesProblem(StatusCodes.Status404NotFound);
        reviews.MapPost("/{reviewId:guid}/acknowledge", Acknowledge).WithName("AcknowledgeQaReview")
            .WithSummary("Acknowledge a submitted review, with a response if wished").Validates<AcknowledgeQaReviewRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        reviews.MapPost("/{reviewId:guid}/actions/{actionId:guid}/evidence", Evidence).WithName("RecordQaEvidence")
            .WithSummary("Record the evidence that an action is done (after acknowledging)").Validates<QaEvidenceRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static ProblemHttpResult NotFound(string what) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found");

    private static async Task<Ok<QaDashboardResponse>> Dashboard(QaReviewHandler qa, CancellationToken cancellationToken) =>
        TypedResults.Ok(await qa.DashboardAsync(cancellationToken));

    private static async Task<Ok<IReadOnlyList<QaRunSummary>>> Runs(string? tenant, QaReviewHandler qa, CancellationToken cancellationToken) =>
        TypedResults.Ok(await qa.RunsToObserveAsync(tenant, cancellationToken));

    private static async Task<Results<Ok<QaRunResponse>, ProblemHttpResult>> Run(string tenant, Guid runId, QaReviewHandler qa, CancellationToken cancellationToken) =>
        await qa.RunAsync(tenant, runId, cancellationToken) is { } run ? TypedResults.Ok(run) : NotFound("Run");

    private static async Task<Ok<IReadOnlyList<QaReviewSummary>>> List(string? tenant, QaReviewHandler qa, CancellationToken cancellationToken) =>
        TypedResults.Ok(await qa.ListAsync(tenant, cancellationToken));

    private static async Task<Results<Ok<QaReviewResponse>, ProblemHttpResult>> Read(Guid reviewId, QaReviewHandler qa, CancellationToken cancellationToken) =>
        await qa.FindAsync(reviewId, cancellationToken) is { } review ? TypedResults.Ok(review) : NotFound("Review");

    private static async Task<Created<QaReviewResponse>> Draft(DraftQaReviewRequest request, QaReviewHandler qa, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var review = await qa.DraftAsync(request, caller, cancellationToken);
        return TypedResults.Created($"/api/v1/national/qa/reviews/{review.Id}", review);
    }

    private static async Task<Ok<QaReviewResponse>> Revise(Guid reviewId, ReviseQaReviewRequest request, QaReviewHandler qa, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await qa.ReviseAsync(reviewId, request, caller, cancellationToken));

    private static async Task<Ok<QaReviewResponse>> Submit(Guid reviewId, QaReviewVersionRequest request, QaReviewHandler qa, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await qa.SubmitAsync(reviewId, request, caller, cancellationToken));

    private static async Task<Ok<QaReviewResponse>> Verify(
        Guid reviewId, Guid actionId, QaReviewVersionRequest request, QaReviewHandler qa, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await qa.VerifyAsync(reviewId, actionId, request, caller, cancellationToken));

    private static async Task<Ok<IReadOnlyList<QaReviewSummary>>> TenantList(TenantQaReviews reviews, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reviews.ListAsync(cancellationToken));

    private static async Task<Results<Ok<QaReviewResponse>, ProblemHttpResult>> TenantRead(Guid reviewId, TenantQaReviews reviews, CancellationToken cancellationToken) =>
        await reviews.FindAsync(reviewId, cancellationToken) is { } review ? TypedResults.Ok(review) : NotFound("Review");

    private static async Task<Ok<QaReviewResponse>> Acknowledge(
        Guid reviewId, AcknowledgeQaReviewRequest request, TenantQaReviews reviews, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reviews.AcknowledgeAsync(reviewId, request, caller, cancellationToken));

    private static async Task<Ok<QaReviewResponse>> Evidence(
        Guid reviewId, Guid actionId, QaEvidenceRequest request, TenantQaReviews reviews, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reviews.RecordEvidenceAsync(reviewId, actionId, request, caller, cancellationToken));
}

/// <summary>The ProviderAdmin's home: reviews awaiting acknowledgement and actions overdue.</summary>
public sealed class QaTenantBanners(TenantQaReviews reviews) : ITenantHomeBanners
{
    public async Task<IReadOnlyList<HomeBanner>> BannersAsync(HomeViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.Holds(TenantRole.ProviderAdmin)) return [];
        var (awaiting, overdue) = (await reviews.AwaitingAcknowledgementAsync(cancellationToken), await reviews.OverdueActionsAsync(cancellationToken));
        List<string> said = [];
        if (awaiting > 0) said.Add($"{awaiting} quality-assurance {(awaiting == 1 ? "review awaits" : "reviews await")} your acknowledgement");
        if (overdue > 0) said.Add($"{overdue} quality-assurance {(overdue == 1 ? "action is" : "actions are")} overdue");
        return said.Count == 0 ? [] : [new HomeBanner("qa-banner", "Quality assurance", string.Join("; ", said) + ".", new("See the reviews", viewer.Path("qa-reviews")))];
    }
}

/// <summary>The national home's banner for reviewers: actions overdue across the services.</summary>
public sealed class QaNationalBanners(QaReviewHandler qa) : INationalHomeBanners
{
    public async Task<IReadOnlyList<HomeBanner>> BannersAsync(IReadOnlyList<PlatformRole> roles, CancellationToken cancellationToken)
    {
        if (!roles.Intersect(QaAccess.Readers).Any()) return [];
        var overdue = await qa.OverdueActionsAsync(cancellationToken);
        return overdue == 0 ? [] : [new HomeBanner("qa-banner", "Quality assurance",
            $"{overdue} quality-assurance {(overdue == 1 ? "action is" : "actions are")} overdue.", new("See the QA dashboard", "/national/qa"))];
    }
}
