using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.Workshops.Contracts;

namespace CaraPlatform.Web.Features.Workshops.Pages;

/// <summary>
/// A workshop's register, for the run's own two facilitators (anyone else gets 403): opens when the workshop starts,
/// marks every booked participant at once, and then shows the marks read-only.
/// </summary>
[Authorize(Policy = WorkshopAccess.FacilitatorPolicy)]
public sealed class RegisterModel(
    RunHandler runs, BookingHandler bookings, RegisterHandler registers, AuditTrail audit, IMultiTenantContextAccessor<CaraTenantInfo> tenants,
    TimeProvider clock) : PortalPageModel
{
    public const string MarkField = "mark-";
    public const string NoteField = "note-";

    public RunResponse Run { get; private set; } = null!;

    public WorkshopNumber Workshop { get; private set; }

    public SessionResponse Session { get; private set; } = null!;

    /// <summary>The signed-in facilitator is not one of the run's: the page says so with 403, and shows nothing of the run.</summary>
    public bool NotYourRun { get; private set; }

    /// <summary>The workshop's register once recorded; null until then.</summary>
    public RegisterResponse? Recorded { get; private set; }

    /// <summary>Everyone booked on the run, by referral (the latest booking of each).</summary>
    public IReadOnlyDictionary<Guid, BookingResponse> Bookings { get; private set; } = new Dictionary<Guid, BookingResponse>();

    /// <summary>Who is to be marked now: the live bookings.</summary>
    public IReadOnlyList<BookingResponse> ToMark { get; private set; } = [];

    public bool IsOpen => clock.GetUtcNow() >= Session.StartsAt;

    public bool Workshop1Recorded { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>Participants left unmarked in the form just posted.</summary>
    public IReadOnlySet<Guid> Unmarked { get; private set; } = new HashSet<Guid>();

    public static readonly (AttendanceMark Mark, string Text)[] Marks =
        [(AttendanceMark.Attended, "Attended"), (AttendanceMark.LateRefusedEntry, "Late – refused entry"), (AttendanceMark.Absent, "Absent")];

    public async Task<IActionResult> OnGetAsync(Guid runId, string workshop, string? done, CancellationToken cancellationToken)
    {
        Notice = done switch
        {
            "recorded" => "The register is recorded.",
            "feedback" => "The feedback is recorded.",
            _ => null,
        };
        return await PageAsync(runId, workshop, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid runId, string workshop, CancellationToken cancellationToken)
    {
        var page = await PageAsync(runId, workshop, cancellationToken);
        if (page is not PageResult || NotYourRun) return page;

        var entries = new List<RegisterEntryDto>();
        var unmarked = new HashSet<Guid>();
        foreach (var booking in ToMark)
        {
            if (Enum.TryParse<AttendanceMark>(Request.Form[MarkField + booking.ReferralId].ToString(), out var mark) && Enum.IsDefined(mark))
                entries.Add(new RegisterEntryDto(booking.ReferralId, mark, Request.Form[NoteField + booking.ReferralId].ToString()));
            else
                unmarked.Add(booking.ReferralId);
        }

        if (unmarked.Count > 0)
        {
            Unmarked = unmarked;
            Errors = [.. ToMark.Where(b => unmarked.Contains(b.ReferralId)).Select(b => $"Choose Attended, Late – refused entry or Absent for {b.ParticipantName}.")];
            return page;
        }

        if (entries.FirstOrDefault(e => e.Note is { Length: > AttendanceEntry.NoteMaxLength }) is { } tooLong)
        {
            Errors = [$"The note for {ToMark.Single(b => b.ReferralId == tooLong.ReferralId).ParticipantName} must be at most {AttendanceEntry.NoteMaxLength} characters."];
            return page;
        }

        try
        {
            await registers.RecordAsync(runId, Workshop, entries, User, cancellationToken);
            return Redirect($"/t/{RouteData.Values["tenant"]}/runs/{runId}/register/{Workshop}?done=recorded");
        }
        catch (ProblemException refusal)
        {
            return await ShowAgainAsync(PageAsync(runId, workshop, cancellationToken), WorkshopDisplay.Messages(refusal), refusal.Problem.Status ?? StatusCodes.Status409Conflict);
        }
        catch (DbUpdateException)
        {
            return await ShowAgainAsync(PageAsync(runId, workshop, cancellationToken), ["The other facilitator recorded this register a moment ago: it is shown below."], StatusCodes.Status409Conflict);
        }
    }

    private async Task<IActionResult> PageAsync(Guid runId, string workshop, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<WorkshopNumber>(workshop, ignoreCase: true, out var number) || !Enum.IsDefined(number) || int.TryParse(workshop, out _))
            return NotFound();
        var run = await runs.FindAsync(runId, cancellationToken);
        if (run is null) return NotFound();
        Workshop = number;
        Session = run.Session(number);
        if (!run.IsFacilitator(User.PersonId()))
        {
            NotYourRun = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        Run = run;
        var register = await registers.GetAsync(runId, number, User, cancellationToken);
        Recorded = register.Recorded ? register : null;
        Workshop1Recorded = number == WorkshopNumber.Workshop1 || (await registers.GetAsync(runId, WorkshopNumber.Workshop1, User, cancellationToken)).Recorded;
        var described = await bookings.OfRunAsync(runId, User, cancellationToken);
        Bookings = described.GroupBy(b => b.ReferralId).ToDictionary(g => g.Key, g => g.Last());
        ToMark = [.. described.Where(b => b.Status == BookingStatus.Booked).OrderBy(b => b.ParticipantName, StringComparer.CurrentCulture)];
        await audit.RecordAsync(AuditEntries.By(User, AuditActions.RegisterViewed, tenants.Current().TenantId, AuditEntries.Run(runId),
            $"{number} register page, {described.Count} participants"), cancellationToken);
        return Page();
    }
}
