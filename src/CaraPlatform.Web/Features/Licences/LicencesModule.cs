using CaraPlatform.Infrastructure.Hosting;
using CaraPlatform.Web.Features.Licences.Contracts;
using CaraPlatform.Web.Portal.Home;
using CaraPlatform.Web.Portal.National;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.Licences;

/// <summary>Who may do what with licences.</summary>
public static class LicenceAccess
{
    /// <summary>Every licence-holder role reads licences (national integration clients are admitted by their own change).</summary>
    public static readonly PlatformRole[] Readers = [PlatformRole.LicenceAdmin, PlatformRole.Trainer, PlatformRole.QualityAssurer, PlatformRole.Analyst];

    /// <summary>The tenant's own licence page: its ProviderAdmin.</summary>
    public const string TenantLicencePolicy = "Licences.TenantLicence";
}

/// <summary>
/// The licences module: the licence holder's licence of each tenant (national API and pages, LicenceAdmin writes), the
/// tenant's read-only view and banners, the end-of-licence warnings, and <see cref="ITenantLicence"/>, which
/// scheduling asks before a new run.
/// </summary>
public static class LicencesModule
{
    public static void AddLicences(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<LicenceHandler>();
        services.AddScoped<ITenantLicence, TenantLicence>();
        services.AddOptions<LicenceWarningOptions>().Bind(builder.Configuration.GetSection(LicenceWarningOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedSingleton<LicenceWarningJob>();
        services.AddAuthorizationBuilder().AddTenantPagePolicy(LicenceAccess.TenantLicencePolicy, TenantRole.ProviderAdmin);
        services.AddPortalLink(new("Licence", "licence", [TenantRole.ProviderAdmin], 90));
        services.AddNationalLink(new NationalLink("Licences", "licences", LicenceAccess.Readers, 10,
            "Each service's licence to deliver CARA: licensee, dates, status and history, and the licences ending soon."));
        services.AddTenantHomeBanners<LicenceTenantBanners>();
        services.AddNationalHomeBanners<LicenceNationalBanners>();
    }

    public static void MapLicences(this RouteGroupBuilder nationalApi)
    {
        var licences = nationalApi.MapGroup("/licences").WithTags("Licences");
        licences.MapGet("/", List).WithName("ListLicences").WithSummary("Every tenant with its licence's standing today")
            .WithDescription("Each tenant with its licence (or none), its standing today, the days to its end and the warning due, if any.")
            .RequirePlatformApiAccess(ApiScopes.LicencesRead, LicenceAccess.Readers);
        licences.MapGet("/{licenceId:guid}", Read).WithName("GetLicence").WithSummary("A licence with its history")
            .WithDescription("The licence and every change to it: who, when, from which status to which, why, and each field's old and new value.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePlatformApiAccess(ApiScopes.LicencesRead, LicenceAccess.Readers);

        var writes = licences.MapGroup("").RequirePlatformApiAccess(ApiScopes.LicencesWrite, PlatformRole.LicenceAdmin)
            .ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPost("/", Create).WithName("CreateLicence").WithSummary("License a tenant")
            .WithDescription("LicenceAdmin only. A tenant holds one licence: a renewal amends it (409 when it has one).")
            .Validates<CreateLicenceRequest>();
        writes.MapPut("/{licenceId:guid}", Update).WithName("UpdateLicence").WithSummary("Change a licence's terms (a renewal is a new end date)")
            .WithDescription("LicenceAdmin only; 409 when the licence changed since the version read.")
            .Validates<UpdateLicenceRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPost("/{licenceId:guid}/suspend", Suspend).WithName("SuspendLicence").WithSummary("Suspend a licence")
            .WithDescription("LicenceAdmin only, with a reason. No new run can be scheduled while it is suspended; 409 when the licence changed since the version read.")
            .Validates<ChangeLicenceStatusRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPost("/{licenceId:guid}/reinstate", Reinstate).WithName("ReinstateLicence").WithSummary("Make a suspended or ended licence active again")
            .WithDescription("LicenceAdmin only, with a reason; 409 when the licence changed since the version read.")
            .Validates<ChangeLicenceStatusRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPost("/{licenceId:guid}/end", End).WithName("EndLicence").WithSummary("End a licence")
            .WithDescription("LicenceAdmin only, with a reason. Runs already scheduled are untouched; 409 when the licence changed since the version read.")
            .Validates<ChangeLicenceStatusRequest>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<List<LicenceSummary>>> List(LicenceHandler licences, CancellationToken cancellationToken) =>
        TypedResults.Ok(await licences.ListAsync(cancellationToken));

    private static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> Read(Guid licenceId, LicenceHandler licences, CancellationToken cancellationToken) =>
        await licences.FindAsync(licenceId, cancellationToken) is { } licence
            ? TypedResults.Ok(licence)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Licence not found");

    private static async Task<Created<LicenceResponse>> Create(CreateLicenceRequest request, LicenceHandler licences, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var licence = await licences.CreateAsync(request, caller, cancellationToken);
        return TypedResults.Created($"/api/v1/national/licences/{licence.Id}", licence);
    }

    private static async Task<Ok<LicenceResponse>> Update(Guid licenceId, UpdateLicenceRequest request, LicenceHandler licences, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await licences.UpdateAsync(licenceId, request, caller, cancellationToken));

    private static async Task<Ok<LicenceResponse>> Suspend(Guid licenceId, ChangeLicenceStatusRequest request, LicenceHandler licences, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await licences.SuspendAsync(licenceId, request, caller, cancellationToken));

    private static async Task<Ok<LicenceResponse>> Reinstate(Guid licenceId, ChangeLicenceStatusRequest request, LicenceHandler licences, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await licences.ReinstateAsync(licenceId, request, caller, cancellationToken));

    private static async Task<Ok<LicenceResponse>> End(Guid licenceId, ChangeLicenceStatusRequest request, LicenceHandler licences, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await licences.EndAsync(licenceId, request, caller, cancellationToken));
}
