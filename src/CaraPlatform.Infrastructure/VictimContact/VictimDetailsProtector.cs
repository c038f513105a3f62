using System.Text.Json;
using System.Text.Json.Serialization;
using CaraPlatform.Domain.VictimContact;
using Microsoft.AspNetCore.DataProtection;

namespace CaraPlatform.Infrastructure.VictimContact;

/// <summary>
/// Encrypts victim data at rest with ASP.NET Core Data Protection (keys in the database, each encrypted with a
/// certificate the database does not hold; rotated by the framework): the victim record's details, and what workers
/// type on the victim-contact case. Each has its own purpose, and the purpose includes the tenant, so one tenant's
/// ciphertext cannot be opened as another's, nor a case note as a victim record, even if a row were copied across.
/// </summary>
public sealed class VictimDetailsProtector(IDataProtectionProvider provider)
{
    private const string DetailsPurpose = "CaraPlatform.VictimDetails.v1";
    private const string CaseNotesPurpose = "CaraPlatform.VictimCaseNotes.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Protect(Guid tenantId, VictimDetails details) => Protect(DetailsPurpose, tenantId, details);

    public VictimDetails Unprotect(Guid tenantId, string protectedDetails) => Unprotect<VictimDetails>(DetailsPurpose, tenantId, protectedDetails);

    /// <summary>The case entry's typed words, encrypted; null when there are none, so an empty entry stores nothing.</summary>
    public string? ProtectNotes(Guid tenantId, VictimCaseNotes notes) => notes.IsEmpty ? null : Protect(CaseNotesPurpose, tenantId, notes);

    public VictimCaseNotes UnprotectNotes(Guid tenantId, string? protectedNotes) =>
        protectedNotes is null ? new VictimCaseNotes() : Unprotect<VictimCaseNotes>(CaseNotesPurpose, tenantId, protectedNotes);

    private string Protect<T>(string purpose, Guid tenantId, T value) =>
        ProtectorFor(purpose, tenantId).Protect(JsonSerializer.Serialize(value, Json));

    private T Unprotect<T>(string purpose, Guid tenantId, string ciphertext) =>
        JsonSerializer.Deserialize<T>(ProtectorFor(purpose, tenantId).Unprotect(ciphertext), Json)!;

    private IDataProtector ProtectorFor(string purpose, Guid tenantId) => provider.CreateProtector(purpose, tenantId.ToString("D"));
}
