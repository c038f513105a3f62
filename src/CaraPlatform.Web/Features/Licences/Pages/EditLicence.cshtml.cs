using System.Globalization;
using CaraPlatform.Domain.Licences;

namespace CaraPlatform.Web.Features.Licences.Pages;

/// <summary>Amends a licence's terms (a renewal is a new end date); a licence changed meanwhile is refused and shown as it is now.</summary>
[Authorize(Policy = NationalPolicies.LicenceAdmin)]
public sealed class EditLicenceModel(LicenceHandler licences, IValidator<UpdateLicenceRequest> validator) : LicenceFormPage(licences)
{
    [BindProperty] public UpdateLicenceRequest? Input { get; set; }

    public LicenceResponse Licence { get; private set; } = null!;

    public override string SubmitText => "Save the licence";

    /// <summary>The version the form carries: the one read, or the one just read again after a refusal for a stale version.</summary>
    public string FormVersion { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid licenceId, CancellationToken cancellationToken) =>
        await LoadAsync(licenceId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid licenceId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(licenceId, cancellationToken)) return NotFound();
        var request = Input ?? new UpdateLicenceRequest(null, null, null, null, null, null, null, null, null, null);
        FormVersion = Value("version");
        FieldErrors = Collect(await validator.ValidateAsync(request, cancellationToken));
        if (FieldErrors.Count > 0) return Page();
        try
        {
            await Licences.UpdateAsync(licenceId, request, User, cancellationToken);
            return Redirect($"/national/licences/{licenceId}?done=saved");
        }
        catch (ProblemException refusal)
        {
            Refused(refusal);
            Response.StatusCode = refusal.Problem.Status ?? StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            FormVersion = Licence.Version.ToString(CultureInfo.InvariantCulture);
            FieldErrors = new Dictionary<string, string[]> { [""] = ["Someone else changed the licence while you were editing it. Nothing was saved: check it and make your change again."] };
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid licenceId, CancellationToken cancellationToken)
    {
        if (await Licences.FindAsync(licenceId, cancellationToken) is not { } licence
            || await Licences.TenantDefinitionAsync(licence.Tenant, cancellationToken) is not { } tenant) return false;
        Licence = licence;
        Offer(tenant);
        FormVersion = licence.Version.ToString(CultureInfo.InvariantCulture);
        Starting = new LicenceTerms(licence.Licensee, licence.CommissioningBody, licence.Forces, licence.StartsOn, licence.EndsOn, licence.DeliveryModel,
            licence.Languages, licence.Cohorts, licence.Conditions);
        return true;
    }
}
