using CaraPlatform.Domain.Access;
using Microsoft.AspNetCore.Identity;

namespace CaraPlatform.Infrastructure.Identity;

/// <summary>One account per person (unique email). Tenant roles live in each tenant's memberships.</summary>
[GlobalEntity]
public sealed class CaraUser : IdentityUser<Guid>
{
    public CaraUser() => Id = Guid.CreateVersion7();

    public string DisplayName { get; set; } = "";

    public List<PlatformRole> PlatformRoles { get; set; } = [];
}
