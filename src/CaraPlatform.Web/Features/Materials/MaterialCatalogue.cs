using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Materials;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Infrastructure.Materials;

namespace CaraPlatform.Web.Features.Materials;

/// <summary>
/// The licence holder's catalogue of materials, for the national API and pages: items, their releases and files, and
/// each release's distribution to the tenants (who acknowledged it, which runs received it, who downloaded it).
/// </summary>
public sealed class MaterialCatalogue(CaraDbContext db, MaterialFiles files, MaterialDistributor distributor, Actors actors, TimeProvider clock)
{
    public async Task<List<MaterialItemResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var items = await db.MaterialItems.AsNoTracking().OrderBy(i => i.Title).ThenBy(i => i.Language).ToListAsync(cancellationToken);
        var releases = (await db.MaterialReleases.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(r => r.ItemId);
        return items.ConvertAll(i => MaterialItemResponse.From(i, releases[i.Id]));
    }

    public async Task<MaterialItemResponse?> FindAsync(Guid itemId, CancellationToken cancellationToken) =>
        await db.MaterialItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken) is { } item
            ? MaterialItemResponse.From(item, await db.MaterialReleases.AsNoTracking().Where(r => r.ItemId == itemId).ToListAsync(cancellationToken))
            : null;

    public async Task<MaterialItemResponse> CreateItemAsync(CreateMaterialItemRequest request, CancellationToken cancellationToken)
    {
        var item = new MaterialItem
        {
            Title = request.Title!.Trim(),
            Description = Tidy(request.Description),
            Workshop = request.Workshop!.Value,
            Audience = request.Audience!.Value,
            Language = request.Language!,
        };
        db.MaterialItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return MaterialItemResponse.From(item, []);
    }

    public async Task<MaterialItemResponse> UpdateItemAsync(Guid itemId, UpdateMaterialItemRequest request, CancellationToken cancellationToken)
    {
        var item = await ItemAsync(itemId, cancellationToken);
        db.Entry(item).Property(i => i.Version).OriginalValue = request.Version!.Value;
        // Tenants received the published releases for the language they were published in: a new language is a new item.
        if (item.Language != request.Language && await db.MaterialReleases.AnyAsync(r => r.ItemId == itemId && r.Status != MaterialReleaseStatus.Draft, cancellationToken))
            throw ProblemException.Conflict("The item has been published: its language cannot change (add an item for the other language)", field: "language");
        item.Title = request.Title!.Trim();
        item.Description = Tidy(request.Description);
        item.Workshop = request.Workshop!.Value;
        item.Audience = request.Audience!.Value;
        item.Language = request.Language!;
        await db.SaveChangesAsync(cancellationToken);
        return (await FindAsync(itemId, cancellationToken))!;
    }

    /// <summary>A new draft, numbered after the item's latest release (two started at once: one gets 409).</summary>
    public async Task<MaterialReleaseResponse> CreateReleaseAsync(Guid itemId, CreateMaterialReleaseRequest request, CancellationToken cancellationToken)
    {
        await ItemAsync(itemId, cancellationToken);
        if (await db.MaterialReleases.AnyAsync(r => r.ItemId == itemId && r.Status == MaterialReleaseStatus.Draft, cancellationToken))
            throw ProblemException.Conflict("The item already has a draft release: finish or delete it first", field: "itemId");
        var number = await db.MaterialReleases.Where(r => r.ItemId == itemId).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        var release = new MaterialRelease { ItemId = itemId, Number = number + 1, ReleaseNotes = request.ReleaseNotes?.Trim() ?? "" };
        db.MaterialReleases.Add(release);
        await db.SaveChangesAsync(cancellationToken);
        return MaterialReleaseResponse.From(release);
    }

    /// <summary>
    /// Stores <paramref name="content"/> as the draft's file (streamed, typed by its bytes, hashed); the file it replaces
    /// is deleted once the release points at the new one.
    /// </summary>
    public async Task<MaterialReleaseResponse> UploadAsync(Guid itemId, Guid releaseId, Stream content, string fileName, CancellationToken cancellationToken)
    {
        var release = await ReleaseAsync(itemId, releaseId, cancellationToken);
        if (release.Status != MaterialReleaseStatus.Draft)
            throw ProblemException.Conflict("Only a draft's file can be replaced: start a new release instead", field: "releaseId");
        MaterialFile stored;
        try
        {
            stored = await files.SaveAsync(content, cancellationToken);
        }
        catch (MaterialFileRejectedException rejected)
        {
            throw ProblemException.Invalid([new RuleBreach("file", rejected.Reason)]);
        }

        MaterialFile? replaced;
        try
        {
            replaced = release.AttachFile(stored, SafeFileName(fileName, stored));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await files.DeleteAsync(stored, CancellationToken.None);
            throw;
        }

        if (replaced is not null) await files.DeleteAsync(replaced, CancellationToken.None);
        return MaterialReleaseResponse.From(release);
    }

    /// <summary>
    /// Publishes the draft to every tenant licensed for the item's language; an earlier release in force is withdrawn
    /// (superseded), so a tenant has one release of each item to use and acknowledge. The tenants' ProviderAdmins are
    /// emailed straight after (and by the distribution job, should that fail).
    /// </summary>
    public async Task<MaterialReleaseResponse> PublishAsync(
        Guid itemId, Guid releaseId, PublishMaterialReleaseRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var item = await ItemAsync(itemId, cancellationToken);
        var release = await ReleaseAsync(itemId, releaseId, cancellationToken);
        db.Entry(release).Property(r => r.Version).OriginalValue = request.Version!.Value;
        if (!string.IsNullOrWhiteSpace(request.ReleaseNotes)) release.ReleaseNotes = request.ReleaseNotes.Trim();
        var now = clock.GetUtcNow();
        release.Publish((await actors.OfAsync(caller)).Name, now);
        foreach (var earlier in await db.MaterialReleases.Where(r => r.ItemId == itemId && r.Id != releaseId && r.Status == MaterialReleaseStatus.Published).ToListAsync(cancellationToken))
            earlier.Withdraw($"Superseded by {release.Label}", now);
        await distributor.DistributeAsync(item, release, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await distributor.NotifyAsync(cancellationToken);
        return MaterialReleaseResponse.From(release);
    }

    public async Task<MaterialReleaseResponse> WithdrawAsync(Guid itemId, Guid releaseId, WithdrawMaterialReleaseRequest request, CancellationToken cancellationToken)
    {
        var release = await ReleaseAsync(itemId, releaseId, cancellationToken);
        db.Entry(release).Property(r => r.Version).OriginalValue = request.Version!.Value;
        release.Withdraw(request.Reason!, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return MaterialReleaseResponse.From(release);
    }

    /// <summary>A draft that was never published goes, with its file; nothing else can be deleted.</summary>
    public async Task DeleteDraftAsync(Guid itemId, Guid releaseId, CancellationToken cancellationToken)
    {
        var release = await ReleaseAsync(itemId, releaseId, cancellationToken);
        if (release.Status != MaterialReleaseStatus.Draft) throw ProblemException.Conflict("Only a draft can be deleted: withdraw a published release", field: "releaseId");
        db.MaterialReleases.Remove(release);
        await db.SaveChangesAsync(cancellationToken);
        if (release.File is { } file) await files.DeleteAsync(file, CancellationToken.None);
    }

    /// <summary>Every tenant that received the release: told and due when, acknowledged by whom, and the runs that used it.</summary>
    public async Task<List<MaterialDistributionResponse>> DistributionAsync(Guid itemId, Guid releaseId, CancellationToken cancellationToken)
    {
        await ReleaseAsync(itemId, releaseId, cancellationToken, track: false);
        var today = UkCalendar.DateOf(clock.GetUtcNow());
        var runs = await db.MaterialReceipts.Where(r => r.ReleaseId == releaseId).GroupBy(r => r.TenantId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var rows = await db.MaterialDistributions.AsNoTracking().Where(d => d.ReleaseId == releaseId)
            .Join(db.Tenants, d => d.TenantId, t => t.Id, (d, t) => new { d, t.Slug, t.Name }).OrderBy(x => x.Name).ToListAsync(cancellationToken);
        return rows.ConvertAll(x => new MaterialDistributionResponse(
            x.Slug, x.Name, x.d.DistributedAt, x.d.AcknowledgeBy, x.d.NotifiedAt, x.d.AcknowledgedAt, x.d.AcknowledgedBy, x.d.IsOverdue(today),
            runs.GetValueOrDefault(x.d.TenantId)));
    }

    /// <summary>The release's downloads, latest first (at most <paramref name="limit"/>).</summary>
    public async Task<List<MaterialDownloadResponse>> DownloadsAsync(Guid itemId, Guid releaseId, int limit, CancellationToken cancellationToken)
    {
        await ReleaseAsync(itemId, releaseId, cancellationToken, track: false);
        var rows = await db.MaterialDownloads.AsNoTracking().Where(d => d.ReleaseId == releaseId).OrderByDescending(d => d.At).Take(limit)
            .GroupJoin(db.Tenants, d => d.TenantId, t => (Guid?)t.Id, (d, t) => new { d, t })
            .SelectMany(x => x.t.DefaultIfEmpty(), (x, t) => new { x.d, Tenant = t == null ? null : t.Slug }).ToListAsync(cancellationToken);
        return rows.ConvertAll(x => new MaterialDownloadResponse(x.d.At, x.d.ByName, x.Tenant, x.d.ReleaseNumber));
    }

    /// <summary>The release for the licence holder's own download (any status: staff check drafts before publishing).</summary>
    public async Task<(MaterialItem Item, MaterialRelease Release)> ForDownloadAsync(Guid itemId, Guid releaseId, CancellationToken cancellationToken)
    {
        var release = await ReleaseAsync(itemId, releaseId, cancellationToken, track: false);
        return (await db.MaterialItems.AsNoTracking().SingleAsync(i => i.Id == itemId, cancellationToken), release);
    }

    private async Task<MaterialItem> ItemAsync(Guid itemId, CancellationToken cancellationToken) =>
        await db.MaterialItems.SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken) ?? throw ProblemException.NotFound("Material item not found");

    private async Task<MaterialRelease> ReleaseAsync(Guid itemId, Guid releaseId, CancellationToken cancellationToken, bool track = true)
    {
        var releases = track ? db.MaterialReleases : db.MaterialReleases.AsNoTracking();
        return await releases.SingleOrDefaultAsync(r => r.Id == releaseId && r.ItemId == itemId, cancellationToken)
            ?? throw ProblemException.NotFound("Material release not found");
    }

    private static string? Tidy(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The uploaded name without any path, with the extension its content showed (a .pdf that is a DOCX says .docx).</summary>
    internal static string SafeFileName(string? fileName, MaterialFile file)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFileName((fileName ?? "").Replace('\\', '/')));
        var clean = new string([.. name.Where(c => !char.IsControl(c) && c is not ('"' or '/' or ':' or '*' or '?' or '<' or '>' or '|'))]).Trim();
        if (clean.Length == 0) clean = "material";
        if (clean.Length > 200) clean = clean[..200];
        return $"{clean}.{file.Extension}";
    }
}
