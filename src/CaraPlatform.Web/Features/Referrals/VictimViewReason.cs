namespace CaraPlatform.Web.Features.Referrals;

/// <summary>The justification asked for before a victim record opens (DPA 2018 s.62), the same for the API and the page.</summary>
public static class VictimViewReason
{
    public const int MaxLength = 500;

    /// <summary>Why <paramref name="reason"/> will not do, or null when it will.</summary>
    public static string? Refusal(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "'reason' must say why you are opening the victim's record."
        : reason.Length > MaxLength ? $"'reason' must be {MaxLength} characters or fewer."
        : null;
}
