using CaraPlatform.Domain.Common;
using CaraPlatform.Web.Features.Referrals.Contracts;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>The month's referrals in the police's shape (<see cref="IReferralsOfMonth"/>).</summary>
public sealed class ReferralsOfMonth(CaraDbContext db) : IReferralsOfMonth
{
    public async Task<List<PoliceReferralLine>> ReceivedInAsync(DateOnly month, CancellationToken cancellationToken)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var from = UkCalendar.At(first, TimeOnly.MinValue).ToUniversalTime();
        var to = UkCalendar.At(first.AddMonths(1), TimeOnly.MinValue).ToUniversalTime();
        var referrals = await db.Referrals.AsNoTracking().Where(r => r.ReceivedAt >= from && r.ReceivedAt < to).OrderBy(r => r.ReceivedAt)
            .Select(r => new { r.Id, r.PoliceReference, r.ForceCode, r.Offender.GivenName, r.Offender.FamilyName, r.Status, r.ReceivedAt })
            .ToListAsync(cancellationToken);
        return [.. referrals.Select(r => new PoliceReferralLine(
            r.Id, r.PoliceReference, r.ForceCode, $"{r.GivenName} {r.FamilyName}", r.Status, UkCalendar.DateOf(r.ReceivedAt)))];
    }
}
