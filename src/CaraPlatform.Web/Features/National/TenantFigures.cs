using CaraPlatform.Domain.National;
using CaraPlatform.Web.Features.National.Contracts;

namespace CaraPlatform.Web.Features.National;

/// <summary>The national data narrowed to one tenant (<see cref="ITenantFigures"/>): nothing but <see cref="NationalData"/> with a tenant filter.</summary>
public sealed class TenantFigures(NationalData data) : ITenantFigures
{
    public Task<IReadOnlyList<NationalTable>> OfMonthAsync(string tenant, DateOnly month, CancellationToken cancellationToken) =>
        data.AllAsync(new NationalFilter(Tenant: tenant, From: month, To: month), cancellationToken);
}
