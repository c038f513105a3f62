using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.Outcomes;

/// <summary>
/// The domestic-abuse offences the police report at follow-up: the offence types CARA takes, and the graver ones a
/// reoffence may be. One national list, so every force's figures and the harm weights mean the same.
/// </summary>
public static class ReoffenceTypes
{
    public static readonly IReadOnlyList<CodedItem> All =
    [
        .. NationalOffenceTypes.All,
        new("actual-bodily-harm", "Assault occasioning actual bodily harm"),
        new("grievous-bodily-harm", "Wounding or grievous bodily harm"),
        new("strangulation", "Non-fatal strangulation or suffocation"),
        new("coercive-control", "Controlling or coercive behaviour"),
        new("stalking", "Stalking"),
        new("breach-of-order", "Breach of a protective order or notice"),
        new("threats-to-kill", "Threats to kill"),
        new("sexual-offence", "Sexual offence"),
    ];

    public static bool IsKnown(string? code) => All.Any(t => t.Code == code);
}
