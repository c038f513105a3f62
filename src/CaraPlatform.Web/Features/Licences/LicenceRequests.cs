using CaraPlatform.Domain.Licences;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Web.Features.Licences;

/// <summary>What a licence says, as the create and update requests carry it.</summary>
public interface ILicenceTermsRequest
{
    string? Licensee { get; }

    string? CommissioningBody { get; }

    List<string>? Forces { get; }

    DateOnly? StartsOn { get; }

    DateOnly? EndsOn { get; }

    DeliveryModel? DeliveryModel { get; }

    List<string>? Languages { get; }

    List<Cohort>? Cohorts { get; }

    string? Conditions { get; }
}

/// <summary>A tenant's licence.</summary>
/// <param name="Tenant">The tenant's slug, e.g. <c>west-yorkshire</c>; it may hold one licence.</param>
/// <param name="Licensee">The organisation licensed to deliver, e.g. Restorative Solutions CIC.</param>
/// <param name="CommissioningBody">Who commissions the service, e.g. the police and crime commissioner.</param>
/// <param name="Forces">Codes of the forces covered, from the tenant's file.</param>
/// <param name="StartsOn">First day of the licence.</param>
/// <param name="EndsOn">Last day of the licence.</param>
/// <param name="DeliveryModel">LicenceHolder or Partner.</param>
/// <param name="Languages">Language codes licensed (e.g. en, pl, pa); must include en.</param>
/// <param name="Cohorts">Cohorts licensed: IpvMale, IpvFemale, NonIpvMale.</param>
/// <param name="Conditions">Conditions of the licence, as text.</param>
public sealed record CreateLicenceRequest(
    string? Tenant, string? Licensee, string? CommissioningBody, List<string>? Forces, DateOnly? StartsOn, DateOnly? EndsOn,
    DeliveryModel? DeliveryModel, List<string>? Languages, List<Cohort>? Cohorts, string? Conditions) : ILicenceTermsRequest;

/// <summary>
/// A licence's new terms (a renewal is a new end date), as for <see cref="CreateLicenceRequest"/>, with the version read:
/// a licence changed meanwhile is refused with 409.
/// </summary>
public sealed record UpdateLicenceRequest(
    string? Licensee, string? CommissioningBody, List<string>? Forces, DateOnly? StartsOn, DateOnly? EndsOn,
    DeliveryModel? DeliveryModel, List<string>? Languages, List<Cohort>? Cohorts, string? Conditions, uint? Version) : ILicenceTermsRequest;

/// <summary>A suspension, reinstatement or end of a licence.</summary>
/// <param name="Reason">Why, for the licence's history.</param>
/// <param name="Version">The version read: a licence changed meanwhile is refused with 409.</param>
public sealed record ChangeLicenceStatusRequest(string? Reason, uint? Version);

internal static class LicenceTermsRules
{
    public static void Terms<T>(AbstractValidator<T> validator) where T : ILicenceTermsRequest
    {
        validator.RuleFor(r => r.Licensee).NotEmpty().MaximumLength(200);
        validator.RuleFor(r => r.CommissioningBody).NotEmpty().MaximumLength(200);
        validator.RuleFor(r => r.Forces).NotEmpty().WithMessage("'forces' must name at least one force.");
        validator.RuleFor(r => r.StartsOn).NotNull();
        validator.RuleFor(r => r.EndsOn).NotNull()
            .GreaterThan(r => r.StartsOn).When(r => r.StartsOn is not null).WithMessage("'endsOn' must be after startsOn.");
        validator.RuleFor(r => r.DeliveryModel).NotNull().IsInEnum();
        validator.RuleFor(r => r.Languages).NotEmpty()
            .Must(l => l!.Contains("en")).When(r => r.Languages is { Count: > 0 }).WithMessage("'languages' must include en.");
        validator.RuleForEach(r => r.Languages).Matches("^[a-z]{2,3}$").WithMessage("'{PropertyValue}' is not a language code such as en or pl.");
        validator.RuleFor(r => r.Cohorts).NotEmpty().WithMessage("'cohorts' must name at least one cohort.");
        validator.RuleForEach(r => r.Cohorts).IsInEnum();
        validator.RuleFor(r => r.Conditions).MaximumLength(4000);
    }
}

internal sealed class CreateLicenceRequestValidator : AbstractValidator<CreateLicenceRequest>
{
    public CreateLicenceRequestValidator()
    {
        RuleFor(r => r.Tenant).NotEmpty();
        LicenceTermsRules.Terms(this);
    }
}

internal sealed class UpdateLicenceRequestValidator : AbstractValidator<UpdateLicenceRequest>
{
    public UpdateLicenceRequestValidator()
    {
        LicenceTermsRules.Terms(this);
        RuleFor(r => r.Version).NotNull();
    }
}

internal sealed class ChangeLicenceStatusRequestValidator : AbstractValidator<ChangeLicenceStatusRequest>
{
    public ChangeLicenceStatusRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
        RuleFor(r => r.Version).NotNull();
    }
}
