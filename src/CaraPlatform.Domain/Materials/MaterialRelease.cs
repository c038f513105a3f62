using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Materials;

public enum MaterialReleaseStatus { Draft, Published, Withdrawn }

/// <summary>
/// A version of an item's content: a draft gets its file and notes, is published to every licensed tenant (who must
/// acknowledge it), and may later be withdrawn. Published and withdrawn releases never change their file: what a group
/// received stays what it was.
/// </summary>
[GlobalEntity]
public sealed class MaterialRelease : ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ItemId { get; init; }

    /// <summary>1, 2, 3… within the item, in the order releases were started.</summary>
    public int Number { get; init; }

    public MaterialReleaseStatus Status { get; private set; }

    public string ReleaseNotes { get; set; } = "";

    /// <summary>The stored file; null until one is uploaded.</summary>
    public MaterialFile? File { get; private set; }

    /// <summary>The name the file was uploaded with, offered back on download.</summary>
    public string? FileName { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public string? PublishedBy { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public string? WithdrawnReason { get; private set; }

    public uint Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string Label => $"v{Number}";

    /// <summary>The file of a draft; returns the file it replaces (to delete from storage), if any.</summary>
    public MaterialFile? AttachFile(MaterialFile file, string fileName)
    {
        ArgumentNullException.ThrowIfNull(file);
        Require(MaterialReleaseStatus.Draft, "Only a draft's file can be replaced: publish a new release instead");
        var replaced = File;
        File = file;
        FileName = fileName;
        return replaced;
    }

    public void Publish(string by, DateTimeOffset at)
    {
        Require(MaterialReleaseStatus.Draft, "Only a draft can be published");
        if (File is null) throw new MaterialRuleException("Upload the release's file before publishing it");
        if (string.IsNullOrWhiteSpace(ReleaseNotes)) throw new MaterialRuleException("Write the release notes before publishing it");
        Status = MaterialReleaseStatus.Published;
        PublishedAt = at;
        PublishedBy = by;
    }

    public void Withdraw(string reason, DateTimeOffset at)
    {
        Require(MaterialReleaseStatus.Published, "Only a published release can be withdrawn");
        Status = MaterialReleaseStatus.Withdrawn;
        WithdrawnAt = at;
        WithdrawnReason = reason.Trim();
    }

    /// <summary>The release in force for an item on a day: the latest published one (withdrawn ones are out of force).</summary>
    public static MaterialRelease? InForce(IEnumerable<MaterialRelease> releases) =>
        releases.Where(r => r.Status == MaterialReleaseStatus.Published).MaxBy(r => r.Number);

    private void Require(MaterialReleaseStatus status, string refusal)
    {
        if (Status != status) throw new MaterialRuleException(refusal);
    }
}

/// <summary>A step the release's or distribution's state does not allow (publishing a withdrawn release).</summary>
public sealed class MaterialRuleException : Exception
{
    public MaterialRuleException()
    {
    }

    public MaterialRuleException(string message) : base(message)
    {
    }

    public MaterialRuleException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
