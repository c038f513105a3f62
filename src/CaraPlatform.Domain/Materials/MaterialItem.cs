using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Materials;

/// <summary>Which workshop an item is for.</summary>
public enum MaterialWorkshop { Workshop1, Workshop2, Both }

/// <summary>Who an item is written for.</summary>
public enum MaterialAudience { FacilitatorManual, SessionSlides, ParticipantHandout, VictimContactGuidance, PoliceBriefing }

/// <summary>
/// One piece of the CARA materials the licence holder distributes under licence (say, the Workshop 1 participant handout
/// in Polish). Its content comes in <see cref="MaterialRelease"/>s; the item says what it is and in which language, and
/// a tenant receives it only while its licence covers that language.
/// </summary>
[GlobalEntity]
public sealed class MaterialItem : ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Title { get; set; }

    public string? Description { get; set; }

    public MaterialWorkshop Workshop { get; set; }

    public MaterialAudience Audience { get; set; }

    /// <summary>A tenant language code ("en", "pl", "pa"), as licences list them.</summary>
    public required string Language { get; set; }

    public uint Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether a run in <paramref name="language"/> uses this item: the item is in that language.</summary>
    public bool ServesRunIn(string language) => string.Equals(Language, language, StringComparison.OrdinalIgnoreCase);
}
