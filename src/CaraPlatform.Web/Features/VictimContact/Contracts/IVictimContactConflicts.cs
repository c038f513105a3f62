namespace CaraPlatform.Web.Features.VictimContact.Contracts;

/// <summary>
/// The victim-contact side of "the same member of staff never supports both the offender and the victim": workshops
/// ask before putting facilitators and participants together on a run.
/// </summary>
public interface IVictimContactConflicts
{
    /// <summary>
    /// Refuses (409 naming <paramref name="field"/>) when one of <paramref name="facilitatorIds"/> holds the victim-contact
    /// case of one of <paramref name="referralIds"/>.
    /// </summary>
    Task RefuseConflictAsync(IReadOnlyCollection<Guid> facilitatorIds, IReadOnlyCollection<Guid> referralIds, string field, CancellationToken cancellationToken);
}
