using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace CaraPlatform.Web.Platform;

/// <summary>
/// While PostgreSQL is down (stopped, restarting, failing over), every request that needs it answers 503 with
/// <c>Retry-After</c>, never 500: problem details for the API, the GOV.UK "service unavailable" page for a person's
/// browser. Nothing is wrong with the request, so a POST retried with the same Idempotency-Key is safe. The pools are
/// cleared on each such failure, so that connections broken by the outage are not handed to requests after it ends.
/// </summary>
internal sealed partial class DatabaseOutageHandler(IProblemDetailsService problems, ILogger<DatabaseOutageHandler> logger) : IExceptionHandler
{
    /// <summary>A restart takes seconds; clients asked to wait longer would only prolong the outage for themselves.</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsOutage(exception)) return false;
        NpgsqlConnection.ClearAllPools();
        LogOutage(logger, context.Request.Method, context.Request.Path, exception.GetType().Name, exception.Message);

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (FromBrowser(context.Request))
        {
            // A page of its own, not the layout's: rendering the layout would ask the database again.
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(UnavailablePage, cancellationToken);
            return true;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is unavailable for a moment",
                Detail = $"Its database cannot be reached. Try again after {RetryAfterSeconds} seconds; a POST resent with the same Idempotency-Key is applied at most once.",
            },
        });
    }

    /// <summary>
    /// The database could not be reached or went away: a connection refused or broken (Npgsql calls these transient),
    /// the server shutting down (57P01 admin, 57P02 crash), starting up (57P03) or a connection failure (class 08).
    /// A query the server refused for what it asked is not an outage, transient or not (a deadlock is the caller's).
    /// </summary>
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                    or PostgresErrorCodes.CannotConnectNow || pg.SqlState.StartsWith("08", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>A person's browser on a portal path, whatever the method: a form posted during the outage gets the page too.</summary>
    private static bool FromBrowser(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/connect")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private const string UnavailablePage = """
        <!DOCTYPE html>
        <html lang="en" class="govuk-template">
        <head>
          <meta charset="utf-8">
          <title>Sorry, the service is unavailable – CARA Platform</title>
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <link rel="stylesheet" href="/assets/cara.css">
        </head>
        <body class="govuk-template__body">
          <main class="govuk-main-wrapper govuk-width-container" id="main-content">
            <h1 class="govuk-heading-l">Sorry, the service is unavailable</h1>
            <p class="govuk-body">You will be able to use the service in a moment. Try again.</p>
            <p class="govuk-body">Anything you sent before this page was either saved in full or not at all.</p>
          </main>
        </body>
        </html>
        """;

    [LoggerMessage(LogLevel.Warning, "The database is unavailable: {Method} {Path} answered 503 ({ExceptionType}: {Reason})")]
    private static partial void LogOutage(ILogger logger, string method, string path, string exceptionType, string reason);
}
