using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Domain.Access;

/// <summary>
/// The forces a ForceSpoc serves: a tenant may cover several forces, and a SPOC reads only the referrals of the forces
/// on their membership. A SPOC membership with no forces predates forces on memberships; in a tenant of one force it
/// can mean only that force, elsewhere it serves none until an admin names its forces (nothing is guessed).
/// </summary>
public static class ForceScope
{
    /// <summary>The forces a membership holding <paramref name="roles"/> with <paramref name="forceCodes"/> serves in a tenant of <paramref name="tenantForces"/>.</summary>
    public static IReadOnlyList<string> Served(IReadOnlyCollection<TenantRole> roles, IReadOnlyList<string> forceCodes, IReadOnlyList<string> tenantForces) =>
        !roles.Contains(TenantRole.ForceSpoc) ? []
        : forceCodes.Count > 0 ? [.. forceCodes.Where(tenantForces.Contains)]
        : tenantForces.Count == 1 ? tenantForces
        : [];

    /// <summary>
    /// The force codes to store on a membership or invitation with <paramref name="roles"/>, or what is wrong with
    /// <paramref name="requested"/> (at <paramref name="path"/>): each code one of the tenant's forces, at least one for a
    /// SPOC (a tenant of one force gives its own), and none for anyone else, whom forces do not narrow.
    /// </summary>
    public static (IReadOnlyList<string> ForceCodes, IReadOnlyList<RuleBreach> Breaches) Assign(
        IReadOnlyCollection<TenantRole> roles, IReadOnlyList<string>? requested, IReadOnlyList<string> tenantForces, string path = "forceCodes")
    {
        List<string> codes = [.. (requested ?? []).Select(c => c.Trim()).Distinct(StringComparer.Ordinal)];
        if (!roles.Contains(TenantRole.ForceSpoc))
            return codes.Count == 0 ? ([], []) : ([], [new RuleBreach(path, "names forces, which only a ForceSpoc serves")]);
        List<RuleBreach> breaches = [.. codes.Where(c => !tenantForces.Contains(c))
            .Select(c => new RuleBreach(path, $"holds '{c}', which is not one of the tenant's forces ({string.Join(", ", tenantForces)})"))];
        if (codes.Count == 0 && tenantForces.Count == 1) codes = [tenantForces[0]];
        if (codes.Count == 0) breaches.Add(new RuleBreach(path, "must name at least one of the tenant's forces for a ForceSpoc"));
        return breaches.Count == 0 ? (codes, []) : ([], breaches);
    }
}
