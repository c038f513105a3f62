using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Licences;

namespace CaraPlatform.Web.Features.Licences.Pages;

/// <summary>Licenses a tenant that has no licence, starting from what its file says it delivers.</summary>
[Authorize(Policy = NationalPolicies.LicenceAdmin)]
public sealed class NewLicenceModel(LicenceHandler licences, IValidator<CreateLicenceRequest> validator, TimeProvider clock) : LicenceFormPage(licences)
{
    [BindProperty] public CreateLicenceRequest? Input { get; set; }

    [BindProperty(SupportsGet = true)] public string? Tenant { get; set; }

    public override string SubmitText => "Grant the licence";

    /// <summary>With no service chosen yet: the services without a licence, to choose from.</summary>
    public IReadOnlyList<LicenceSummary>? Unlicensed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Tenant is null)
        {
            Unlicensed = [.. (await Licences.ListAsync(cancellationToken)).Where(l => l.LicenceId is null)];
            return Page();
        }

        return await OfferAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await OfferAsync(cancellationToken)) return NotFound();
        var request = (Input ?? new CreateLicenceRequest(null, null, null, null, null, null, null, null, null, null)) with { Tenant = Tenant };
        FieldErrors = Collect(await validator.ValidateAsync(request, cancellationToken));
        if (FieldErrors.Count > 0) return Page();
        try
        {
            var licence = await Licences.CreateAsync(request, User, cancellationToken);
            return Redirect($"/national/licences/{licence.Id}?done=saved");
        }
        catch (ProblemException refusal)
        {
            Refused(refusal);
            Response.StatusCode = refusal.Problem.Status ?? StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task<bool> OfferAsync(CancellationToken cancellationToken)
    {
        if (Tenant is null || await Licences.TenantDefinitionAsync(Tenant, cancellationToken) is not { } tenant) return false;
        Offer(tenant);
        var today = UkCalendar.DateOf(clock.GetUtcNow());
        Starting = LicenceTerms.Covering(tenant, today, today.AddYears(3).AddDays(-1));
        return true;
    }
}
