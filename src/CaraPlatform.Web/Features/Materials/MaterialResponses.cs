using CaraPlatform.Domain.Materials;

namespace CaraPlatform.Web.Features.Materials;

/// <summary>A release's file as stored: its name, type, size and SHA-256 (hex), which every download also carries.</summary>
public sealed record MaterialFileResponse(string FileName, string ContentType, long Size, string Sha256)
{
    internal static MaterialFileResponse? From(MaterialRelease release) =>
        release.File is { } file ? new(release.FileName ?? $"{release.Id}.{file.Extension}", file.ContentType, file.Size, file.Sha256) : null;
}

/// <summary>A release of an item, for the licence holder.</summary>
public sealed record MaterialReleaseResponse(
    Guid Id, Guid ItemId, int Number, string Label, MaterialReleaseStatus Status, string ReleaseNotes, MaterialFileResponse? File,
    DateTimeOffset? PublishedAt, string? PublishedBy, DateTimeOffset? WithdrawnAt, string? WithdrawnReason, uint Version)
{
    internal static MaterialReleaseResponse From(MaterialRelease r) => new(
        r.Id, r.ItemId, r.Number, r.Label, r.Status, r.ReleaseNotes, MaterialFileResponse.From(r), r.PublishedAt, r.PublishedBy, r.WithdrawnAt,
        r.WithdrawnReason, r.Version);
}

/// <summary>An item of the catalogue with its releases (latest first) and the one in force (the latest published), if any.</summary>
public sealed record MaterialItemResponse(
    Guid Id, string Title, string? Description, MaterialWorkshop Workshop, MaterialAudience Audience, string Language, uint Version,
    MaterialReleaseResponse? InForce, IReadOnlyList<MaterialReleaseResponse> Releases)
{
    internal static MaterialItemResponse From(MaterialItem item, IEnumerable<MaterialRelease> releases)
    {
        var list = releases.OrderByDescending(r => r.Number).ToList();
        return new(item.Id, item.Title, item.Description, item.Workshop, item.Audience, item.Language, item.Version,
            MaterialRelease.InForce(list) is { } inForce ? MaterialReleaseResponse.From(inForce) : null, [.. list.Select(MaterialReleaseResponse.From)]);
    }
}

/// <summary>How one tenant received a published release: told when, due by, acknowledged by whom, and the runs that used it.</summary>
public sealed record MaterialDistributionResponse(
    string Tenant, string TenantName, DateTimeOffset DistributedAt, DateOnly AcknowledgeBy, DateTimeOffset? NotifiedAt,
    DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, bool Overdue, int RunsReceived);

/// <summary>One download of a release: when, by whom, for which tenant (null: the licence holder's own staff).</summary>
public sealed record MaterialDownloadResponse(DateTimeOffset At, string By, string? Tenant, int ReleaseNumber);

/// <summary>A published release as a tenant sees it: what it is, its file, and whether the tenant acknowledged it.</summary>
public sealed record TenantMaterialResponse(
    Guid ItemId, string Title, string? Description, MaterialWorkshop Workshop, MaterialAudience Audience, string Language,
    Guid ReleaseId, int Number, string Label, string ReleaseNotes, DateTimeOffset PublishedAt, MaterialFileResponse File,
    DateOnly? AcknowledgeBy, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, bool Overdue);
