using CaraPlatform.Domain.ForceReports;
using CaraPlatform.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.ForceReports;

/// <summary>Who reads force reports: the force's SPOC (and its integration client) and the provider's admins.</summary>
public static class ForceReportAccess
{
    public static readonly TenantRole[] Readers = [TenantRole.ForceSpoc, TenantRole.ProviderAdmin];

    public const string ReaderPolicy = "ForceReportReader";
}

/// <summary>
/// The force reports module (issue 14 part 6): each tenant's monthly report to its force, made and emailed on the 1st
/// (<see cref="ForceReportJob"/>), and downloadable as PDF or CSV from the API and the Reports page
/// (<c>/t/{tenant}/reports</c>).
/// </summary>
public static class ForceReportsModule
{
    public static void AddForceReports(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ForceReportMaker>();
        services.AddScoped<ForceReportQueries>();
        services.AddOptions<ForceReportOptions>().Bind(builder.Configuration.GetSection(ForceReportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedSingleton<ForceReportJob>();
        services.AddAuthorizationBuilder().AddTenantPagePolicy(ForceReportAccess.ReaderPolicy, ForceReportAccess.Readers);
        services.AddPortalLink(new("Reports", "reports", ForceReportAccess.Readers, 80));
    }

    public static void MapForceReports(this RouteGroupBuilder tenantApi)
    {
        var reports = tenantApi.MapGroup("/force-reports").WithTags("Force reports")
            .RequireTenantApiAccess(ApiScopes.ReferralsRead, ForceReportAccess.Readers);
        reports.MapGet("/", List).WithName("ListForceReports").WithSummary("The monthly force reports, newest first")
            .WithDescription("Made on the 1st of each month for the month before, and emailed with the PDF to the tenant's SPOC and report recipients.");
        reports.MapGet("/{month}.{format}", Download).WithName("GetForceReport").WithSummary("A month's force report as PDF or CSV")
            .WithDescription("month as yyyy-MM; format pdf or csv. The month's figures as the national dashboard shows them for the tenant " +
                "(suppressed), and an annex of the month's referrals by police reference and name with status and workshop dates. " +
                "Each download is audited.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<List<ForceReportSummary>>> List(ForceReportQueries queries, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(user, cancellationToken));

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(
        string month, string format, ForceReportQueries queries, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!ForceReport.TryParseKey(month, out var first) || !Enum.TryParse<ForceReportFormat>(format, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            return NotFound($"'{month}.{format}' is not a month (yyyy-MM) with pdf or csv.");
        return await queries.FileAsync(first, kind, user, cancellationToken) is { } file
            ? TypedResults.File(file.Content, file.ContentType, file.FileName)
            : NotFound($"There is no force report for {month}.");
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such force report", detail: detail);
}
