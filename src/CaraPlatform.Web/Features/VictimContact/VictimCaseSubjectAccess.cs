using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Infrastructure.VictimContact;
using CaraPlatform.Web.Platform.DataProtection;

namespace CaraPlatform.Web.Features.VictimContact;

/// <summary>
/// The victim-contact case in subject-access exports: the victim's own export holds every entry; the offender's holds
/// nothing of it and says so, since all of it is the victim's data (DPA 2018 s.45(4)).
/// </summary>
public sealed class VictimCaseSubjectAccess(CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, VictimDetailsProtector protector)
    : ISubjectAccessSource
{
    private const string Title = "Victim-contact case";

    public async Task<IReadOnlyList<SubjectAccessSection>> SectionsAsync(DataSubject subject, Guid referralId, CancellationToken cancellationToken)
    {
        var victimCase = await db.VictimCases.AsNoTracking().Include(c => c.Entries).SingleOrDefaultAsync(c => c.ReferralId == referralId, cancellationToken);
        if (victimCase is null) return [];
        if (subject == DataSubject.Offender)
            return [new SubjectAccessSection(Title, [], [new SubjectAccessRedaction("The victim-contact case", "Withheld: it is the victim's data, held by the victim-contact service.")])];

        var tenantId = tenants.Current().TenantId;
        return [new SubjectAccessSection(Title, [.. victimCase.Entries.OrderBy(e => e.RecordedAt).Select(e => Fields(e, protector.UnprotectNotes(tenantId, e.ProtectedNotes)))], [])];
    }

    private static List<SubjectAccessField> Fields(VictimCaseEntry e, VictimCaseNotes notes) =>
        new (string Name, object? Value)[]
        {
            ("Entry", e.Kind), ("Recorded at", e.RecordedAt), ("Recorded by", e.RecordedByName), ("Contact method", e.Method),
            ("Person who caused harm present", e.PersonWhoCausedHarmPresent), ("Outcome", e.Outcome),
            ("Services", e.Services.Count == 0 ? null : string.Join(", ", e.Services)), ("DASH score", e.DashScore), ("DASH level", e.DashLevel),
            ("DASH judgement level", e.DashJudgementLevel), ("Escalated to", e.EscalatedTo), ("Lawful basis", e.LawfulBasis), ("Workshop", e.Workshop),
            ("Reported change", e.Change), ("Note", notes.Note), ("Safe times", notes.SafeTimes), ("Code word", notes.CodeWord),
            ("Support offered", notes.SupportOffered), ("What was shared", notes.WhatWasShared), ("Shared with", notes.SharedWith), ("Why", notes.Why),
            ("Judgement reason", notes.JudgementReason),
        }.Where(f => f.Value is not null).Select(f => new SubjectAccessField(f.Name, Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
}
