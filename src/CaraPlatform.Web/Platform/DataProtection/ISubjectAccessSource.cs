namespace CaraPlatform.Web.Platform.DataProtection;

/// <summary>Whose subject-access request an export answers: the offender's (the referral) or the victim's.</summary>
public enum DataSubject { Offender, Victim }

/// <summary>One field of a record in an export, by the name a reader understands.</summary>
public sealed record SubjectAccessField(string Name, string? Value);

/// <summary>Something held but left out of an export, and why (DPA 2018 s.45(4): another person's data, say).</summary>
public sealed record SubjectAccessRedaction(string What, string Why);

/// <summary>One part of an export, from the feature that holds the data: its records and what it redacted.</summary>
public sealed record SubjectAccessSection(
    string Title, IReadOnlyList<IReadOnlyList<SubjectAccessField>> Records, IReadOnlyList<SubjectAccessRedaction> Redactions);

/// <summary>
/// A feature's part of a subject-access export (DPA 2018 s.45). Each feature that holds personal data about a referral's
/// people registers one, and answers for the data it owns, redacting by design: the offender's sections never carry a
/// victim's or a third party's value, and list what they left out. Called inside the referral's tenant.
/// </summary>
public interface ISubjectAccessSource
{
    Task<IReadOnlyList<SubjectAccessSection>> SectionsAsync(DataSubject subject, Guid referralId, CancellationToken cancellationToken);
}
