using CaraPlatform.Domain.Training;
using CaraPlatform.Infrastructure.Hosting;
using CaraPlatform.Web.Features.Training.Contracts;
using CaraPlatform.Web.Portal.National;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.Training;

/// <summary>
/// The licence holder's training records: the course catalogue, completions and sign-offs, supervision, and the
/// competence contract scheduling asks (<see cref="IFacilitatorCompetence"/>).
/// </summary>
public static class TrainingModule
{
    private static readonly PlatformRole[] Readers = [PlatformRole.Trainer, PlatformRole.LicenceAdmin, PlatformRole.QualityAssurer];
    private static readonly PlatformRole[] Writers = [PlatformRole.Trainer, PlatformRole.LicenceAdmin];

    public static void AddTraining(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TrainingOptions>().Bind(builder.Configuration.GetSection(TrainingOptions.Section))
            .Validate(o => o.SupervisionCadenceMonths is > 0 and <= 24, $"{TrainingOptions.Section}:SupervisionCadenceMonths must be 1 to 24");
        services.AddScoped<IFacilitatorCompetence, FacilitatorCompetenceCheck>();
        services.AddOptions<TrainingReminderOptions>().Bind(builder.Configuration.GetSection(TrainingReminderOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedSingleton<TrainingReminderJob>();
        services.AddScoped<TrainingRecords>();
        services.AddScoped<TrainingImport>();
        services.AddScoped<TrainingEvents>();
        services.AddScoped<IStaffTraining, StaffTraining>();
        services.AddScoped<TenantStaffTraining>();
        services.AddAuthorizationBuilder().AddTenantPagePolicy(TenantStaffTraining.ViewerPolicy, TenantStaffTraining.Viewers);
        services.AddPortalLink(new("Staff training", "training", TenantStaffTraining.Viewers, 70));
        services.AddNationalLink(new NationalLink("Training", "training", Readers, 20,
            "Facilitators' training records and supervision, the course catalogue, training events and imports."));
    }

    public static void MapTraining(this RouteGroupBuilder nationalApi)
    {
        var training = nationalApi.MapGroup("/training").WithTags("Training");
        training.MapGet("/courses", Courses).WithName("ListTrainingCourses").WithSummary("The training catalogue")
            .WithDescription("Every course with its validity in months.").RequirePlatformApiAccess(ApiScopes.TrainingRead, Readers);
        training.MapPut("/courses/{course}", UpdateCourse).WithName("UpdateTrainingCourse").WithSummary("Rename a course or change its validity")
            .WithDescription("LicenceAdmin only. Records already made keep the expiry they were given.")
            .Validates<UpdateCourseRequest>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePlatformApiAccess(ApiScopes.TrainingWrite, PlatformRole.LicenceAdmin);

        training.MapPost("/records", Record).WithName("RecordTraining").WithSummary("Record a completed course")
            .WithDescription("Expires the course's validity after completedOn. Facilitator training counts for scheduling once a Trainer signs it off.")
            .Validates<RecordTrainingRequest>().Produces<TrainingRecordResponse>(StatusCodes.Status201Created)
            .RequirePlatformApiAccess(ApiScopes.TrainingWrite, Writers);
        training.MapPost("/records/{recordId:guid}/sign-off", SignOff).WithName("SignOffTraining").WithSummary("Sign a facilitator's competence off")
            .WithDescription("By a Trainer, today, optionally citing the workshop observed. 409 for a record that is not facilitator training or is already signed off.")
            .Validates<SignOffRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePlatformApiAccess(ApiScopes.TrainingWrite, PlatformRole.Trainer);
        training.MapPost("/supervisions", RecordSupervision).WithName("RecordSupervision").WithSummary("Record a supervision session")
            .WithDescription("The supervisor is the caller unless supervisorName is given. Notes are the licence holder's only.")
            .Validates<RecordSupervisionRequest>().Produces<SupervisionResponse>(StatusCodes.Status201Created)
            .RequirePlatformApiAccess(ApiScopes.TrainingWrite, Writers);

        training.MapGet("/people", People).WithName("ListTrainingPeople").WithSummary("People and where their facilitator training stands")
            .WithDescription("search matches email or name; without it, everyone with a training record. At most 100, by email.")
            .RequirePlatformApiAccess(ApiScopes.TrainingRead, Readers);
        training.MapGet("/people/{userId:guid}", Person).WithName("GetPersonTraining").WithSummary("A person's training record")
            .WithDescription("Training, supervision (with notes), when supervision is next due, and the competence gaps as of today.")
            .ProducesProblem(StatusCodes.Status404NotFound).RequirePlatformApiAccess(ApiScopes.TrainingRead, Readers);

        MapEvents(training);
        training.MapPost("/imports/dry-run", DryRun).WithName("DryRunTrainingImport").WithSummary("Check a CSV file of historic records")
            .WithDescription($"Header: {TrainingImport.Header}. Reports every bad row with its line and reason; writes nothing.")
            .Validates<ImportRequest>().RequirePlatformApiAccess(ApiScopes.TrainingWrite, Writers);
        training.MapPost("/imports", Import).WithName("ImportTraining").WithSummary("Import a CSV file of historic records, all or nothing")
            .WithDescription("201 with the counts when every row is good; otherwise 422 with problems[] (line, reason) and nothing imported.")
            .Validates<ImportRequest>().Produces<ImportReport>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequirePlatformApiAccess(ApiScopes.TrainingWrite, Writers);
    }

    private static void MapEvents(RouteGroupBuilder training)
    {
        var events = training.MapGroup("/events");
        events.MapGet("/", ListEvents).WithName("ListTrainingEvents").WithSummary("Training events not yet over")
            .WithDescription("Not cancelled, soonest first, with places enrolled and nominations waiting.").RequirePlatformApiAccess(ApiScopes.TrainingRead, Readers);
        events.MapPost("/", ScheduleEvent).WithName("ScheduleTrainingEvent").WithSummary("Schedule a training event")
            .WithDescription("Led by a person with the Trainer role; at a venue, or remote when venue is omitted.")
            .Validates<ScheduleEventRequest>().Produces<EventResponse>(StatusCodes.Status201Created).RequirePlatformApiAccess(ApiScopes.TrainingWrite, Writers);
        events.MapGet("/{eventId:guid}", GetEvent).WithName("GetTrainingEvent").WithSummary("A training event and its list")
            .WithDescription("Everyone enrolled, nominated or declined, with their services and attendance.")
            .ProducesProblem(StatusCodes.Status404NotFound).RequirePlatformApiAccess(ApiScopes.TrainingRead, Readers);
        events.MapPost("/{eventId:guid}/cancel", CancelEvent).WithName("CancelTrainingEvent").WithSummary("Cancel a training event")
            .WithDescription("409 once cancelled or completed.").Validates<CancelEventRequest>().ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePlatformApiAccess(ApiScopes.TrainingWrite, Writers);
        events.MapPost("/{eventId:guid}/attendees", Enrol).WithName("EnrolOnTrainingEvent").WithSummary("Enrol a person of any service")
            .WithDescription("409 when the event is full.").Validates<EnrolRequest>().ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePlatformApiAccess(ApiScopes.TrainingWrite, Writers);
        events.MapPost("/{eventId:guid}/nominations/{userId:guid}/decision", Decide).WithName("DecideTrainingNomination")
            .WithSummary("Accept or decline a coordinator's nomination").WithDescription("By a Trainer. Accepting enrols the person (409 when full).")
            .Validates<NominationDecisionRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePlatformApiAccess(ApiScopes.TrainingWrite, PlatformRole.Trainer);
        events.MapPut("/{eventId:guid}/attendance", RecordAttendance).WithName("RecordTrainingAttendance").WithSummary("Record who attended")
            .WithDescription("From the first day; every enrolled person not listed was absent.")
            .Validates<AttendanceRequest>().ProducesProblem(StatusCodes.Status409Conflict).RequirePlatformApiAccess(ApiScopes.TrainingWrite, Writers);
        events.MapPost("/{eventId:guid}/complete", Complete).WithName("CompleteTrainingEvent").WithSummary("Complete the event")
            .WithDescription("On or after its last day, with attendance taken: each person who attended gets the course's record (facilitator training then awaits a Trainer's sign-off).")
            .ProducesProblem(StatusCodes.Status409Conflict).RequirePlatformApiAccess(ApiScopes.TrainingWrite, Writers);
    }

    private static async Task<Ok<IReadOnlyList<EventResponse>>> ListEvents(TrainingEvents events, CancellationToken cancellationToken) =>
        TypedResults.Ok(await events.ListAsync(null, cancellationToken));

    private static async Task<Created<EventResponse>> ScheduleEvent(
        ScheduleEventRequest request, TrainingEvents events, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var scheduled = await events.ScheduleAsync(request, caller.PersonId()!.Value, cancellationToken);
        return TypedResults.Created($"/api/v1/national/training/events/{scheduled.Id}", scheduled);
    }

    private static async Task<Results<Ok<EventDetailResponse>, ProblemHttpResult>> GetEvent(Guid eventId, TrainingEvents events, CancellationToken cancellationToken) =>
        await events.GetAsync(eventId, cancellationToken) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Training event not found");

    private static async Task<Ok<EventResponse>> CancelEvent(
        Guid eventId, CancelEventRequest request, TrainingEvents events, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await events.CancelAsync(eventId, request, caller.PersonId()!.Value, cancellationToken));

    private static async Task<Ok<EventDetailResponse>> Enrol(
        Guid eventId, EnrolRequest request, TrainingEvents events, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await events.EnrolAsync(eventId, request.UserId!.Value, caller.PersonId()!.Value, cancellationToken));

    private static async Task<Ok<EventDetailResponse>> Decide(
        Guid eventId, Guid userId, NominationDecisionRequest request, TrainingEvents events, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await events.DecideAsync(eventId, userId, request.Accept!.Value, caller.PersonId()!.Value, cancellationToken));

    private static async Task<Ok<EventDetailResponse>> RecordAttendance(
        Guid eventId, AttendanceRequest request, TrainingEvents events, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await events.RecordAttendanceAsync(eventId, request.Attended!, caller.PersonId()!.Value, cancellationToken));

    private static async Task<Ok<EventDetailResponse>> Complete(Guid eventId, TrainingEvents events, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await events.CompleteAsync(eventId, caller.PersonId()!.Value, cancellationToken));

    private static async Task<Ok<ImportReport>> DryRun(ImportRequest request, TrainingImport import, CancellationToken cancellationToken) =>
        TypedResults.Ok(await import.DryRunAsync(request, cancellationToken));

    private static async Task<Results<Created<ImportReport>, ProblemHttpResult>> Import(
        ImportRequest request, TrainingImport import, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var report = await import.ImportAsync(request, caller.PersonId()!.Value, cancellationToken);
        return report.CanImport
            ? TypedResults.Created("/api/v1/national/training/people", report)
            : TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing was imported: the file has bad rows",
                extensions: new Dictionary<string, object?> { ["problems"] = report.Problems });
    }

    private static async Task<Ok<IReadOnlyList<CourseResponse>>> Courses(TrainingRecords records, CancellationToken cancellationToken) =>
        TypedResults.Ok(await records.CoursesAsync(cancellationToken));

    private static async Task<Ok<CourseResponse>> UpdateCourse(
        TrainingCourseKind course, UpdateCourseRequest request, TrainingRecords records, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await records.UpdateCourseAsync(course, request, caller.PersonId()!.Value, cancellationToken));

    private static async Task<Created<TrainingRecordResponse>> Record(
        RecordTrainingRequest request, TrainingRecords records, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var record = await records.RecordAsync(request, caller.PersonId()!.Value, cancellationToken);
        return TypedResults.Created($"/api/v1/national/training/people/{record.UserId}", record);
    }

    private static async Task<Ok<TrainingRecordResponse>> SignOff(
        Guid recordId, SignOffRequest request, TrainingRecords records, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await records.SignOffAsync(recordId, request, caller.PersonId()!.Value, cancellationToken));

    private static async Task<Created<SupervisionResponse>> RecordSupervision(
        RecordSupervisionRequest request, TrainingRecords records, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var session = await records.RecordSupervisionAsync(request, caller.PersonId()!.Value, cancellationToken);
        return TypedResults.Created($"/api/v1/national/training/people/{session.UserId}", session);
    }

    private static async Task<Ok<IReadOnlyList<PersonSummaryResponse>>> People(string? search, TrainingRecords records, CancellationToken cancellationToken) =>
        TypedResults.Ok(await records.PeopleAsync(search, cancellationToken));

    private static async Task<Results<Ok<PersonTrainingResponse>, ProblemHttpResult>> Person(Guid userId, TrainingRecords records, CancellationToken cancellationToken) =>
        await records.PersonAsync(userId, cancellationToken) is { } person
            ? TypedResults.Ok(person)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Person not found");
}
