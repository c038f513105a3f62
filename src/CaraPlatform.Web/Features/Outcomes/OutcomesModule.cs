using CaraPlatform.Domain.Outcomes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.Outcomes;

/// <summary>
/// The police's reoffending follow-ups (issue 14, part 3): 6 and 12 months after a referral, and for the comparison
/// group of people found eligible but not referred, by the API or a CSV upload. Each new or changed follow-up raises
/// <see cref="OutcomeRecorded"/>, which the national model learns of (and the police notices ignore).
/// </summary>
public static class OutcomesModule
{
    public static void AddOutcomes(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<OutcomeRecorder>();
        services.AddAuthorizationBuilder().AddTenantPagePolicy(OutcomeAccess.RecordersPolicy, OutcomeAccess.Recorders);
        services.AddPortalLink(new("Outcomes", "outcomes", OutcomeAccess.Recorders, 55));
    }

    public static void MapOutcomes(this RouteGroupBuilder tenantApi)
    {
        var outcomes = tenantApi.MapGroup("/outcomes").WithTags("Outcomes");
        outcomes.MapPut("/{policeReference}/{months:int}", Record).WithName("RecordOutcome")
            .WithSummary("Record the reoffending follow-up of a person for 6 or 12 months")
            .WithDescription("""
                By police reference (URL-encoded: 44%2F12345%2F26) and window. The same findings again change nothing (change:
                Unchanged, no event); new findings replace the old. 422 names the field: an unknown police reference without
                cohort EligibleNotReferred, months other than 6 or 12, an offence before the referral or outside the window, an
                unknown offence type.
                """)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireTenantApiAccess(ApiScopes.OutcomesWrite, OutcomeAccess.Recorders);
        outcomes.MapPost("/imports", Import).WithName("ImportOutcomes").WithSummary("Record a CSV file of follow-ups, all or nothing")
            .WithDescription($"Header: {OutcomeCsv.Header}. 200 with the counts new, changed and unchanged; otherwise 422 with problems[] (line, field, message) and nothing recorded.")
            .Validates<OutcomeImportRequest>().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireTenantApiAccess(ApiScopes.OutcomesWrite, OutcomeAccess.Recorders);
    }

    private static async Task<Ok<OutcomeResponse>> Record(
        string policeReference, int months, RecordOutcomeRequest request, OutcomeRecorder recorder, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        // A slash in a route value stays encoded (%2F); references hold slashes.
        TypedResults.Ok(await recorder.RecordAsync(Uri.UnescapeDataString(policeReference), months, request, user, cancellationToken));

    private static async Task<Results<Ok<OutcomeImportResult>, ProblemHttpResult>> Import(
        OutcomeImportRequest request, OutcomeRecorder recorder, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (result, problems) = await recorder.ImportAsync(request.Csv!, user, cancellationToken);
        return result is not null
            ? TypedResults.Ok(result)
            : TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The file has faults: nothing was recorded",
                extensions: new Dictionary<string, object?> { ["problems"] = problems });
    }
}
