using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace CaraPlatform.Web.Platform;

/// <summary>
/// Turns what escapes an endpoint into problem details: unreadable requests are 400 naming the field, conflicts
/// the database caught are 409, a feature's own exceptions as its <see cref="IProblemMapping"/> says, anything else is
/// a logged 500 that reveals nothing.
/// </summary>
internal sealed class ProblemExceptionHandler(
    IProblemDetailsService problems, IEnumerable<IProblemMapping> mappings, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            BadHttpRequestException { InnerException: InputRuleException rule } => Invalid(FieldName(rule.Path), $"'{FieldName(rule.Path)}' {rule.Message}."),
            BadHttpRequestException { InnerException: JsonException json } => Invalid(FieldName(json.Path), JsonMessage(json)),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status400BadRequest => Invalid(ParameterName(bad.Message), bad.Message),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = bad.Message },
            ProblemException refusal => refusal.Problem,
            InvalidCursorException => Invalid("cursor", exception.Message),
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The record was changed by someone else",
                Detail = "Read it again and reapply the change with its current version.",
            },
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.CheckViolation } check } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The change breaks a rule the database keeps",
                Detail = $"Constraint {check.ConstraintName}.",
            },
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "A record with the same identifying values already exists",
                Detail = $"Constraint {pg.ConstraintName}.",
            },
            _ => mappings.Select(m => m.Map(exception)).FirstOrDefault(p => p is not null)
                ?? new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred" },
        };

        if (problem.Status >= 500) logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
        else logger.LogInformation("Request refused with {Status}: {Title}", problem.Status, problem.Title);

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static HttpValidationProblemDetails Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid",
        };

    /// <summary>Minimal APIs name a query or route parameter they could not bind only in the message: "... parameter \"int limit\" ...".</summary>
    private static string ParameterName(string message) =>
        System.Text.RegularExpressions.Regex.Match(message, "parameter \"[^\"]*? (?<name>\\w+)\"") is { Success: true } match
            ? match.Groups["name"].Value
            : "body";

    /// <summary>"$.venues[0].capacity" → "venues[0].capacity"; the whole body when no member is named.</summary>
    private static string FieldName(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.TrimStart('$').TrimStart('.');

    /// <summary>System.Text.Json's messages name .NET types; integrators need the JSON rule instead.</summary>
    private static string JsonMessage(JsonException json) =>
        json.Path is null or "$" ? "The body is not valid JSON." : "The value is not valid for this field (wrong type, unknown value or malformed JSON).";
}
