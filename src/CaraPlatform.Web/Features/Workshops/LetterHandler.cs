using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>The offender's booking confirmation letters, for the API and the run's page.</summary>
public sealed class LetterHandler(CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, AuditTrail audit, TimeProvider clock)
{
    /// <summary>
    /// The offender's confirmation letter for a live or finished booking. Built only from the run, the venue, the
    /// offender's own details and the provider's: the model has no place for the victim. A remote link appears only
    /// for a confirmed (live) booking. Each letter issued is audited.
    /// </summary>
    public async Task<(byte[] Pdf, string FileName)> LetterAsync(Guid bookingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken)
            ?? throw ProblemException.NotFound("Booking not found");
        if (booking.Status == BookingStatus.Cancelled)
            throw ProblemException.Conflict("The booking is cancelled: there is no letter to send", field: "bookingId");
        var run = await db.RunAsync(booking.RunId, cancellationToken);
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == booking.ReferralId, cancellationToken);
        var venue = run.VenueId is { } venueId ? await db.Venues.AsNoTracking().SingleAsync(v => v.Id == venueId, cancellationToken) : null;
        var settings = tenants.Current().Settings;
        var offender = referral.Offender;
        LetterDelivery delivery = venue is not null
            ? new VenueLetterDelivery(venue.Name, new[] { venue.AddressLine1, venue.AddressLine2, venue.Town }.OfType<string>().Where(l => l.Length > 0).ToList(), venue.Postcode)
            : new RemoteLetterDelivery(booking.IsLive ? run.MeetingLink : null);
        var letter = new BookingLetterModel(
            settings.Provider.Name,
            new ProviderContactDetails(settings.Contact.Phone, settings.Contact.Email, settings.Contact.Address is { } a ? [a] : []),
            $"{offender.GivenName} {offender.FamilyName}",
            new[] { offender.AddressLine1, offender.AddressLine2, offender.Town, offender.Postcode }.OfType<string>().Where(l => l.Length > 0).ToList(),
            referral.PoliceReference,
            UkCalendar.DateOf(clock.GetUtcNow()),
            new LetterWorkshop(run.Workshop1.Date, run.Workshop1.Start, run.Workshop1.End),
            new LetterWorkshop(run.Workshop2.Date, run.Workshop2.Start, run.Workshop2.End),
            delivery,
            LanguageNames.English(run.Language),
            BookingLetterPdf.DefaultWhatToBring);
        await audit.RecordAsync(AuditEntries.By(user, AuditActions.LetterIssued, tenants.Current().TenantId, AuditEntries.Referral(referral.Id), "letter issued"), cancellationToken);
        return (BookingLetterPdf.Render(letter), $"cara-booking-{referral.PoliceReference.Replace('/', '-')}.pdf");
    }
}
