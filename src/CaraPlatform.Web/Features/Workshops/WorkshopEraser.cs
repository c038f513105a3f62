using CaraPlatform.Web.Platform.DataProtection;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>
/// The workshops feature's part of a retention erasure: the words staff wrote about the participant (why a booking
/// was cancelled, notes on the registers) go; the bookings, marks and questionnaire scores stay for the counts.
/// Letters are made from the referral when asked for, so anonymising the referral is what clears them.
/// </summary>
public sealed class WorkshopEraser : IPersonalDataEraser
{
    public async Task<IReadOnlyList<string>> EraseAsync(CaraDbContext db, Guid referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var bookings = await db.Bookings.Where(b => b.ReferralId == referralId).ToListAsync(cancellationToken);
        if (bookings.Count == 0) return [];
        foreach (var booking in bookings) booking.EraseReason();
        var runIds = bookings.Select(b => b.RunId).ToList();
        foreach (var register in await db.WorkshopRegisters.Where(r => runIds.Contains(r.RunId)).ToListAsync(cancellationToken))
            register.EraseNote(referralId);
        return ["booking cancellation reasons", "register notes"];
    }
}
