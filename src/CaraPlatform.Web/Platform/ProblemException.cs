using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Platform;

/// <summary>
/// A handler's refusal, as the problem the caller gets. Thrown rather than returned where the refusal is found deep
/// in a transaction, so that the transaction unwinds with it and nothing half-written remains.
/// </summary>
public sealed class ProblemException(ProblemDetails problem) : Exception(problem.Title)
{
    public ProblemDetails Problem { get; } = problem;

    public static ProblemException Conflict(string title, string? detail = null, string? field = null, IDictionary<string, object?>? extensions = null) =>
        Of(StatusCodes.Status409Conflict, title, detail, field, extensions);

    public static ProblemException NotFound(string title) => Of(StatusCodes.Status404NotFound, title, null, null, null);

    public static ProblemException Forbidden(string title, string? detail = null) => Of(StatusCodes.Status403Forbidden, title, detail, null, null);

    /// <summary>Rule breaches as a 400 naming each field, like a validator's answer.</summary>
    public static ProblemException Invalid(IEnumerable<RuleBreach> breaches) =>
        new(new HttpValidationProblemDetails(breaches.GroupBy(b => b.Path).ToDictionary(g => g.Key, g => g.Select(b => $"'{g.Key}' {b.Message}.").ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid",
        });

    private static ProblemException Of(int status, string title, string? detail, string? field, IDictionary<string, object?>? extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null) problem.Extensions["field"] = field;
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>()) problem.Extensions[key] = value;
        return new ProblemException(problem);
    }
}
