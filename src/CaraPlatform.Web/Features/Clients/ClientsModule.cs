using CaraPlatform.Web.Features.Clients.Contracts;
using CaraPlatform.Web.Portal.Home;
using CaraPlatform.Web.Portal.National;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.Clients;

/// <summary>An integration client as the tenant's admins see it; the secret is never shown again after issue.</summary>
public sealed record ClientResponse(Guid Id, string ClientId, string Name, IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt, DateTimeOffset? SecretRotatedAt, DateTimeOffset? RevokedAt)
{
    public static ClientResponse From(IntegrationClient c) => new(c.Id, c.ClientId, c.Name, c.Scopes, c.CreatedAt, c.SecretRotatedAt, c.RevokedAt);

    public static ClientResponse From(NationalClient c) => new(c.Id, c.ClientId, c.Name, c.Scopes, c.CreatedAt, c.SecretRotatedAt, c.RevokedAt);
}

/// <summary>A client with the secret to copy now: it is stored hashed and cannot be shown again.</summary>
public sealed record IssuedClientResponse(ClientResponse Client, string ClientSecret);

/// <summary>A new integration client for a police or provider system.</summary>
/// <param name="Name">What the client is, e.g. "Force records system".</param>
/// <param name="Scopes">What it may do: any of venues.read, venues.write, referrals.read, referrals.write, outcomes.write.</param>
public sealed record CreateClientRequest(string? Name, IReadOnlyList<string>? Scopes);

internal sealed class CreateClientRequestValidator : AbstractValidator<CreateClientRequest>
{
    public CreateClientRequestValidator()
    {
        RuleFor(c => c.Name).ClientName();
        RuleFor(c => c.Scopes).NotEmpty();
        RuleForEach(c => c.Scopes).OneOf(ApiScopes.ClientScopes);
    }
}

/// <summary>A new national integration client: a system reading licences or training records across every tenant.</summary>
/// <param name="Name">What the client is, e.g. "Licence holder's reporting".</param>
/// <param name="Scopes">What it may read: licences.read, training.read.</param>
public sealed record CreateNationalClientRequest(string? Name, IReadOnlyList<string>? Scopes);

internal sealed class CreateNationalClientRequestValidator : AbstractValidator<CreateNationalClientRequest>
{
    public CreateNationalClientRequestValidator()
    {
        RuleFor(c => c.Name).ClientName();
        RuleFor(c => c.Scopes).NotEmpty();
        RuleForEach(c => c.Scopes).OneOf(ApiScopes.NationalClientScopes);
    }
}

internal static class ClientRules
{
    public static IRuleBuilderOptions<T, string?> ClientName<T>(this IRuleBuilder<T, string?> name) =>
        name.NotEmpty().MaximumLength(200).Matches("^[A-Za-z0-9 .,'()-]+$")
            .WithMessage("'{PropertyName}' may hold letters, digits, spaces and . , ' ( ) -");

    public static IRuleBuilderOptions<T, string> OneOf<T>(this IRuleBuilder<T, string> scope, IReadOnlyList<string> scopes) =>
        scope.Must(scopes.Contains).WithMessage($"'{{PropertyValue}}' is not a scope; use {string.Join(", ", scopes)}.");
}

/// <summary>
/// The integration clients module: a ProviderAdmin's clients for police and provider systems (list, create, rotate
/// the secret, revoke), through the API and the portal page <c>/t/{tenant}/admin/clients</c> alike; and a LicenceAdmin's
/// national clients, bound to no tenant and reading across tenants (<c>/api/v1/national/clients</c>, <c>/national/clients</c>).
/// Both are the same credential (an OpenIddict application, <see cref="ClientApplications"/>) bound differently.
/// </summary>
public static class ClientsModule
{
    public static void AddClients(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ClientApplications>();
        builder.Services.AddScopedWithContract<IntegrationClients, IIntegrationClientIssuer>();
        builder.Services.AddScoped<NationalClients>();
        builder.Services.AddNationalLink(new("Integration clients", "clients", [PlatformRole.LicenceAdmin], 80,
            "Systems that read licences and training records across every service with a client id and secret."));
        builder.Services.AddPortalLink(new("Integration clients", "admin/clients", [TenantRole.ProviderAdmin], 70));
        builder.Services.AddHomeWork<ClientHomeWork>();
    }

    public static void MapClients(this RouteGroupBuilder tenantApi)
    {
        var clients = tenantApi.MapGroup("/clients").WithTags("Integration clients")
            .RequireTenantApiAccess(ApiScopes.TenantAdmin, TenantRole.ProviderAdmin);
        clients.MapGet("/", List).WithName("ListClients").WithSummary("List the tenant's integration clients")
            .WithDescription("ProviderAdmin only. Secrets are never listed: they are shown once, when issued.");
        clients.MapPost("/", Create).WithName("CreateClient").WithSummary("Create an integration client; its secret is shown once")
            .WithDescription("The client is bound to this tenant and may request only the scopes granted here. Copy the secret from this answer: it is stored hashed.")
            .Validates<CreateClientRequest>();
        clients.MapPost("/{clientId:guid}/secret", Rotate).WithName("RotateClientSecret")
            .WithSummary("Issue a new secret; the old one stops working")
            .WithDescription("Tokens already issued stay valid until they expire; new token requests need the new secret.").ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapDelete("/{clientId:guid}", Revoke).WithName("RevokeClient")
            .WithSummary("Revoke the client: it can get no more tokens")
            .WithDescription("Its live tokens stop working at once. Revoking twice is harmless.").ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static void MapNationalClients(this RouteGroupBuilder nationalApi)
    {
        var clients = nationalApi.MapGroup("/clients").WithTags("National integration clients")
            .RequirePlatformApiAccess(ApiScopes.PlatformAdmin, PlatformRole.LicenceAdmin);
        clients.MapGet("/", ListNational)
            .WithName("ListNationalClients").WithSummary("List the licence holder's national integration clients")
            .WithDescription("LicenceAdmin only. Secrets are never listed: they are shown once, when issued.");
        clients.MapPost("/", CreateNational).WithName("CreateNationalClient")
            .WithSummary("Create a national integration client; its secret is shown once")
            .WithDescription("The client is bound to no tenant and may request only the national scopes granted here (licences.read, " +
                "training.read). Copy the secret from this answer: it is stored hashed.")
            .Validates<CreateNationalClientRequest>();
        clients.MapPost("/{clientId:guid}/secret", RotateNational).WithName("RotateNationalClientSecret")
            .WithSummary("Issue a new secret; the old one stops working")
            .WithDescription("Tokens already issued stay valid until they expire; new token requests need the new secret.").ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapDelete("/{clientId:guid}", RevokeNational).WithName("RevokeNationalClient")
            .WithSummary("Revoke the client: it can get no more tokens")
            .WithDescription("Its live tokens stop working at once. Revoking twice is harmless.").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<List<ClientResponse>>> ListNational(NationalClients clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(await clients.ListAsync(cancellationToken));

    private static async Task<Created<IssuedClientResponse>> CreateNational(
        CreateNationalClientRequest request, NationalClients clients, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var issued = await clients.CreateAsync(request.Name!, [.. request.Scopes!.Distinct()], user.PersonId(), cancellationToken);
        return TypedResults.Created($"clients/{issued.Client.Id}", issued);
    }

    private static async Task<Results<Ok<IssuedClientResponse>, ProblemHttpResult>> RotateNational(
        Guid clientId, NationalClients clients, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await clients.RotateSecretAsync(clientId, user.PersonId(), cancellationToken) is { } issued ? TypedResults.Ok(issued) : NotFound();

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> RevokeNational(
        Guid clientId, NationalClients clients, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await clients.RevokeAsync(clientId, user.PersonId(), cancellationToken) is { } client ? TypedResults.Ok(client) : NotFound();

    private static async Task<Ok<List<ClientResponse>>> List(IntegrationClients clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(await clients.ListAsync(cancellationToken));

    private static async Task<Created<IssuedClientResponse>> Create(
        CreateClientRequest request, IntegrationClients clients, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var issued = await clients.CreateAsync(request.Name!, [.. request.Scopes!.Distinct()], user.PersonId(), cancellationToken: cancellationToken);
        return TypedResults.Created($"clients/{issued.Client.Id}", new IssuedClientResponse(ClientResponse.From(issued.Client), issued.ClientSecret));
    }

    private static async Task<Results<Ok<IssuedClientResponse>, ProblemHttpResult>> Rotate(
        Guid clientId, IntegrationClients clients, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await clients.RotateSecretAsync(clientId, user.PersonId(), cancellationToken) is { } issued
            ? TypedResults.Ok(new IssuedClientResponse(ClientResponse.From(issued.Client), issued.ClientSecret))
            : NotFound();

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Revoke(
        Guid clientId, IntegrationClients clients, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await clients.RevokeAsync(clientId, user.PersonId(), cancellationToken) is { } client
            ? TypedResults.Ok(ClientResponse.From(client))
            : NotFound();

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Client not found");
}
