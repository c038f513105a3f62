using CaraPlatform.Domain.Licences;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Web.Features.Licences.Pages;

/// <summary>A licence, its history, and (for the LicenceAdmin) its status changes: suspend, reinstate, end, each with a reason.</summary>
[Authorize(Policy = NationalPolicies.Staff)]
public sealed class LicenceModel(LicenceHandler licences, UserManager<CaraUser> users, IAuthorizationService authorization) : PortalPageModel
{
    public LicenceResponse Licence { get; private set; } = null!;

    /// <summary>The licensed tenant's file, for the names of its forces.</summary>
    public TenantDefinition? Tenant { get; private set; }

    public bool CanChange { get; private set; }

    /// <summary>What was just done, from the redirect after a change.</summary>
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid licenceId, string? done, CancellationToken cancellationToken)
    {
        if (await licences.FindAsync(licenceId, cancellationToken) is not { } licence) return NotFound();
        Licence = licence;
        Tenant = await licences.TenantDefinitionAsync(licence.Tenant, cancellationToken);
        CanChange = (await users.GetUserAsync(User))?.PlatformRoles.Contains(PlatformRole.LicenceAdmin) == true;
        Done = done switch
        {
            "saved" => "The licence was saved.",
            "status" => $"The licence is now {Licence.Status.ToString().ToLowerInvariant()}.",
            _ => null,
        };
        return Page();
    }

    /// <summary>A status change: <paramref name="move"/> is suspend, reinstate or end.</summary>
    public async Task<IActionResult> OnPostStatusAsync(Guid licenceId, string move, string? reason, uint version, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, NationalPolicies.LicenceAdmin)).Succeeded) return Forbid();
        var request = new ChangeLicenceStatusRequest(reason, version);
        if (string.IsNullOrWhiteSpace(reason))
            return await ShowAgainAsync(OnGetAsync(licenceId, null, cancellationToken), ["Enter the reason for the change"], StatusCodes.Status200OK);
        try
        {
            _ = move switch
            {
                "suspend" => await licences.SuspendAsync(licenceId, request, User, cancellationToken),
                "reinstate" => await licences.ReinstateAsync(licenceId, request, User, cancellationToken),
                "end" => await licences.EndAsync(licenceId, request, User, cancellationToken),
                _ => throw ProblemException.Invalid([new CaraPlatform.Domain.Workshops.RuleBreach("move", "must be suspend, reinstate or end")]),
            };
        }
        catch (ProblemException refusal)
        {
            return await ShowAgainAsync(OnGetAsync(licenceId, null, cancellationToken), [refusal.Problem.Title ?? "The change was refused"], refusal.Problem.Status ?? 409);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ShowAgainAsync(OnGetAsync(licenceId, null, cancellationToken), ["Someone else changed the licence: check it and try again"], StatusCodes.Status409Conflict);
        }

        return Redirect($"/national/licences/{licenceId}?done=status");
    }

    /// <summary>The moves the licence's status allows, as (move, button text).</summary>
    public IEnumerable<(string Move, string Text)> Moves() => Licence.Status switch
    {
        LicenceStatus.Active => [("suspend", "Suspend the licence"), ("end", "End the licence")],
        LicenceStatus.Suspended => [("reinstate", "Reinstate the licence"), ("end", "End the licence")],
        _ => [("reinstate", "Reinstate the licence (a renewal)")],
    };
}
