using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Venues;

namespace CaraPlatform.Web.Features.Venues;

/// <summary>The fields of a venue that staff describe, common to creating and updating it.</summary>
public interface IVenueDetails
{
    string? Name { get; }
    string? AddressLine1 { get; }
    string? AddressLine2 { get; }
    string? Town { get; }
    string? Postcode { get; }
    int? Capacity { get; }
    bool? StepFreeAccess { get; }
    string? Notes { get; }
}

/// <summary>A new venue.</summary>
/// <param name="Code">Short code, unique in the tenant: lower-case letters, digits and hyphens.</param>
/// <param name="Name">Name of the building or room.</param>
/// <param name="AddressLine1">First address line.</param>
/// <param name="AddressLine2">Second address line, if any.</param>
/// <param name="Town">Town or city.</param>
/// <param name="Postcode">UK postcode; stored in normal form.</param>
/// <param name="Capacity">Participants the room takes, 1 to 12; the tenant's default group size when omitted.</param>
/// <param name="StepFreeAccess">Whether the room can be reached without steps.</param>
/// <param name="Notes">Practical notes for coordinators.</param>
public sealed record CreateVenueRequest(
    string? Code, string? Name, string? AddressLine1, string? AddressLine2, string? Town, string? Postcode,
    int? Capacity, bool? StepFreeAccess, string? Notes) : IVenueDetails;

/// <summary>A venue's new details. The code never changes.</summary>
/// <param name="Name">Name of the building or room.</param>
/// <param name="AddressLine1">First address line.</param>
/// <param name="AddressLine2">Second address line, if any.</param>
/// <param name="Town">Town or city.</param>
/// <param name="Postcode">UK postcode; stored in normal form.</param>
/// <param name="Capacity">Participants the room takes, 1 to 12.</param>
/// <param name="StepFreeAccess">Whether the room can be reached without steps.</param>
/// <param name="Notes">Practical notes for coordinators.</param>
/// <param name="IsActive">False retires the venue.</param>
/// <param name="Version">The version last read; the update is refused with 409 if the venue changed since.</param>
public sealed record UpdateVenueRequest(
    string? Name, string? AddressLine1, string? AddressLine2, string? Town, string? Postcode,
    int? Capacity, bool? StepFreeAccess, string? Notes, bool? IsActive, uint? Version) : IVenueDetails;

internal sealed class VenueDetailsValidator : AbstractValidator<IVenueDetails>
{
    public VenueDetailsValidator()
    {
        RuleFor(v => v.Name).NotEmpty().MaximumLength(Venue.NameMaxLength);
        RuleFor(v => v.AddressLine1).NotEmpty().MaximumLength(Venue.AddressLineMaxLength);
        RuleFor(v => v.AddressLine2).MaximumLength(Venue.AddressLineMaxLength);
        RuleFor(v => v.Town).NotEmpty().MaximumLength(Venue.TownMaxLength);
        RuleFor(v => v.Postcode).NotEmpty().Must(p => Postcode.TryNormalise(p, out _))
            .WithMessage("'{PropertyName}' must be a UK postcode, e.g. SO14 5GL.");
        RuleFor(v => v.Capacity).InclusiveBetween(1, Venue.MaxCapacity);
        RuleFor(v => v.StepFreeAccess).NotNull();
        RuleFor(v => v.Notes).MaximumLength(Venue.NotesMaxLength);
    }
}

internal sealed class CreateVenueRequestValidator : AbstractValidator<CreateVenueRequest>
{
    public CreateVenueRequestValidator()
    {
        RuleFor(v => v.Code).NotEmpty().MaximumLength(Venue.CodeMaxLength)
            .Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("'{PropertyName}' must be lower-case letters, digits and single hyphens.");
        Include(new VenueDetailsValidator());
    }
}

internal sealed class UpdateVenueRequestValidator : AbstractValidator<UpdateVenueRequest>
{
    public UpdateVenueRequestValidator()
    {
        Include(new VenueDetailsValidator());
        RuleFor(v => v.Capacity).NotNull();
        RuleFor(v => v.IsActive).NotNull();
        RuleFor(v => v.Version).NotNull();
    }
}
