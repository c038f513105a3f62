namespace CaraPlatform.Web.Features.Licences.Pages;

/// <summary>Every tenant with its licence's standing, days to its end and the warning due: all four licence-holder roles.</summary>
[Authorize(Policy = NationalPolicies.Staff)]
public sealed class LicencesModel(LicenceHandler licences, UserManager<CaraUser> users) : PageModel
{
    public IReadOnlyList<LicenceSummary> Licences { get; private set; } = [];

    /// <summary>Whether the reader may license a tenant (LicenceAdmin); the others read only.</summary>
    public bool CanChange { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanChange = (await users.GetUserAsync(User))?.PlatformRoles.Contains(PlatformRole.LicenceAdmin) == true;
        Licences = await licences.ListAsync(cancellationToken);
    }
}
