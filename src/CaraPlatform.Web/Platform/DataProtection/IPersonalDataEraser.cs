namespace CaraPlatform.Web.Platform.DataProtection;

/// <summary>
/// A feature's part of the retention schedule's last step: when a closed case passes its tenant's retention period,
/// each feature that holds personal data about the referral's people anonymises or deletes it. Changes are staged on
/// the context it is given, which the caller saves once with the erasure's audit row, so a case is erased whole or not
/// at all. Non-personal facts (status, dates, force, offence type, cohort, attendance) stay, so counts do not change.
/// </summary>
public interface IPersonalDataEraser
{
    /// <summary>Erases the referral's personal data this feature holds; returns what it erased, in words without values ("victim record").</summary>
    Task<IReadOnlyList<string>> EraseAsync(CaraDbContext db, Guid referralId, CancellationToken cancellationToken);
}
