using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Infrastructure.Events;
using CaraPlatform.Web.Features.National.Contracts;
using CaraPlatform.Web.Features.National.Exports;
using CaraPlatform.Web.Features.National.Measures;
using CaraPlatform.Web.Portal.National;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.National;

/// <summary>Who reads the national data: Analyst and LicenceAdmin (and national integration clients holding <c>national.read</c>).</summary>
public static class NationalDataAccess
{
    public static readonly PlatformRole[] Readers = [PlatformRole.Analyst, PlatformRole.LicenceAdmin];
}

/// <summary>
/// The national module: the only cross-tenant code (DESIGN.md §4). A pseudonymised read model in schema <c>national</c>,
/// fed by every tenant's event stream (<see cref="NationalFeed"/>), the measures computed from it, and the views,
/// exports and reports that show them, every one suppressed.
/// </summary>
public static class NationalModule
{
    public static void AddNational(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddTenantEventConsumer<NationalFeed>();
        services.AddScoped<NationalReadModel>();
        services.AddScoped<NationalData>();

        // The read model's feed: projections of referral and run events, pseudonyms, and the rebuild.
        services.AddSingleton(provider => new Pseudonyms(PseudonymKey.Load(builder.Configuration, builder.Environment)));
        services.AddNationalProjection<NationalReferralProjection>();
        services.AddNationalProjection<NationalRunProjection>();
        services.AddScoped<NationalRebuild>();
        services.AddSingleton<IHostCommand, RebuildNationalCommand>();

        // The headline measures (issue 14, part 2): referrals, the funnel, timeliness, compliance, repeats.
        services.AddNationalMeasure<ReferralsByMonth>();
        services.AddNationalMeasure<ReferralsByOffenceType>();
        services.AddNationalMeasure<ReferralsByDashLevel>();
        services.AddNationalMeasure<ReferralsByRelationship>();
        services.AddNationalMeasure<ReferralsBySex>();
        services.AddNationalMeasure<ReferralsByAgeBand>();
        services.AddNationalMeasure<ReferralsByEthnicity>();
        services.AddNationalMeasure<ReferralsByLanguage>();
        services.AddNationalMeasure<RepeatReferrals>();
        services.AddNationalMeasure<ReferralFunnel>();
        services.AddNationalMeasure<EligibilityReturns>();
        services.AddNationalMeasure<EligibilityReturnReasons>();
        services.AddNationalMeasure<ForceComparison>();
        services.AddNationalMeasure<FirstContactDistribution>();
        services.AddNationalMeasure<FirstContactByForce>();
        services.AddNationalMeasure<DaysToWorkshops>();
        services.AddNationalMeasure<ComplianceByForce>();
        services.AddNationalMeasure<BreachesByReason>();

        // Outcomes from the police (issue 14, part 3): follow-ups into national.outcomes, reoffending rates by group.
        services.AddNationalProjection<OutcomeProjection>();
        services.AddScoped<OutcomeFollowUps>();
        services.AddNationalMeasure<ReoffendingRates>();
        services.AddNationalMeasure<HarmWeightedReoffending>();
        services.AddOptions<HarmWeightOptions>().Bind(builder.Configuration.GetSection(HarmWeightOptions.Section))
            .Validate(o => !o.Faults().Any(), $"{HarmWeightOptions.Section} names a type that is not a reoffence type, or a negative weight.")
            .ValidateOnStart();

        // Force reports (issue 14 part 6): a tenant's own figures, through a contract.
        services.AddScoped<ITenantFigures, TenantFigures>();
        services.AddScoped<IRunFacts, ObservableRuns>();

        // Questionnaires and victims' voices: answers before and after the course, victim-reported change, signposting.
        services.AddNationalProjection<NationalVoicesProjection>();
        services.AddNationalMeasure<QuestionnaireAnswersMeasure>();
        services.AddNationalMeasure<VictimReportedChangeMeasure>();
        services.AddNationalMeasure<SignpostingMeasure>();

        // The dashboard (charts, exports, "Export everything" jobs) and its two measures: referral trends, run fill rate.
        services.AddScoped<NationalChoicesQuery>();
        services.AddNationalMeasure<ReferralTrendsMeasure>();
        services.AddNationalMeasure<RunFillRateMeasure>();
        services.AddScoped<NationalExports>();
        services.AddOptions<NationalExportOptions>().Bind(builder.Configuration.GetSection(NationalExportOptions.Section));
        services.AddSingleton<NationalExportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<NationalExportWorker>());
        services.AddNationalLink(new NationalLink("National data", "data", NationalDataAccess.Readers, 60,
            "The programme's figures across every service, as charts and tables, with CSV and Excel downloads."));
    }

    /// <summary>Registers a table of the national data (see <see cref="INationalMeasure"/>).</summary>
    public static IServiceCollection AddNationalMeasure<TMeasure>(this IServiceCollection services)
        where TMeasure : class, INationalMeasure => services.AddScoped<INationalMeasure, TMeasure>();

    /// <summary>Registers a writer of the read model (see <see cref="INationalProjection"/>).</summary>
    public static IServiceCollection AddNationalProjection<TProjection>(this IServiceCollection services)
        where TProjection : class, INationalProjection => services.AddSingleton<INationalProjection, TProjection>();

    public static void MapNational(this RouteGroupBuilder nationalApi)
    {
        var data = nationalApi.MapGroup("/data").WithTags("National data")
            .RequirePlatformApiAccess(ApiScopes.NationalRead, NationalDataAccess.Readers);
        data.MapGet("/", List).WithName("ListNationalTables").WithSummary("The national tables: id, title and dashboard section")
            .WithDescription("The tables GET /api/v1/national/data/{tableId} answers, each with its id, title and dashboard section.");
        data.MapGet("/{tableId}", Table).WithName("GetNationalTable").WithSummary("One national table for a filter, suppressed")
            .WithDescription("""
                Figures from the pseudonymised national read model. Every cell resting on fewer than 5 people reads "<5" and has
                no value, and so does any cell that would give one away through a total. Filters: tenant (slug), force (code),
                from and to (any day of the first and last month of referral), cohort (IpvMale, IpvFemale, NonIpvMale), language.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound);
        data.MapGet("/{tableId}.{format}", Export).WithName("ExportNationalTable").WithSummary("One national table for a filter, suppressed, as CSV or XLSX")
            .WithDescription("The table of GET /data/{tableId} as a file (format csv or xlsx): a suppressed cell reads \"<5\", a cell where nothing applies is empty.")
            .Produces(StatusCodes.Status200OK, contentType: NationalExport.CsvType)
            .Produces(StatusCodes.Status200OK, contentType: NationalExport.XlsxType)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(
        string tableId, string format, NationalExports exports, CancellationToken cancellationToken,
        string? tenant = null, string? force = null, DateOnly? from = null, DateOnly? to = null, Cohort? cohort = null, string? language = null)
    {
        if (!Enum.TryParse<ExportFormat>(format, ignoreCase: true, out var fileFormat) || !Enum.IsDefined(fileFormat))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such format", detail: $"'{format}' is not csv or xlsx.");
        var filter = new NationalFilter(tenant, force, from, to, cohort, language);
        return await exports.TableAsync(tableId, filter, fileFormat, cancellationToken) is { } file
            ? TypedResults.File(file.Content, file.ContentType, file.FileName)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such national table", detail: $"'{tableId}' is not a national table.");
    }

    private static Ok<List<NationalTableSummary>> List(NationalData data) =>
        TypedResults.Ok(data.Measures.Select(m => new NationalTableSummary(m.Id, m.Title, m.Section)).ToList());

    private static async Task<Results<Ok<NationalTableResponse>, ProblemHttpResult>> Table(
        string tableId, NationalData data, CancellationToken cancellationToken,
        string? tenant = null, string? force = null, DateOnly? from = null, DateOnly? to = null, Cohort? cohort = null, string? language = null)
    {
        var filter = new NationalFilter(tenant, force, from, to, cohort, language);
        return await data.TableAsync(tableId, filter, cancellationToken) is { } table
            ? TypedResults.Ok(NationalTableResponse.From(table))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such national table", detail: $"'{tableId}' is not a national table.");
    }
}
