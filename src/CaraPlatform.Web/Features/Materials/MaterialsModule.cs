using CaraPlatform.Domain.Materials;
using CaraPlatform.Infrastructure.Hosting;
using CaraPlatform.Infrastructure.Materials;
using CaraPlatform.Web.Features.Materials.Contracts;
using CaraPlatform.Web.Portal.Home;
using CaraPlatform.Web.Portal.National;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CaraPlatform.Web.Features.Materials;

/// <summary>Who may do what with the materials.</summary>
public static class MaterialAccess
{
    /// <summary>Licence-holder staff who read the catalogue: LicenceAdmin (who also writes), Trainer and QualityAssurer.</summary>
    public static readonly PlatformRole[] NationalReaders = [PlatformRole.LicenceAdmin, PlatformRole.Trainer, PlatformRole.QualityAssurer];

    /// <summary>
    /// A tenant's staff who receive materials: the audience says who an item is written for, not who may read it (a
    /// coordinator briefs the police with the briefing; a facilitator reads the victim-contact guidance to know the offer).
    /// </summary>
    public static readonly TenantRole[] TenantReaders =
        [TenantRole.ProviderAdmin, TenantRole.Coordinator, TenantRole.Facilitator, TenantRole.VictimContactWorker, TenantRole.ForceSpoc];

    public const string TenantPagePolicy = "Materials.Tenant";

    public const string NationalPagePolicy = "Materials.National";
}

/// <summary>
/// The materials module: the licence holder's catalogue (items, releases, files, publication and withdrawal), the
/// distribution of releases to licensed tenants with their acknowledgement, and the tenant's own materials page and API.
/// Scheduling asks <see cref="ITenantMaterials"/> whether an unacknowledged release holds up new runs.
/// </summary>
public static class MaterialsModule
{
    public static void AddMaterials(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<MaterialCatalogue>();
        services.AddScoped<MaterialDistributor>();
        services.AddScoped<MaterialDownloads>();
        services.AddScoped<TenantMaterials>();
        services.AddScoped<ITenantMaterials>(s => s.GetRequiredService<TenantMaterials>());
        services.AddOptions<MaterialDistributionOptions>().Bind(builder.Configuration.GetSection(MaterialDistributionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedSingleton<MaterialDistributionJob>();
        services.AddProblemMapping<MaterialRuleException>(e => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = e.Message });
        services.AddAuthorizationBuilder()
            .AddTenantPagePolicy(MaterialAccess.TenantPagePolicy, MaterialAccess.TenantReaders)
            .AddNationalPagePolicy(MaterialAccess.NationalPagePolicy, MaterialAccess.NationalReaders);
        services.AddPortalLink(new("Materials", "materials", MaterialAccess.TenantReaders, 75));
        services.AddNationalLink(new NationalLink("Materials", "materials", MaterialAccess.NationalReaders, 30,
            "The CARA materials by workshop, audience and language: releases, their files, and which services acknowledged and used them."));
        services.AddTenantHomeBanners<MaterialTenantBanners>();
    }

    public static void MapMaterials(this RouteGroupBuilder nationalApi)
    {
        var materials = nationalApi.MapGroup("/materials").WithTags("Materials");
        materials.MapGet("/", List).WithName("ListMaterials").WithSummary("The catalogue: every item with its releases")
            .RequirePlatformApiAccess(ApiScopes.MaterialsRead, MaterialAccess.NationalReaders);
        materials.MapGet("/{itemId:guid}", Get).WithName("GetMaterial").WithSummary("An item with its releases")
            .ProducesProblem(StatusCodes.Status404NotFound).RequirePlatformApiAccess(ApiScopes.MaterialsRead, MaterialAccess.NationalReaders);
        materials.MapGet("/{itemId:guid}/releases/{releaseId:guid}/file", DownloadNational).WithName("DownloadMaterialRelease")
            .WithSummary("A release's file (any status), streamed with Range support")
            .WithDescription("Strong ETag = the file's SHA-256 (hex); Repr-Digest: sha-256=:base64:. The file is checked against its SHA-256 first: a damaged one is refused (500), never served. Logged.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status206PartialContent)
            .ProducesProblem(StatusCodes.Status404NotFound).RequirePlatformApiAccess(ApiScopes.MaterialsRead, MaterialAccess.NationalReaders);
        materials.MapGet("/{itemId:guid}/releases/{releaseId:guid}/distribution", Distribution).WithName("GetMaterialDistribution")
            .WithSummary("Which tenants received a release, acknowledged it, and used it on runs")
            .ProducesProblem(StatusCodes.Status404NotFound).RequirePlatformApiAccess(ApiScopes.MaterialsRead, MaterialAccess.NationalReaders);
        materials.MapGet("/{itemId:guid}/releases/{releaseId:guid}/downloads", Downloads).WithName("ListMaterialDownloads")
            .WithSummary("A release's downloads, latest first (at most 500)")
            .ProducesProblem(StatusCodes.Status404NotFound).RequirePlatformApiAccess(ApiScopes.MaterialsRead, MaterialAccess.NationalReaders);

        var writes = materials.MapGroup("").RequirePlatformApiAccess(ApiScopes.MaterialsWrite, PlatformRole.LicenceAdmin)
            .ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPost("/", Create).WithName("CreateMaterial").WithSummary("Add an item to the catalogue").Validates<CreateMaterialItemRequest>();
        writes.MapPut("/{itemId:guid}", Update).WithName("UpdateMaterial").WithSummary("Change an item's description (409 when changed since read)")
            .Validates<UpdateMaterialItemRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPost("/{itemId:guid}/releases", CreateRelease).WithName("CreateMaterialRelease").WithSummary("Start a draft release of an item")
            .Validates<CreateMaterialReleaseRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPut("/{itemId:guid}/releases/{releaseId:guid}/file", Upload).WithName("UploadMaterialFile")
            .WithSummary("Upload a draft's file: the request body is the file")
            .WithDescription("PDF, PPTX, DOCX or MP4, told by its bytes (not its name); at most Materials:MaxUploadBytes. Name it with " +
                "Content-Disposition: attachment; filename=\"…\" (or ?fileName=). Streamed to storage; its SHA-256 is recorded.")
            .Accepts<Stream>("application/octet-stream", "*/*").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        writes.MapPost("/{itemId:guid}/releases/{releaseId:guid}/publish", Publish).WithName("PublishMaterialRelease")
            .WithSummary("Publish a draft to every tenant licensed for its language")
            .WithDescription("The release in force before it is withdrawn (superseded). Each licensed tenant's ProviderAdmins are emailed and must acknowledge it within 30 days, or the tenant cannot schedule new runs.")
            .Validates<PublishMaterialReleaseRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPost("/{itemId:guid}/releases/{releaseId:guid}/withdraw", Withdraw).WithName("WithdrawMaterialRelease")
            .WithSummary("Withdraw a published release: tenants no longer receive it")
            .Validates<WithdrawMaterialReleaseRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapDelete("/{itemId:guid}/releases/{releaseId:guid}", DeleteDraft).WithName("DeleteMaterialDraft")
            .WithSummary("Delete a draft release that was never published").ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static void MapTenantMaterials(this RouteGroupBuilder tenantApi)
    {
        var materials = tenantApi.MapGroup("/materials").WithTags("Materials");
        materials.MapGet("/", ListForTenant).WithName("ListTenantMaterials")
            .WithSummary("The releases in force that the service's licence covers")
            .RequireTenantApiAccess(ApiScopes.MaterialsRead, MaterialAccess.TenantReaders);
        materials.MapGet("/{releaseId:guid}/file", DownloadForTenant).WithName("DownloadTenantMaterial")
            .WithSummary("A release's file, streamed with Range support")
            .WithDescription("404 unless the release is in force and the service's active licence covers its language. " +
                "Strong ETag = SHA-256 (hex); Repr-Digest: sha-256=:base64:. Logged with the person, tenant, item and release.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status206PartialContent)
            .ProducesProblem(StatusCodes.Status404NotFound).RequireTenantApiAccess(ApiScopes.MaterialsRead, MaterialAccess.TenantReaders);
        materials.MapPost("/{releaseId:guid}/acknowledge", Acknowledge).WithName("AcknowledgeMaterial")
            .WithSummary("Acknowledge a release on the service's behalf")
            .WithDescription("ProviderAdmin. A release left unacknowledged 30 days after it reached the service stops new runs being scheduled (409 naming it).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.MaterialsWrite, TenantRole.ProviderAdmin);
    }

    private static async Task<Ok<List<MaterialItemResponse>>> List(MaterialCatalogue catalogue, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalogue.ListAsync(cancellationToken));

    private static async Task<Results<Ok<MaterialItemResponse>, ProblemHttpResult>> Get(Guid itemId, MaterialCatalogue catalogue, CancellationToken cancellationToken) =>
        await catalogue.FindAsync(itemId, cancellationToken) is { } item
            ? TypedResults.Ok(item)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Material item not found");

    private static async Task<Created<MaterialItemResponse>> Create(CreateMaterialItemRequest request, MaterialCatalogue catalogue, CancellationToken cancellationToken)
    {
        var item = await catalogue.CreateItemAsync(request, cancellationToken);
        return TypedResults.Created($"/api/v1/national/materials/{item.Id}", item);
    }

    private static async Task<Ok<MaterialItemResponse>> Update(Guid itemId, UpdateMaterialItemRequest request, MaterialCatalogue catalogue, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalogue.UpdateItemAsync(itemId, request, cancellationToken));

    private static async Task<Created<MaterialReleaseResponse>> CreateRelease(
        Guid itemId, CreateMaterialReleaseRequest request, MaterialCatalogue catalogue, CancellationToken cancellationToken)
    {
        var release = await catalogue.CreateReleaseAsync(itemId, request, cancellationToken);
        return TypedResults.Created($"/api/v1/national/materials/{itemId}/releases/{release.Id}", release);
    }

    /// <param name="itemId">The item.</param>
    /// <param name="releaseId">The draft release.</param>
    /// <param name="context">The request, whose body is the file.</param>
    /// <param name="catalogue">The catalogue.</param>
    /// <param name="options">The upload limit.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <param name="fileName">The file's name, when the request has no Content-Disposition naming it.</param>
    private static async Task<Ok<MaterialReleaseResponse>> Upload(
        Guid itemId, Guid releaseId, HttpContext context, MaterialCatalogue catalogue, IOptions<MaterialStorageOptions> options, CancellationToken cancellationToken,
        string? fileName = null)
    {
        // The host's default body limit is for JSON; a file may be as large as the materials' own limit (checked while it streams).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.Value.MaxUploadBytes + 1;
        var named = ContentDispositionHeaderValue.TryParse(context.Request.Headers.ContentDisposition.ToString(), out var disposition)
            ? HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value
            : null;
        return TypedResults.Ok(await catalogue.UploadAsync(itemId, releaseId, context.Request.Body, named ?? fileName ?? "", cancellationToken));
    }

    private static async Task<Ok<MaterialReleaseResponse>> Publish(
        Guid itemId, Guid releaseId, PublishMaterialReleaseRequest request, MaterialCatalogue catalogue, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalogue.PublishAsync(itemId, releaseId, request, caller, cancellationToken));

    private static async Task<Ok<MaterialReleaseResponse>> Withdraw(
        Guid itemId, Guid releaseId, WithdrawMaterialReleaseRequest request, MaterialCatalogue catalogue, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalogue.WithdrawAsync(itemId, releaseId, request, cancellationToken));

    private static async Task<NoContent> DeleteDraft(Guid itemId, Guid releaseId, MaterialCatalogue catalogue, CancellationToken cancellationToken)
    {
        await catalogue.DeleteDraftAsync(itemId, releaseId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<MaterialDistributionResponse>>> Distribution(Guid itemId, Guid releaseId, MaterialCatalogue catalogue, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalogue.DistributionAsync(itemId, releaseId, cancellationToken));

    private static async Task<Ok<List<MaterialDownloadResponse>>> Downloads(Guid itemId, Guid releaseId, MaterialCatalogue catalogue, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalogue.DownloadsAsync(itemId, releaseId, 500, cancellationToken));

    private static async Task<IResult> DownloadNational(
        Guid itemId, Guid releaseId, MaterialCatalogue catalogue, MaterialDownloads downloads, ClaimsPrincipal caller, HttpResponse response, CancellationToken cancellationToken)
    {
        var (item, release) = await catalogue.ForDownloadAsync(itemId, releaseId, cancellationToken);
        return await downloads.ServeAsync(item, release, null, caller, response, cancellationToken);
    }

    private static async Task<Ok<List<TenantMaterialResponse>>> ListForTenant(TenantMaterials materials, CancellationToken cancellationToken) =>
        TypedResults.Ok(await materials.ListAsync(cancellationToken));

    private static async Task<IResult> DownloadForTenant(
        Guid releaseId, TenantMaterials materials, MaterialDownloads downloads, IMultiTenantContextAccessor<CaraTenantInfo> tenants, ClaimsPrincipal caller,
        HttpResponse response, CancellationToken cancellationToken) =>
        await materials.FindAsync(releaseId, cancellationToken) is { } found
            ? await downloads.ServeAsync(found.Item, found.Release, tenants.Current().TenantId, caller, response, cancellationToken)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Material release not found");

    private static async Task<Ok<TenantMaterialResponse>> Acknowledge(Guid releaseId, TenantMaterials materials, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await materials.AcknowledgeAsync(releaseId, caller, cancellationToken));
}
