using CaraPlatform.Web.Platform.DataProtection;

namespace CaraPlatform.Web.Features.VictimContact;

/// <summary>
/// The victim-contact part of a retention erasure: every entry of the case and the victim record go. The case row
/// stays (dates and who held it, no victim value), so counts of cases do not change.
/// </summary>
public sealed class VictimCaseEraser : IPersonalDataEraser
{
    public async Task<IReadOnlyList<string>> EraseAsync(CaraDbContext db, Guid referralId, CancellationToken cancellationToken)
    {
        var erased = new List<string>();
        var entries = await db.VictimCaseEntries.Where(e => db.VictimCases.Any(c => c.Id == e.CaseId && c.ReferralId == referralId)).ToListAsync(cancellationToken);
        if (entries.Count > 0)
        {
            db.VictimCaseEntries.RemoveRange(entries);
            erased.Add("victim-contact case entries");
        }

        if (await db.VictimRecords.SingleOrDefaultAsync(v => v.ReferralId == referralId, cancellationToken) is { } record)
        {
            db.VictimRecords.Remove(record);
            erased.Add("victim record");
        }

        return erased;
    }
}
