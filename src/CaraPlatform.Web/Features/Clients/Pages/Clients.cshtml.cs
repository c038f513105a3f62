namespace CaraPlatform.Web.Features.Clients.Pages;

/// <summary>
/// A ProviderAdmin's integration clients. A new secret is rendered only in the response to the POST that issued
/// it: it is never stored in clear, put in a URL or carried over in TempData.
/// </summary>
[Authorize(Policy = PortalPolicies.TenantAdmin)]
public sealed class ClientsModel(IntegrationClients clients, IValidator<CreateClientRequest> validator)
    : PortalPageModel
{
    public IReadOnlyList<ClientResponse> Clients { get; private set; } = [];

    /// <summary>The client whose secret was just issued, shown this once.</summary>
    public IssuedClientResponse? Issued { get; private set; }

    public string? Notice { get; private set; }

    [BindProperty] public string? Name { get; set; }

    [BindProperty] public List<string> Scopes { get; set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var request = new CreateClientRequest(Name, Scopes);
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            // The request's "name" and "scopes" are the form's Name and Scopes: each message goes to its field.
            foreach (var error in validation.Errors)
                ModelState.AddModelError(error.PropertyName.StartsWith("scopes", StringComparison.OrdinalIgnoreCase) ? nameof(Scopes) : nameof(Name),
                    error.ErrorMessage);
            return await PageAsync(cancellationToken);
        }

        Issued = Shown(await clients.CreateAsync(request.Name!, [.. request.Scopes!.Distinct()], User.PersonId(), cancellationToken: cancellationToken));
        Name = null;
        Scopes = [];
        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid clientId, CancellationToken cancellationToken)
    {
        Issued = Shown(await clients.RotateSecretAsync(clientId, User.PersonId(), cancellationToken));
        if (Issued is null) ModelState.AddModelError("", "That client does not exist or has been revoked.");
        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid clientId, bool confirm, CancellationToken cancellationToken)
    {
        if (!confirm)
            ModelState.AddModelError(RevokeConfirmField(clientId), "Tick “Yes, revoke this client” to confirm: a revoked client cannot get tokens again.");
        else if (await clients.RevokeAsync(clientId, User.PersonId(), cancellationToken) is { } revoked)
            Notice = $"{revoked.Name} is revoked: it can get no more tokens.";
        else
            ModelState.AddModelError("", "That client does not exist.");
        return await PageAsync(cancellationToken);
    }

    /// <summary>The name of a client's revoke confirmation box, unique on the page so the error summary can link to it.</summary>
    public static string RevokeConfirmField(Guid clientId) => $"confirm-{clientId:N}";

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        // A page carrying a secret must not be kept by the browser or anything in between.
        if (Issued is not null) Response.Headers.CacheControl = "no-store";
        await LoadAsync(cancellationToken);
        return Page();
    }

    private static IssuedClientResponse? Shown(IssuedClient? issued) =>
        issued is null ? null : new(ClientResponse.From(issued.Client), issued.ClientSecret);

    private async Task LoadAsync(CancellationToken cancellationToken) => Clients = await clients.ListAsync(cancellationToken);
}
