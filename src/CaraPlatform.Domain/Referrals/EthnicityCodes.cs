using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.Referrals;

/// <summary>
/// Self-defined ethnicity as the police record it (the 2021 census categories behind the police SDE codes). The
/// offender defines it, or declines: <see cref="NotStated"/>.
/// </summary>
public static class EthnicityCodes
{
    public const string NotStated = "NS";

    public static readonly IReadOnlyList<CodedItem> All =
    [
        new("W1", "White: English, Welsh, Scottish, Northern Irish or British"),
        new("W2", "White: Irish"),
        new("W3", "White: Gypsy or Irish Traveller"),
        new("W4", "White: Roma"),
        new("W9", "White: any other White background"),
        new("M1", "Mixed: White and Black Caribbean"),
        new("M2", "Mixed: White and Black African"),
        new("M3", "Mixed: White and Asian"),
        new("M9", "Mixed: any other Mixed or multiple background"),
        new("A1", "Asian: Indian"),
        new("A2", "Asian: Pakistani"),
        new("A3", "Asian: Bangladeshi"),
        new("A4", "Asian: Chinese"),
        new("A9", "Asian: any other Asian background"),
        new("B1", "Black: Caribbean"),
        new("B2", "Black: African"),
        new("B9", "Black: any other Black background"),
        new("O2", "Other: Arab"),
        new("O9", "Other: any other ethnic group"),
        new(NotStated, "Not stated"),
    ];

    public static bool IsKnown(string? code) => All.Any(e => e.Code == code);
}
