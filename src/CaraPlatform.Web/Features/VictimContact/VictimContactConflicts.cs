using CaraPlatform.Web.Features.VictimContact.Contracts;

namespace CaraPlatform.Web.Features.VictimContact;

/// <summary>Refuses a facilitator on the run of a participant whose victim they support.</summary>
public sealed class VictimContactConflicts(CaraDbContext db) : IVictimContactConflicts
{
    public async Task RefuseConflictAsync(
        IReadOnlyCollection<Guid> facilitatorIds, IReadOnlyCollection<Guid> referralIds, string field, CancellationToken cancellationToken)
    {
        if (facilitatorIds.Count == 0 || referralIds.Count == 0) return;
        var held = await db.VictimCases.AsNoTracking()
            .AnyAsync(c => referralIds.Contains(c.ReferralId) && c.WorkerId != null && facilitatorIds.Contains(c.WorkerId.Value), cancellationToken);
        if (held)
            throw ProblemException.Conflict("A facilitator supports a participant's victim",
                "A facilitator of this run holds the victim-contact case of a participant on it: the same member of staff never supports both the offender and the victim.",
                field);
    }
}
