using System.Globalization;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.Workshops.Pages;

/// <summary>How the workshop pages write cohorts, sessions and places, and read a handler's refusal (bookings: <see cref="Contracts.BookingDisplay"/>).</summary>
public static class WorkshopDisplay
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static string Cohort(Cohort cohort) => cohort switch
    {
        Domain.Tenants.Cohort.IpvMale => "IPV male",
        Domain.Tenants.Cohort.IpvFemale => "IPV female",
        Domain.Tenants.Cohort.NonIpvMale => "Non-IPV male",
        _ => cohort.ToString(),
    };

    public static string Language(string code) => LanguageNames.English(code);

    public static string Workshop(WorkshopNumber workshop) => workshop == WorkshopNumber.Workshop1 ? "Workshop 1" : "Workshop 2";

    public static string Session(SessionResponse session) =>
        $"{session.Date.ToString("ddd d MMM yyyy", Uk)}, {session.StartTime}–{session.EndTime}";

    public static string Month(DateOnly date) => date.ToString("MMMM yyyy", Uk);

    public static string Where(RunResponse run) => run.Delivery == WorkshopDelivery.Remote
        ? "Remote"
        : run.Venue is { } venue ? $"{venue.Name}, {venue.Town}" : "Venue";

    /// <summary>
    /// A run's state at <paramref name="now"/> as a GOV.UK tag's text and classes: cancelled, finished (Workshop 2 has
    /// begun, so no one can join), under way (between the workshops), full, or open with seats left.
    /// </summary>
    public static (string Text, string Classes) RunStatus(RunResponse run, DateTimeOffset now) =>
        run.CancelledAt is not null ? ("Cancelled", "govuk-tag govuk-tag--grey")
        : run.Workshop2.StartsAt <= now ? ("Finished", "govuk-tag govuk-tag--grey")
        : run.Workshop1.StartsAt <= now ? ("Under way", "govuk-tag govuk-tag--blue")
        : run.SeatsLeft == 0 ? ("Full", "govuk-tag govuk-tag--orange")
        : ("Open", "govuk-tag govuk-tag--green");

    /// <summary>Every message a handler's refusal carries: the booking refusals, the rule breaches, else its title and detail.</summary>
    public static IReadOnlyList<string> Messages(ProblemException refusal)
    {
        var problem = refusal.Problem;
        if (problem.Extensions.TryGetValue("refusals", out var value) && value is IEnumerable<BookingRefusalDto> refusals)
            return [.. refusals.Select(r => r.Message)];
        if (problem is Microsoft.AspNetCore.Http.HttpValidationProblemDetails validation && validation.Errors.Count > 0)
            return [.. validation.Errors.SelectMany(e => e.Value)];
        return [string.Join(" ", new[] { problem.Title, problem.Detail }.Where(t => !string.IsNullOrWhiteSpace(t)))];
    }

    /// <summary>A refusal's rule breaches by field (request path), or none.</summary>
    public static Dictionary<string, string[]> FieldErrors(ProblemException refusal) =>
        refusal.Problem is HttpValidationProblemDetails validation
            ? validation.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase) { [""] = [.. Messages(refusal)] };
}
