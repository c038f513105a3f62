namespace CaraPlatform.Domain.Training;

/// <summary>Where a person's training stands on a day, as coordinators plan by it.</summary>
public enum TrainingStanding
{
    Current,
    Expiring,
    Expired,
}

public static class TrainingStandings
{
    /// <summary>Training expiring within this many days is flagged, and its holder reminded.</summary>
    public const int ExpiringWithinDays = 60;

    public static TrainingStanding Of(DateOnly expiresOn, DateOnly today) =>
        expiresOn < today ? TrainingStanding.Expired
        : expiresOn <= today.AddDays(ExpiringWithinDays) ? TrainingStanding.Expiring
        : TrainingStanding.Current;
}
