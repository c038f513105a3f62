using CaraPlatform.Domain.Access;

namespace CaraPlatform.Domain.Tests.Access;

public sealed class ForceScopeTests
{
    private static readonly string[] OneForce = ["dorset"];
    private static readonly string[] TwoForces = ["cambridgeshire", "bedfordshire"];

    [Fact]
    public void A_SPOC_with_no_forces_serves_the_force_of_a_one_force_tenant_and_none_where_there_are_several()
    {
        Assert.Equal(OneForce, ForceScope.Served([TenantRole.ForceSpoc], [], OneForce));
        Assert.Empty(ForceScope.Served([TenantRole.ForceSpoc], [], TwoForces));
    }

    [Fact]
    public void A_SPOC_serves_the_forces_named_that_are_still_the_tenants_and_no_other_role_serves_any()
    {
        Assert.Equal(["bedfordshire"], ForceScope.Served([TenantRole.ForceSpoc], ["bedfordshire", "gone"], TwoForces));
        Assert.Empty(ForceScope.Served([TenantRole.Coordinator], ["bedfordshire"], TwoForces));
    }

    [Fact]
    public void Assigning_forces_checks_each_against_the_tenant_defaults_a_one_force_tenant_and_refuses_forces_to_other_roles()
    {
        Assert.Equal(OneForce, ForceScope.Assign([TenantRole.ForceSpoc], null, OneForce).ForceCodes);
        Assert.Equal(["bedfordshire"], ForceScope.Assign([TenantRole.ForceSpoc], [" bedfordshire", "bedfordshire"], TwoForces).ForceCodes);
        Assert.Empty(ForceScope.Assign([TenantRole.Facilitator], null, TwoForces).Breaches);

        foreach (var (roles, requested) in new (TenantRole[], string[]?)[]
        {
            ([TenantRole.ForceSpoc], null),
            ([TenantRole.ForceSpoc], ["cambridgeshire", "essex"]),
            ([TenantRole.Coordinator], ["cambridgeshire"]),
        })
        {
            var (codes, breaches) = ForceScope.Assign(roles, requested, TwoForces);
            Assert.Empty(codes);
            Assert.Equal("forceCodes", Assert.Single(breaches).Path);
        }
    }
}
