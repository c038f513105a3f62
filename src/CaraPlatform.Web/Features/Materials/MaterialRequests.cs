using CaraPlatform.Domain.Materials;

namespace CaraPlatform.Web.Features.Materials;

/// <summary>An item of the materials catalogue.</summary>
/// <param name="Title">What people call it, e.g. "Workshop 1 participant handout".</param>
/// <param name="Description">What it is for, optional.</param>
/// <param name="Workshop">Workshop1, Workshop2 or Both.</param>
/// <param name="Audience">FacilitatorManual, SessionSlides, ParticipantHandout, VictimContactGuidance or PoliceBriefing.</param>
/// <param name="Language">A language code as licences list them (en, pl, pa, …): only tenants licensed for it receive the item.</param>
public sealed record CreateMaterialItemRequest(string? Title, string? Description, MaterialWorkshop? Workshop, MaterialAudience? Audience, string? Language);

/// <summary>An item's new description, with the version read: an item changed meanwhile is refused with 409.</summary>
public sealed record UpdateMaterialItemRequest(string? Title, string? Description, MaterialWorkshop? Workshop, MaterialAudience? Audience, string? Language, uint? Version);

/// <summary>A new draft release of an item; its file is uploaded next.</summary>
/// <param name="ReleaseNotes">What changed in this release, for the tenants that receive it.</param>
public sealed record CreateMaterialReleaseRequest(string? ReleaseNotes);

/// <summary>A draft's notes, published as they are, or a withdrawal's reason, with the version read (409 when changed meanwhile).</summary>
/// <param name="ReleaseNotes">The notes to publish with (replacing the draft's when given).</param>
/// <param name="Version">The version read.</param>
public sealed record PublishMaterialReleaseRequest(string? ReleaseNotes, uint? Version);

/// <summary>Why a published release is withdrawn (tenants stop receiving it), with the version read.</summary>
public sealed record WithdrawMaterialReleaseRequest(string? Reason, uint? Version);

internal static class MaterialRules
{
    /// <summary>Language codes: two or three lower-case letters, as the tenant files and licences have them.</summary>
    public static IRuleBuilderOptions<T, string?> LanguageCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().Matches("^[a-z]{2,3}$").WithMessage("must be a language code of two or three lower-case letters (en, pl, pa)");
}

internal sealed class CreateMaterialItemRequestValidator : AbstractValidator<CreateMaterialItemRequest>
{
    public CreateMaterialItemRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Description).MaximumLength(2000);
        RuleFor(r => r.Workshop).NotNull().IsInEnum();
        RuleFor(r => r.Audience).NotNull().IsInEnum();
        RuleFor(r => r.Language).LanguageCode();
    }
}

internal sealed class UpdateMaterialItemRequestValidator : AbstractValidator<UpdateMaterialItemRequest>
{
    public UpdateMaterialItemRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Description).MaximumLength(2000);
        RuleFor(r => r.Workshop).NotNull().IsInEnum();
        RuleFor(r => r.Audience).NotNull().IsInEnum();
        RuleFor(r => r.Language).LanguageCode();
        RuleFor(r => r.Version).NotNull();
    }
}

internal sealed class CreateMaterialReleaseRequestValidator : AbstractValidator<CreateMaterialReleaseRequest>
{
    public CreateMaterialReleaseRequestValidator() => RuleFor(r => r.ReleaseNotes).MaximumLength(4000);
}

internal sealed class PublishMaterialReleaseRequestValidator : AbstractValidator<PublishMaterialReleaseRequest>
{
    public PublishMaterialReleaseRequestValidator()
    {
        RuleFor(r => r.ReleaseNotes).MaximumLength(4000);
        RuleFor(r => r.Version).NotNull();
    }
}

internal sealed class WithdrawMaterialReleaseRequestValidator : AbstractValidator<WithdrawMaterialReleaseRequest>
{
    public WithdrawMaterialReleaseRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
        RuleFor(r => r.Version).NotNull();
    }
}
