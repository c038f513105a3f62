namespace CaraPlatform.Web.Features.Training.Pages;

/// <summary>
/// A training page whose forms post the API's requests under "Input.": the validator's and the handlers' refusals are
/// shown beside the field they name, the rest above the form.
/// </summary>
public abstract class TrainingFormPage(UserManager<CaraUser> users) : RequestFormModel
{
    private IReadOnlyCollection<PlatformRole> roles = [];

    /// <summary>Trainer or LicenceAdmin: records training, supervision and events.</summary>
    public bool CanRecord => roles.Contains(PlatformRole.Trainer) || roles.Contains(PlatformRole.LicenceAdmin);

    /// <summary>Only a Trainer signs competence off and answers nominations, as the API allows.</summary>
    public bool IsTrainer => roles.Contains(PlatformRole.Trainer);

    public bool IsLicenceAdmin => roles.Contains(PlatformRole.LicenceAdmin);

    /// <summary>The caller's platform roles, read from the account as the page policies read them.</summary>
    protected async Task LoadRolesAsync() => roles = (await users.GetUserAsync(User))?.PlatformRoles ?? [];

    /// <summary>The validator's errors; true when there are none.</summary>
    protected bool Valid(FluentValidation.Results.ValidationResult validation)
    {
        FieldErrors = Collect(validation);
        return FieldErrors.Count == 0;
    }

    /// <summary>A handler's refusal: its rule breaches at their fields, any other refusal above the form.</summary>
    protected void Refused(ProblemException refusal) =>
        FieldErrors = refusal.Problem is HttpValidationProblemDetails invalid
            ? invalid.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string[]> { [""] = [refusal.Problem.Title ?? "The change was refused"] };
}
