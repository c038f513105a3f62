using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Licences;
using CaraPlatform.Domain.Materials;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Infrastructure.Materials;
using CaraPlatform.Web.Features.Licences.Contracts;
using CaraPlatform.Web.Features.Materials.Contracts;

namespace CaraPlatform.Web.Features.Materials;

/// <summary>
/// The materials as the current tenant receives them: the releases in force in the languages its active licence covers,
/// to its staff; downloads (verified, logged), acknowledgement, and what holds up scheduling.
/// A release the tenant may not have is answered as not found, never as forbidden: its existence is not the tenant's.
/// </summary>
public sealed class TenantMaterials(
    CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, ITenantLicence licence, Actors actors,
    TimeProvider clock) : ITenantMaterials
{
    private CaraTenantInfo Tenant => tenants.Current();

    private DateOnly Today => UkCalendar.DateOf(clock.GetUtcNow());

    /// <summary>The releases in force that the tenant's licence covers, by workshop and title.</summary>
    public async Task<List<TenantMaterialResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var languages = await LicensedLanguagesAsync(cancellationToken);
        if (languages.Count == 0) return [];
        var rows = await InForce().ToListAsync(cancellationToken);
        var distributions = await Distributions().ToDictionaryAsync(d => d.ReleaseId, cancellationToken);
        var today = Today;
        return [.. rows.Where(x => languages.Contains(x.Item.Language))
            .OrderBy(x => x.Item.Workshop).ThenBy(x => x.Item.Title).ThenBy(x => x.Item.Language)
            .Select(x => Describe(x.Item, x.Release, distributions.GetValueOrDefault(x.Release.Id), today))];
    }

    /// <summary>The release, when it is in force and the tenant's licence covers it; else null (404).</summary>
    public async Task<(MaterialItem Item, MaterialRelease Release)?> FindAsync(Guid releaseId, CancellationToken cancellationToken)
    {
        var found = await InForce().SingleOrDefaultAsync(x => x.Release.Id == releaseId, cancellationToken);
        if (found is null || !(await LicensedLanguagesAsync(cancellationToken)).Contains(found.Item.Language)) return null;
        return (found.Item, found.Release);
    }

    /// <summary>The tenant's acknowledgement of a release it received (ProviderAdmin).</summary>
    public async Task<TenantMaterialResponse> AcknowledgeAsync(Guid releaseId, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (await FindAsync(releaseId, cancellationToken) is not { } found) throw ProblemException.NotFound("Material release not found");
        var (item, release) = found;
        var distribution = await db.MaterialDistributions.SingleOrDefaultAsync(d => d.TenantId == Tenant.TenantId && d.ReleaseId == releaseId, cancellationToken);
        if (distribution is null)
        {
            // Licensed after the distribution's last round: the acknowledgement is its receipt too.
            distribution = MaterialDistribution.To(Tenant.TenantId, releaseId, clock.GetUtcNow());
            distribution.NotifiedAt = distribution.DistributedAt;
            db.MaterialDistributions.Add(distribution);
        }

        var actor = await actors.OfAsync(caller);
        try
        {
            distribution.Acknowledge(actor.Id, actor.Name, clock.GetUtcNow());
        }
        catch (MaterialRuleException already)
        {
            throw ProblemException.Conflict(already.Message, field: "releaseId");
        }

        await db.SaveChangesAsync(cancellationToken);
        return Describe(item, release, distribution, Today);
    }

    public async Task<string?> RefusalToScheduleAsync(CancellationToken cancellationToken)
    {
        var due = await Distributions().Where(d => d.AcknowledgedAt == null)
            .Join(db.MaterialReleases.Where(r => r.Status == MaterialReleaseStatus.Published), d => d.ReleaseId, r => r.Id, (d, r) => new { d, r })
            .Join(db.MaterialItems, x => x.r.ItemId, i => i.Id, (x, i) => new { x.d, x.r.Number, i.Title, i.Language }).ToListAsync(cancellationToken);
        return MaterialDistribution.RefusalToSchedule(due.Select(x => (x.d, $"{x.Title} ({LanguageNames.English(x.Language)}) v{x.Number}")), Today);
    }

    public async Task StageReceiptsAsync(CourseRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var inForce = await InForce().Where(x => x.Item.Language == run.Language).Select(x => new { x.Item.Id, ReleaseId = x.Release.Id }).ToListAsync(cancellationToken);
        foreach (var x in inForce)
            db.MaterialReceipts.Add(new MaterialReceipt { TenantId = Tenant.TenantId, RunId = run.Id, ItemId = x.Id, ReleaseId = x.ReleaseId, Workshop1On = run.Workshop1.Date });
    }

    public async Task<IReadOnlyList<string>> ReceivedByRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        var rows = await db.MaterialReceipts.Where(r => r.TenantId == Tenant.TenantId && r.RunId == runId)
            .Join(db.MaterialReleases, r => r.ReleaseId, x => x.Id, (r, x) => new { x.Number, x.ItemId })
            .Join(db.MaterialItems, x => x.ItemId, i => i.Id, (x, i) => new { x.Number, i.Title, i.Language }).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(x => x.Title).Select(x => $"{x.Title} ({LanguageNames.English(x.Language)}) v{x.Number}")];
    }

    /// <summary>The current tenant's distributions: a global table, so the tenant is named here (the tenant's scope gives it).</summary>
    private IQueryable<MaterialDistribution> Distributions() => db.MaterialDistributions.AsNoTracking().Where(d => d.TenantId == Tenant.TenantId);

    private IQueryable<InForceRow> InForce() =>
        db.MaterialReleases.AsNoTracking().Where(r => r.Status == MaterialReleaseStatus.Published)
            .Join(db.MaterialItems.AsNoTracking(), r => r.ItemId, i => i.Id, (r, i) => new InForceRow { Item = i, Release = r });

    private async Task<HashSet<string>> LicensedLanguagesAsync(CancellationToken cancellationToken) =>
        await licence.CurrentAsync(cancellationToken) is { Standing: LicenceStanding.Active } current
            ? current.Languages.ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [];

    private static TenantMaterialResponse Describe(MaterialItem item, MaterialRelease release, MaterialDistribution? distribution, DateOnly today) => new(
        item.Id, item.Title, item.Description, item.Workshop, item.Audience, item.Language, release.Id, release.Number, release.Label, release.ReleaseNotes,
        release.PublishedAt!.Value, MaterialFileResponse.From(release)!, distribution?.AcknowledgeBy, distribution?.AcknowledgedAt, distribution?.AcknowledgedBy,
        distribution?.IsOverdue(today) ?? false);

    /// <summary>A member-init shape, so that queries compose over it (EF translates no constructor call).</summary>
    private sealed class InForceRow
    {
        public required MaterialItem Item { get; init; }

        public required MaterialRelease Release { get; init; }
    }
}
