using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.Referrals.Contracts;
using CaraPlatform.Web.Features.Workshops.Contracts;
using CaraPlatform.Web.Platform.DataProtection;
using CaraPlatform.Web.Portal.Home;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>
/// The workshops module: course runs, bookings, registers and feedback, and the booking letter, through the API and
/// the portal pages (Pages/) alike. Refusals name the field and the rule; a full run, a mismatch or an illegal
/// referral state is 409 with the reasons; the register is for the run's own facilitators only (403).
/// </summary>
public static class WorkshopsModule
{
    public static void AddWorkshops(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<RunHandler>();
        services.AddScopedWithContract<BookingHandler, IReferralBookings>();
        services.AddScoped<IParticipantFacilitators>(provider => provider.GetRequiredService<BookingHandler>());
        services.AddScoped<RegisterHandler>();
        services.AddScoped<IPersonalDataEraser, WorkshopEraser>();
        services.AddScoped<LetterHandler>();
        services.AddScoped<ISubjectAccessSource, WorkshopSubjectAccess>();
        services.AddAuthorizationBuilder()
            .AddTenantPagePolicy(WorkshopAccess.PlannerPolicy, WorkshopAccess.Planners)
            .AddTenantPagePolicy(WorkshopAccess.FacilitatorPolicy, WorkshopAccess.Facilitators);
        services.AddPortalLink(new("Course runs", "runs", WorkshopAccess.Planners, 30));
        services.AddPortalLink(new("My workshops", "my-workshops", WorkshopAccess.Facilitators, 40));
        services.AddHomeWork<WorkshopHomeWork>();
    }

    public static void MapWorkshops(this RouteGroupBuilder tenantApi)
    {
        var runs = tenantApi.MapGroup("/runs").WithTags("Workshops");
        runs.MapGet("/", List).WithName("ListRuns").WithSummary("List course runs with seats left")
            .WithDescription("By Workshop 1 date. from/to filter Workshop 1's date; fitsReferralId keeps only runs that referral can be booked on now " +
                "(cohort, language, deadline, seats); mine=true keeps the caller's own runs as facilitator.")
            .RequireTenantApiAccess(ApiScopes.WorkshopsRead, WorkshopAccess.RunReaders);
        runs.MapGet("/{runId:guid}", Get).WithName("GetRun").WithSummary("Get a course run")
            .WithDescription("Dates, place, facilitators and seats left. 404 when the tenant has no such run.")
            .ProducesProblem(StatusCodes.Status404NotFound).RequireTenantApiAccess(ApiScopes.WorkshopsRead, WorkshopAccess.RunReaders);
        runs.MapPost("/", Schedule).WithName("ScheduleRun").WithSummary("Schedule a course run")
            .WithDescription("Workshop 2 the tenant's 28–35 days after Workshop 1; two different facilitators of the tenant; capacity at most 12. " +
                "409 with facilitators[] (id, name, gaps[] of code and message) when a facilitator's training is missing, not signed off or expires " +
                "before Workshop 2, or their supervision is overdue.")
            .Validates<ScheduleRunRequest>().Produces<RunResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.WorkshopsWrite, WorkshopAccess.Planners);
        runs.MapPut("/{runId:guid}", Update).WithName("UpdateRun").WithSummary("Change a course run before it starts")
            .WithDescription("Booked participants get a timeline note; those whose deadline the new dates miss are unbooked for re-booking. " +
                "Facilitators it brings onto the run, and all of them when the dates move, are checked as when scheduling (409 with facilitators[]).")
            .Validates<UpdateRunRequest>().ProducesProblem(StatusCodes.Status409Conflict).RequireTenantApiAccess(ApiScopes.WorkshopsWrite, WorkshopAccess.Planners);
        runs.MapPost("/{runId:guid}/cancel", Cancel).WithName("CancelRun").WithSummary("Cancel a course run")
            .WithDescription("Every booking ends; each referral goes back to Eligible for a new run, and the police are told where the deadline is at risk.")
            .Validates<CancelRequest>().ProducesProblem(StatusCodes.Status409Conflict).RequireTenantApiAccess(ApiScopes.WorkshopsWrite, WorkshopAccess.Planners);

        runs.MapGet("/{runId:guid}/bookings", RunBookings).WithName("ListRunBookings").WithSummary("The run's participants")
            .WithDescription("Every booking on the run in booking order, with each workshop's mark. Facilitators see only their own runs' (403).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireTenantApiAccess(ApiScopes.WorkshopsRead, WorkshopAccess.RunReaders);
        runs.MapPost("/{runId:guid}/bookings", Book).WithName("BookReferral").WithSummary("Book an eligible referral onto the run")
            .WithDescription("409 with refusals[] (code and message) when the run is full or does not fit (cohort, language, deadline) or the referral is not Eligible. " +
                "The referral moves to Booked and the police get a booked notice with the dates.")
            .Validates<BookRequest>().Produces<BookingResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.WorkshopsWrite, WorkshopAccess.Planners);

        runs.MapGet("/{runId:guid}/workshops/{workshop}/register", GetRegister).WithName("GetRegister").WithSummary("A workshop's register")
            .WithDescription("recorded=false until a facilitator records it. Facilitators see only their own runs' registers (403).")
            .ProducesProblem(StatusCodes.Status403Forbidden).RequireTenantApiAccess(ApiScopes.WorkshopsRead, WorkshopAccess.RunReaders);
        runs.MapPut("/{runId:guid}/workshops/{workshop}/register", RecordRegister).WithName("RecordRegister").WithSummary("Record a workshop's register")
            .WithDescription("By a facilitator of the run (403 otherwise), once the workshop has started (409 before), every booked participant marked " +
                "Attended, LateRefusedEntry or Absent. Workshop 2 attended completes the referral; late or absent makes it non-compliant; the police are told.")
            .Validates<RecordRegisterRequest>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.OutcomesWrite, WorkshopAccess.Facilitators);
        runs.MapGet("/{runId:guid}/feedback/questions", FeedbackQuestions).WithName("GetFeedbackQuestions").WithSummary("The feedback questionnaire")
            .WithDescription("The tenant's questions at the stage (PreCourse, or PostCourse by default), or the programme's defaults, each answered 1 to 5.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireTenantApiAccess(ApiScopes.WorkshopsRead, WorkshopAccess.RunReaders);
        runs.MapPost("/{runId:guid}/feedback", RecordFeedback).WithName("RecordFeedback").WithSummary("Record a participant's feedback")
            .WithDescription("By a facilitator of the run. PreCourse: at the start of Workshop 1, for a participant booked on the run (409 before it " +
                "starts). PostCourse (the default): at the end of Workshop 2, for a participant who completed. Once per referral and stage (409). " +
                "Never sent to the police.")
            .Validates<RecordFeedbackRequest>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.OutcomesWrite, WorkshopAccess.Facilitators);

        var bookings = tenantApi.MapGroup("/bookings").WithTags("Workshops");
        bookings.MapPost("/{bookingId:guid}/cancel", CancelBooking).WithName("CancelBooking").WithSummary("Cancel a booking")
            .WithDescription("The referral goes back to Eligible for a new run (both workshops again).")
            .Validates<CancelRequest>().ProducesProblem(StatusCodes.Status409Conflict).RequireTenantApiAccess(ApiScopes.WorkshopsWrite, WorkshopAccess.Planners);

        bookings.MapGet("/{bookingId:guid}/letter", Letter).WithName("GetBookingLetter").WithSummary("The offender's booking confirmation letter (PDF)")
            .WithDescription("Dates, times, venue address or (for a confirmed remote booking) the meeting link, what to bring, and that late arrivals are refused entry. Holds nothing about the victim.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound)
            .RequireTenantApiAccess(ApiScopes.WorkshopsRead, WorkshopAccess.Planners);

        tenantApi.MapGet("/referrals/{referralId:guid}/bookings", ReferralBookings).WithTags("Referrals").WithName("ListReferralBookings")
            .WithSummary("The referral's bookings and attendance")
            .WithDescription("Every run the referral was booked on, newest first, with each workshop's mark: what the SPOC follows. " +
                "A facilitator reads only the participants of their own runs, a SPOC only the referrals of their forces (404 for others). " +
                "The police (ForceSpoc-only people, integration clients) get no cancelReason, which is the provider's own words.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireTenantApiAccess(ApiScopes.ReferralsRead, WorkshopAccess.ReferralFollowers);
    }

    /// <param name="from">Workshop 1 on or after this date.</param>
    /// <param name="to">Workshop 1 on or before this date.</param>
    /// <param name="fitsReferralId">Only runs this referral can be booked on now.</param>
    /// <param name="mine">Only runs the caller facilitates.</param>
    /// <param name="includeCancelled">Also cancelled runs.</param>
    /// <param name="runs">Run handler.</param>
    /// <param name="user">Caller.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Ok<List<RunResponse>>> List(
        RunHandler runs, ClaimsPrincipal user, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null,
        Guid? fitsReferralId = null, bool mine = false, bool includeCancelled = false) =>
        TypedResults.Ok(fitsReferralId is { } referralId
            ? await runs.ThatFitAsync(referralId, cancellationToken)
            : await runs.ListAsync(new RunFilter(from, to, mine ? user.PersonId() ?? Guid.Empty : null, includeCancelled), cancellationToken));

    private static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> Get(Guid runId, RunHandler runs, CancellationToken cancellationToken) =>
        await runs.FindAsync(runId, cancellationToken) is { } run
            ? TypedResults.Ok(run)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Run not found");

    private static async Task<CreatedAtRoute<RunResponse>> Schedule(ScheduleRunRequest request, RunHandler runs, CancellationToken cancellationToken)
    {
        var run = await runs.ScheduleAsync(request, cancellationToken);
        return TypedResults.CreatedAtRoute(run, "GetRun", new { runId = run.Id });
    }

    private static async Task<Ok<RunResponse>> Update(
        Guid runId, UpdateRunRequest request, ClaimsPrincipal user, RunHandler runs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runs.UpdateAsync(runId, request, user, cancellationToken));

    private static async Task<Ok<RunResponse>> Cancel(
        Guid runId, CancelRequest request, ClaimsPrincipal user, RunHandler runs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runs.CancelAsync(runId, request.Reason!, request.Version!.Value, user, cancellationToken));

    private static async Task<Ok<List<BookingResponse>>> RunBookings(
        Guid runId, ClaimsPrincipal user, BookingHandler bookings, AuditTrail audit, IMultiTenantContextAccessor<CaraTenantInfo> tenants,
        CancellationToken cancellationToken)
    {
        var participants = await bookings.OfRunAsync(runId, user, cancellationToken);
        await audit.RecordAsync(AuditEntries.By(user, AuditActions.BookingsListed, tenants.Current().TenantId, AuditEntries.Run(runId),
            $"{participants.Count} participants"), cancellationToken);
        return TypedResults.Ok(participants);
    }

    private static async Task<CreatedAtRoute<BookingResponse>> Book(
        Guid runId, BookRequest request, ClaimsPrincipal user, BookingHandler bookings, CancellationToken cancellationToken)
    {
        var booking = await bookings.BookAsync(runId, request.ReferralId!.Value, user, cancellationToken);
        return TypedResults.CreatedAtRoute(booking, "ListReferralBookings", new { referralId = booking.ReferralId });
    }

    private static async Task<Ok<BookingResponse>> CancelBooking(
        Guid bookingId, CancelRequest request, ClaimsPrincipal user, BookingHandler bookings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await bookings.CancelAsync(bookingId, request.Reason!, request.Version!.Value, user, cancellationToken));

    private static async Task<FileContentHttpResult> Letter(Guid bookingId, LetterHandler letters, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (pdf, fileName) = await letters.LetterAsync(bookingId, user, cancellationToken);
        return TypedResults.File(pdf, "application/pdf", fileName);
    }

    private static async Task<Results<Ok<List<BookingResponse>>, ProblemHttpResult>> ReferralBookings(
        Guid referralId, ClaimsPrincipal user, BookingHandler bookings, IReferralReach referrals, AuditTrail audit,
        IMultiTenantContextAccessor<CaraTenantInfo> tenants, CancellationToken cancellationToken)
    {
        if (!await referrals.CanReadAsync(referralId, user, cancellationToken))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Referral not found");
        var found = await bookings.OfReferralAsync(referralId, cancellationToken);
        await audit.RecordAsync(AuditEntries.By(user, AuditActions.BookingsListed, tenants.Current().TenantId, AuditEntries.Referral(referralId),
            $"{found.Count} bookings"), cancellationToken);
        return TypedResults.Ok(await referrals.ReadsAsPoliceAsync(user, cancellationToken) ? found.ConvertAll(b => b.ForPolice()) : found);
    }

    /// <summary>Audited here rather than in the handler, since the register's page reads it with the participants and audits the two as one view.</summary>
    private static async Task<Ok<RegisterResponse>> GetRegister(
        Guid runId, WorkshopNumber workshop, ClaimsPrincipal user, RegisterHandler registers, AuditTrail audit,
        IMultiTenantContextAccessor<CaraTenantInfo> tenants, CancellationToken cancellationToken)
    {
        var register = await registers.GetAsync(runId, workshop, user, cancellationToken);
        await audit.RecordAsync(AuditEntries.By(user, AuditActions.RegisterViewed, tenants.Current().TenantId, AuditEntries.Run(runId),
            $"{workshop} register, {register.Entries.Count} entries"), cancellationToken);
        return TypedResults.Ok(register);
    }

    private static async Task<Ok<RegisterResponse>> RecordRegister(
        Guid runId, WorkshopNumber workshop, RecordRegisterRequest request, ClaimsPrincipal user, RegisterHandler registers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registers.RecordAsync(runId, workshop, request.Entries!, user, cancellationToken));

    private static async Task<Ok<FeedbackQuestionsResponse>> FeedbackQuestions(
        Guid runId, RegisterHandler registers, CancellationToken cancellationToken, FeedbackStage stage = FeedbackStage.PostCourse) =>
        TypedResults.Ok(await registers.FeedbackQuestionsAsync(runId, stage, cancellationToken));

    private static async Task<NoContent> RecordFeedback(
        Guid runId, RecordFeedbackRequest request, ClaimsPrincipal user, RegisterHandler registers, CancellationToken cancellationToken)
    {
        await registers.RecordFeedbackAsync(runId, request.ReferralId!.Value, request.Stage ?? FeedbackStage.PostCourse, request.Answers!, user, cancellationToken);
        return TypedResults.NoContent();
    }
}
