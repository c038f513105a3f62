using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.AuditLog;

/// <summary>
/// The audit log module: the tenant's provider admins and data protection officers search the audit trail by person,
/// subject, date and action, and export it as CSV, through the API (<c>…/audit-events</c>, scope <c>audit.read</c>,
/// people only) and the page <c>/t/{tenant}/audit</c> alike.
/// </summary>
public static class AuditLogModule
{
    public static void AddAuditLog(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<AuditLogQueries>();
        services.AddAuthorizationBuilder().AddTenantPagePolicy(AuditLogAccess.ReaderPolicy, AuditLogAccess.Readers);
        services.AddPortalLink(new("Audit log", "audit", AuditLogAccess.Readers, 85));
    }

    public static void MapAuditLog(this RouteGroupBuilder tenantApi)
    {
        var events = tenantApi.MapGroup("").WithTags("Audit log").RequireTenantApiAccess(ApiScopes.AuditRead, AuditLogAccess.Readers);
        events.MapGet("/audit-events", Search).WithName("SearchAuditEvents").WithSummary("Search the tenant's audit log")
            .WithDescription("Newest first. Filters: person (email, or an integration client's id), subject (a police reference, a referral id " +
                "for its offender's and victim's records, or a subject as written), from/to (UK dates, inclusive), action. Pass nextCursor " +
                "as cursor for the next page. Each search is itself audited.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        events.MapGet("/audit-events.csv", Export).WithName("ExportAuditEvents").WithSummary("Export the tenant's audit log as CSV")
            .WithDescription("Every event matching the same filters as the search, newest first. The export is itself audited.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Ok<AuditLogPage>, ValidationProblem>> Search(
        AuditLogQueries queries, ClaimsPrincipal user, CancellationToken cancellationToken, string? person = null, string? subject = null,
        DateOnly? from = null, DateOnly? to = null, string? action = null, string? cursor = null, int limit = AuditLogQuery.DefaultLimit)
    {
        if (limit is < 1 or > AuditLogQuery.MaxLimit)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"'limit' must be between 1 and {AuditLogQuery.MaxLimit}."] });
        if (from > to)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["'to' must not be before 'from'."] });
        return TypedResults.Ok(await queries.SearchAsync(new AuditLogQuery(person, subject, from, to, action, cursor, limit), user, cancellationToken));
    }

    private static Results<PushStreamHttpResult, ValidationProblem> Export(
        AuditLogQueries queries, ClaimsPrincipal user, IMultiTenantContextAccessor<CaraTenantInfo> tenants, CancellationToken cancellationToken, string? person = null,
        string? subject = null, DateOnly? from = null, DateOnly? to = null, string? action = null)
    {
        if (from > to)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["'to' must not be before 'from'."] });
        var query = new AuditLogQuery(person, subject, from, to, action);
        return TypedResults.Stream(
            async stream =>
            {
                await using var csv = new StreamWriter(stream, new UTF8Encoding(false));
                await queries.ExportCsvAsync(query, user, csv, cancellationToken);
            },
            "text/csv", AuditLogCsv.FileName(tenants.Current().Identifier));
    }
}
