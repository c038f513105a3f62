using System.Globalization;
using CaraPlatform.Domain.Licences;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Web.Features.Licences.Pages;

/// <summary>
/// The licence's form, new or amended: the API's request bound under "Input.", choices from the tenant's own file (its
/// forces, languages and cohorts), each error beside its field. LicenceAdmin only (each page says so).
/// </summary>
public abstract class LicenceFormPage(LicenceHandler licences) : RequestFormModel
{
    protected LicenceHandler Licences { get; } = licences;

    public string TenantName { get; protected set; } = "";

    public IReadOnlyList<(string Value, string Text)> Forces { get; private set; } = [];

    public IReadOnlyList<(string Value, string Text)> Languages { get; private set; } = [];

    public IReadOnlyList<(string Value, string Text)> Cohorts { get; private set; } = [];

    /// <summary>The terms a fresh form shows.</summary>
    protected LicenceTerms? Starting { get; set; }

    public abstract string SubmitText { get; }

    /// <summary>The choices of the tenant's file; a licence may cover what the tenant delivers, and English always.</summary>
    protected void Offer(TenantDefinition tenant)
    {
        TenantName = tenant.Name;
        Forces = [.. tenant.Forces.Select(f => (f.Code, f.Name))];
        Languages = [.. tenant.Languages.Union(["en"]).Select(l => (l, CaraPlatform.Domain.Common.LanguageNames.English(l)))];
        Cohorts = [.. Enum.GetValues<Cohort>().Select(c => (c.ToString(), LicenceTermsView.CohortName(c)))];
    }

    /// <summary>The validator's or the handler's refusal, by field; a conflict (a stale version, a second licence) for the whole form.</summary>
    protected void Refused(ProblemException refusal) =>
        FieldErrors = refusal.Problem is HttpValidationProblemDetails invalid
            ? invalid.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string[]> { [""] = [refusal.Problem.Title ?? "The change was refused"] };

    protected override string? StartingValue(string key)
    {
        if (Starting is not { } t) return null;
        return key switch
        {
            "licensee" => t.Licensee,
            "commissioningBody" => t.CommissioningBody,
            "forces" => string.Join(',', t.Forces),
            "startsOn" => t.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "endsOn" => t.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "deliveryModel" => t.DeliveryModel.ToString(),
            "languages" => string.Join(',', t.Languages),
            "cohorts" => string.Join(',', t.Cohorts),
            "conditions" => t.Conditions,
            _ => null,
        };
    }
}
