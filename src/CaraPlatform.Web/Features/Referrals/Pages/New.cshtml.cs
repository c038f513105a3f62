using CaraPlatform.Domain.Referrals;

namespace CaraPlatform.Web.Features.Referrals.Pages;

/// <summary>
/// A referral made in the portal: the same request, validator and handler as the API, so a referral is judged the
/// same way whichever door it came in by. Field names are the request's JSON paths under "Input.", so each error
/// the validator names lands beside its field.
/// </summary>
[Authorize(Policy = ReferralAccess.ReferrerPolicy)]
public sealed class NewReferralModel(
    ReferralIntake intake, ReferralQueries queries, IValidator<CreateReferralRequest> validator, IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor)
    : RequestFormModel
{
    [BindProperty] public CreateReferralRequest? Input { get; set; }

    /// <summary>The referral that already has the police reference entered, if that was the problem.</summary>
    public ReferralSummary? Existing { get; private set; }

    public ScreeningChecklist Checklist { get; private set; } = null!;

    public TenantInfoView Tenant { get; private set; } = null!;

    public sealed record TenantInfoView(string Slug, IReadOnlyList<(string Code, string Name)> Forces);

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Load();
        var request = Input ?? new CreateReferralRequest(null, null, null, null, null, null, null, null, null);
        var errors = Collect(await validator.ValidateAsync(request, cancellationToken));
        if (errors.Count > 0)
        {
            FieldErrors = errors;
            return Page();
        }

        if (await intake.FindByPoliceReferenceAsync(request.PoliceReference!, cancellationToken) is { } existing)
        {
            Existing = existing;
            FieldErrors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
            {
                ["policeReference"] = [$"Police reference {existing.PoliceReference} was already referred."],
            };
            return Page();
        }

        try
        {
            var referral = await intake.ReceiveAsync(request, User, cancellationToken);
            return Redirect($"/t/{Tenant.Slug}/referrals/{referral.Id}?done=Receive");
        }
        catch (ReferralRuleException rule)
        {
            FieldErrors = new Dictionary<string, string[]> { [""] = [rule.Message] };
        }
        catch (ProblemException refused) when (refused.Problem is HttpValidationProblemDetails invalid)
        {
            // A SPOC chose a force they do not serve: the message names the field, as the validator's do.
            FieldErrors = new Dictionary<string, string[]>(invalid.Errors, StringComparer.OrdinalIgnoreCase);
        }
        catch (DbUpdateException)
        {
            // Someone referred the same police reference between our check and our save.
            FieldErrors = new Dictionary<string, string[]> { ["policeReference"] = ["This police reference was referred a moment ago. Check the list of referrals."] };
        }

        return Page();
    }

    private void Load()
    {
        var tenant = tenantAccessor.MultiTenantContext.TenantInfo!;
        Checklist = queries.Checklist();
        Tenant = new TenantInfoView(tenant.Identifier, [.. tenant.Settings.Forces.Select(f => (f.Code, f.Name))]);
    }
}
