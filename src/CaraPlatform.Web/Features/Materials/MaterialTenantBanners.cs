using System.Globalization;
using CaraPlatform.Web.Portal.Home;

namespace CaraPlatform.Web.Features.Materials;

/// <summary>
/// The tenant home's banner for its ProviderAdmin: releases waiting for the service's acknowledgement, and whether one
/// is overdue (then new runs cannot be scheduled). Coordinators see the overdue case too: it stops their scheduling.
/// </summary>
public sealed class MaterialTenantBanners(TenantMaterials materials) : ITenantHomeBanners
{
    public async Task<IReadOnlyList<HomeBanner>> BannersAsync(HomeViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.Holds(TenantRole.ProviderAdmin) && !viewer.Holds(TenantRole.Coordinator)) return [];
        var waiting = (await materials.ListAsync(cancellationToken)).Where(m => m.AcknowledgedAt is null && m.AcknowledgeBy is not null).ToList();
        if (waiting.Count == 0) return [];
        var link = new WorkLink("See the materials", viewer.Path("materials"));
        if (waiting.FirstOrDefault(m => m.Overdue) is { } overdue)
            return [new HomeBanner("materials-banner", "Materials", $"New course runs cannot be scheduled until the service acknowledges {overdue.Title} {overdue.Label}.", link)];
        if (!viewer.Holds(TenantRole.ProviderAdmin)) return [];
        var first = waiting.Min(m => m.AcknowledgeBy!.Value).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        return [new HomeBanner("materials-banner", "Materials",
            $"{waiting.Count} new materials {(waiting.Count == 1 ? "release" : "releases")} to acknowledge (the first by {first}).", link)];
    }
}
