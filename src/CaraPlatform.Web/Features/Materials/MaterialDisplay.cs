using System.Globalization;
using CaraPlatform.Domain.Materials;
using CaraPlatform.Web.Portal.Home;

namespace CaraPlatform.Web.Features.Materials;

/// <summary>How the materials are said on the portal: always in words, the colour only repeats them.</summary>
public static class MaterialDisplay
{
    public static string Workshop(MaterialWorkshop workshop) => workshop switch
    {
        MaterialWorkshop.Workshop1 => "Workshop 1",
        MaterialWorkshop.Workshop2 => "Workshop 2",
        _ => "Both workshops",
    };

    public static string Audience(MaterialAudience audience) => audience switch
    {
        MaterialAudience.FacilitatorManual => "Facilitator manual",
        MaterialAudience.SessionSlides => "Session slides",
        MaterialAudience.ParticipantHandout => "Participant handout",
        MaterialAudience.VictimContactGuidance => "Victim-contact guidance",
        _ => "Police briefing",
    };

    public static string Language(string code) => Domain.Common.LanguageNames.English(code);

    public static WorkTag Tag(MaterialReleaseStatus status) => status switch
    {
        MaterialReleaseStatus.Draft => new("Draft", "grey"),
        MaterialReleaseStatus.Published => new("Published", "green"),
        _ => new("Withdrawn", "red"),
    };

    public static string Date(DateTimeOffset at) => Domain.Common.UkCalendar.DateOf(at).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };

    public static IReadOnlyList<(string Value, string Text)> Workshops { get; } =
        [.. Enum.GetValues<MaterialWorkshop>().Select(w => (w.ToString(), Workshop(w)))];

    public static IReadOnlyList<(string Value, string Text)> Audiences { get; } =
        [.. Enum.GetValues<MaterialAudience>().Select(a => (a.ToString(), Audience(a)))];
}
