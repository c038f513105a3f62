using System.Globalization;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.QaReviews;
using CaraPlatform.Web.Portal.Home;

namespace CaraPlatform.Web.Features.QaReviews;

/// <summary>How reviews are said on the portal, on both sides: always in words, the colour only repeats them.</summary>
public static class QaDisplay
{
    public static string Domain(QaDomain domain) => domain switch
    {
        QaDomain.FidelityToManual => "Fidelity to the manual",
        QaDomain.FacilitationSkills => "Facilitation skills",
        QaDomain.GroupSafetyAndManagement => "Group safety and management",
        QaDomain.ParticipantEngagement => "Participant engagement",
        _ => "Timekeeping and structure",
    };

    public static string Rating(QaRating? rating) => rating switch
    {
        QaRating.Outstanding => "Outstanding",
        QaRating.Good => "Good",
        QaRating.RequiresImprovement => "Requires improvement",
        QaRating.Inadequate => "Inadequate",
        _ => "Not rated",
    };

    /// <summary>A score of 1 to 4 in words, as the rating's points.</summary>
    public static string Score(int score) => $"{score} – {Rating((QaRating)score)}";

    public static WorkTag Status(QaReviewStatus status) => status switch
    {
        QaReviewStatus.Draft => new("Draft", "grey"),
        QaReviewStatus.Submitted => new("Awaiting acknowledgement", "blue"),
        QaReviewStatus.Acknowledged => new("Actions open", "yellow"),
        _ => new("Closed", "green"),
    };

    public static WorkTag Overdue { get; } = new("Overdue", "red");

    public static string Trend(QaTrend? trend) => trend switch
    {
        QaTrend.Improving => "Improving",
        QaTrend.Declining => "Declining",
        QaTrend.Steady => "Steady",
        _ => "No earlier rating",
    };

    public static string Mode(ObservationMode mode) => mode == ObservationMode.Live ? "Live" : "From a recording";

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) => Date(UkCalendar.DateOf(at));

    public static IReadOnlyList<(string Value, string Text)> Ratings { get; } =
        [.. Enum.GetValues<QaRating>().Reverse().Select(r => (r.ToString(), Rating(r)))];

    public static IReadOnlyList<(string Value, string Text)> Scores { get; } =
        [.. Enumerable.Range(QaDomainScore.Lowest, QaDomainScore.Highest).Reverse().Select(s => (s.ToString(CultureInfo.InvariantCulture), Score(s)))];
}
