using System.Text.Json;
using System.Text.Json.Serialization;
using CaraPlatform.Domain.VictimContact;
using Microsoft.AspNetCore.DataProtection;

namespace CaraPlatform.Infrastructure.VictimContact;

/// <summary>
/// Encrypts victim details at rest with ASP.NET Core Data Protection (keys in the database, each encrypted with a
/// certificate the database does not hold; rotated by the framework). The purpose includes the tenant, so one
/// tenant's ciphertext cannot be opened as another's even if a row were copied across.
/// </summary>
public sealed class VictimDetailsProtector(IDataProtectionProvider provider)
{
    private const string Purpose = "CaraPlatform.VictimDetails.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public string Protect(Guid tenantId, VictimDetails details) =>
        ProtectorFor(tenantId).Protect(JsonSerializer.Serialize(details, Json));

    public VictimDetails Unprotect(Guid tenantId, string protectedDetails) =>
        JsonSerializer.Deserialize<VictimDetails>(ProtectorFor(tenantId).Unprotect(protectedDetails), Json)!;

    private IDataProtector ProtectorFor(Guid tenantId) => provider.CreateProtector(Purpose, tenantId.ToString("D"));
}
