using System.Security.Claims;
using CaraPlatform.Domain.Access;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Infrastructure.Tenancy;
using CaraPlatform.Tenancy;
using CaraPlatform.Web.Platform;
using CaraPlatform.Web.Platform.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>
/// Course runs, bookings, registers and feedback. Refusals name the field and the rule; a full run, a mismatch or
/// an illegal referral state is 409 with the reasons; the register is for the run's own facilitators only (403).
/// </summary>
public static class WorkshopEndpoints
{
    private static readonly TenantRole[] Planners = [TenantRole.Coordinator, TenantRole.ProviderAdmin];
    private static readonly TenantRole[] RunReaders = [TenantRole.Coordinator, TenantRole.ProviderAdmin, TenantRole.Facilitator];

    public static void MapWorkshops(this RouteGroupBuilder tenantApi)
    {
        var runs = tenantApi.MapGroup("/runs").WithTags("Workshops");
        runs.MapGet("/", List).WithName("ListRuns").WithSummary("List course runs with seats left")
            .WithDescription("By Workshop 1 date. from/to filter Workshop 1's date; fitsReferralId keeps only runs that referral can be booked on now " +
                "(cohort, language, deadline, seats); mine=true keeps the caller's own runs as facilitator.")
            .RequireTenantApiAccess(ApiScopes.WorkshopsRead, RunReaders);
        runs.MapGet("/{runId:guid}", Get).WithName("GetRun").WithSummary("Get a course run")
            .WithDescription("Dates, place, facilitators and seats left. 404 when the tenant has no such run.")
            .ProducesProblem(StatusCodes.Status404NotFound).RequireTenantApiAccess(ApiScopes.WorkshopsRead, RunReaders);
        runs.MapPost("/", Schedule).WithName("ScheduleRun").WithSummary("Schedule a course run")
            .WithDescription("Workshop 2 the tenant's 28–35 days after Workshop 1; two different facilitators of the tenant; capacity at most 12.")
            .Validates<ScheduleRunRequest>().Produces<RunResponse>(StatusCodes.Status201Created)
            .RequireTenantApiAccess(ApiScopes.WorkshopsWrite, Planners);
        runs.MapPut("/{runId:guid}", Update).WithName("UpdateRun").WithSummary("Change a course run before it starts")
            .WithDescription("Booked participants get a timeline note; those whose deadline the new dates miss are unbooked for re-booking.")
            .Validates<UpdateRunRequest>().ProducesProblem(StatusCodes.Status409Conflict).RequireTenantApiAccess(ApiScopes.WorkshopsWrite, Planners);
        runs.MapPost("/{runId:guid}/cancel", Cancel).WithName("CancelRun").WithSummary("Cancel a course run")
            .WithDescription("Every booking ends; each referral goes back to Eligible for a new run, and the police are told where the deadline is at risk.")
            .Validates<CancelRequest>().ProducesProblem(StatusCodes.Status409Conflict).RequireTenantApiAccess(ApiScopes.WorkshopsWrite, Planners);

        runs.MapGet("/{runId:guid}/bookings", RunBookings).WithName("ListRunBookings").WithSummary("The run's participants")
            .WithDescription("Every booking on the run in booking order, with each workshop's mark. Facilitators see only their own runs' (403).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireTenantApiAccess(ApiScopes.WorkshopsRead, RunReaders);
        runs.MapPost("/{runId:guid}/bookings", Book).WithName("BookReferral").WithSummary("Book an eligible referral onto the run")
            .WithDescription("409 with refusals[] (code and message) when the run is full or does not fit (cohort, language, deadline) or the referral is not Eligible. " +
                "The referral moves to Booked and the police get a booked notice with the dates.")
            .Validates<BookRequest>().Produces<BookingResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.WorkshopsWrite, Planners);

        runs.MapGet("/{runId:guid}/workshops/{workshop}/register", GetRegister).WithName("GetRegister").WithSummary("A workshop's register")
            .WithDescription("recorded=false until a facilitator records it. Facilitators see only their own runs' registers (403).")
            .ProducesProblem(StatusCodes.Status403Forbidden).RequireTenantApiAccess(ApiScopes.WorkshopsRead, RunReaders);
        runs.MapPut("/{runId:guid}/workshops/{workshop}/register", RecordRegister).WithName("RecordRegister").WithSummary("Record a workshop's register")
            .WithDescription("By a facilitator of the run (403 otherwise), once the workshop has started (409 before), every booked participant marked " +
                "Attended, LateRefusedEntry or Absent. Workshop 2 attended completes the referral; late or absent makes it non-compliant; the police are told.")
            .Validates<RecordRegisterRequest>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.OutcomesWrite, TenantRole.Facilitator);
        runs.MapGet("/{runId:guid}/feedback/questions", FeedbackQuestions).WithName("GetFeedbackQuestions").WithSummary("The feedback questionnaire")
            .WithDescription("The tenant's questions (or the programme's three defaults), each answered 1 to 5.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireTenantApiAccess(ApiScopes.WorkshopsRead, RunReaders);
        runs.MapPost("/{runId:guid}/feedback", RecordFeedback).WithName("RecordFeedback").WithSummary("Record a participant's feedback")
            .WithDescription("At the end of Workshop 2, by a facilitator of the run, for a participant who completed. Never sent to the police.")
            .Validates<RecordFeedbackRequest>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.OutcomesWrite, TenantRole.Facilitator);

        var bookings = tenantApi.MapGroup("/bookings").WithTags("Workshops");
        bookings.MapPost("/{bookingId:guid}/cancel", CancelBooking).WithName("CancelBooking").WithSummary("Cancel a booking")
            .WithDescription("The referral goes back to Eligible for a new run (both workshops again).")
            .Validates<CancelRequest>().ProducesProblem(StatusCodes.Status409Conflict).RequireTenantApiAccess(ApiScopes.WorkshopsWrite, Planners);

        bookings.MapGet("/{bookingId:guid}/letter", Letter).WithName("GetBookingLetter").WithSummary("The offender's booking confirmation letter (PDF)")
            .WithDescription("Dates, times, venue address or (for a confirmed remote booking) the meeting link, what to bring, and that late arrivals are refused entry. Holds nothing about the victim.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound)
            .RequireTenantApiAccess(ApiScopes.WorkshopsRead, Planners);

        tenantApi.MapGet("/referrals/{referralId:guid}/bookings", ReferralBookings).WithTags("Referrals").WithName("ListReferralBookings")
            .WithSummary("The referral's bookings and attendance")
            .WithDescription("Every run the referral was booked on, newest first, with each workshop's mark: what the SPOC follows. " +
                "A facilitator reads only the participants of their own runs (404 for others).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireTenantApiAccess(ApiScopes.ReferralsRead,
                TenantRole.ProviderAdmin, TenantRole.Coordinator, TenantRole.ForceSpoc, TenantRole.Facilitator, TenantRole.VictimContactWorker);
    }

    /// <param name="from">Workshop 1 on or after this date.</param>
    /// <param name="to">Workshop 1 on or before this date.</param>
    /// <param name="fitsReferralId">Only runs this referral can be booked on now.</param>
    /// <param name="mine">Only runs the caller facilitates.</param>
    /// <param name="includeCancelled">Also cancelled runs.</param>
    /// <param name="handler">Workshop handler.</param>
    /// <param name="user">Caller.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Ok<List<RunResponse>>> List(
        WorkshopHandler handler, ClaimsPrincipal user, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null,
        Guid? fitsReferralId = null, bool mine = false, bool includeCancelled = false)
    {
        List<CourseRun> runs;
        if (fitsReferralId is { } referralId)
        {
            runs = await handler.RunsThatFitAsync(referralId, cancellationToken);
        }
        else
        {
            var query = handler.Runs;
            if (!includeCancelled) query = query.Where(r => r.CancelledAt == null);
            if (from is { } f) query = query.Where(r => r.Workshop1.Date >= f);
            if (to is { } t) query = query.Where(r => r.Workshop1.Date <= t);
            if (mine)
            {
                var me = user.PersonId() ?? Guid.Empty;
                query = query.Where(r => r.FacilitatorIds.Contains(me));
            }

            runs = await query.OrderBy(r => r.Workshop1.Date).ThenBy(r => r.Id).Take(500).ToListAsync(cancellationToken);
        }

        return TypedResults.Ok(await handler.DescribeAsync(runs, cancellationToken));
    }

    private static async Task<Ok<RunResponse>> Get(Guid runId, WorkshopHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok((await handler.DescribeAsync([await handler.RunAsync(runId, cancellationToken)], cancellationToken))[0]);

    private static async Task<CreatedAtRoute<RunResponse>> Schedule(ScheduleRunRequest request, WorkshopHandler handler, CancellationToken cancellationToken)
    {
        var run = await handler.ScheduleAsync(request, cancellationToken);
        return TypedResults.CreatedAtRoute((await handler.DescribeAsync([run], cancellationToken))[0], "GetRun", new { runId = run.Id });
    }

    private static async Task<Ok<RunResponse>> Update(
        Guid runId, UpdateRunRequest request, ClaimsPrincipal user, WorkshopHandler handler, CancellationToken cancellationToken)
    {
        var run = await handler.UpdateAsync(runId, request, user, cancellationToken);
        return TypedResults.Ok((await handler.DescribeAsync([run], cancellationToken))[0]);
    }

    private static async Task<Ok<RunResponse>> Cancel(
        Guid runId, CancelRequest request, ClaimsPrincipal user, WorkshopHandler handler, CancellationToken cancellationToken)
    {
        var run = await handler.CancelAsync(runId, request.Reason!, request.Version!.Value, user, cancellationToken);
        return TypedResults.Ok((await handler.DescribeAsync([run], cancellationToken))[0]);
    }

    private static async Task<Ok<List<BookingResponse>>> RunBookings(
        Guid runId, ClaimsPrincipal user, WorkshopHandler handler, CancellationToken cancellationToken)
    {
        await handler.RunForParticipantsAsync(runId, user, cancellationToken);
        var bookings = await handler.Bookings.Where(b => b.RunId == runId).OrderBy(b => b.BookedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(await handler.DescribeAsync(bookings, cancellationToken));
    }

    private static async Task<CreatedAtRoute<BookingResponse>> Book(
        Guid runId, BookRequest request, ClaimsPrincipal user, WorkshopHandler handler, CancellationToken cancellationToken)
    {
        var booking = await handler.BookAsync(runId, request.ReferralId!.Value, user, cancellationToken);
        return TypedResults.CreatedAtRoute((await handler.DescribeAsync([booking], cancellationToken))[0], "ListReferralBookings", new { referralId = booking.ReferralId });
    }

    private static async Task<Ok<BookingResponse>> CancelBooking(
        Guid bookingId, CancelRequest request, ClaimsPrincipal user, WorkshopHandler handler, CancellationToken cancellationToken)
    {
        var booking = await handler.CancelBookingAsync(bookingId, request.Reason!, request.Version!.Value, user, cancellationToken);
        return TypedResults.Ok((await handler.DescribeAsync([booking], cancellationToken))[0]);
    }

    private static async Task<FileContentHttpResult> Letter(Guid bookingId, WorkshopHandler handler, CancellationToken cancellationToken)
    {
        var (pdf, fileName) = await handler.LetterAsync(bookingId, cancellationToken);
        return TypedResults.File(pdf, "application/pdf", fileName);
    }

    private static async Task<Results<Ok<List<BookingResponse>>, ProblemHttpResult>> ReferralBookings(
        Guid referralId, ClaimsPrincipal user, WorkshopHandler handler, Referrals.ReferralHandler referrals, CancellationToken cancellationToken)
    {
        if (!await referrals.CanReadAsync(referralId, user, cancellationToken))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Referral not found");
        var bookings = await handler.Bookings.Where(b => b.ReferralId == referralId).OrderByDescending(b => b.BookedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(await handler.DescribeAsync(bookings, cancellationToken));
    }

    private static async Task<Ok<RegisterResponse>> GetRegister(
        Guid runId, WorkshopNumber workshop, ClaimsPrincipal user, WorkshopHandler handler, CancellationToken cancellationToken)
    {
        await handler.RunForParticipantsAsync(runId, user, cancellationToken);
        var register = await handler.Registers.SingleOrDefaultAsync(r => r.RunId == runId && r.Workshop == workshop, cancellationToken);
        return TypedResults.Ok(register is null ? new RegisterResponse(runId, workshop, false, null, null, []) : RegisterResponse.From(register));
    }

    private static async Task<Ok<RegisterResponse>> RecordRegister(
        Guid runId, WorkshopNumber workshop, RecordRegisterRequest request, ClaimsPrincipal user, WorkshopHandler handler, CancellationToken cancellationToken)
    {
        var register = await handler.RecordRegisterAsync(runId, workshop, request.Entries!, user, cancellationToken);
        return TypedResults.Ok(RegisterResponse.From(register));
    }

    private static async Task<Ok<FeedbackQuestionsResponse>> FeedbackQuestions(
        Guid runId, WorkshopHandler handler, IMultiTenantContextAccessor<CaraTenantInfo> tenants, CancellationToken cancellationToken)
    {
        await handler.RunAsync(runId, cancellationToken); // 404 for a run that is not there, like every other read under a run
        return TypedResults.Ok(new FeedbackQuestionsResponse(FeedbackQuestionSet.ForTenant(tenants.MultiTenantContext.TenantInfo!.Settings.FeedbackQuestions).Questions));
    }

    private static async Task<NoContent> RecordFeedback(
        Guid runId, RecordFeedbackRequest request, ClaimsPrincipal user, WorkshopHandler handler, CancellationToken cancellationToken)
    {
        await handler.RecordFeedbackAsync(runId, request.ReferralId!.Value, request.Answers!, user, cancellationToken);
        return TypedResults.NoContent();
    }
}
