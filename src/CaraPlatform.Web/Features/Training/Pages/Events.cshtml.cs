using CaraPlatform.Domain.Training;

namespace CaraPlatform.Web.Features.Training.Pages;

/// <summary>Training events not yet over, soonest first.</summary>
[Authorize(Policy = NationalPolicies.TrainingRead)]
public sealed class EventsModel(TrainingEvents events, UserManager<CaraUser> users) : TrainingFormPage(users)
{
    public IReadOnlyList<EventResponse> Events { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadRolesAsync();
        Events = await events.ListAsync(null, cancellationToken);
    }

    public static string Where(EventResponse e) => e.Venue ?? "Remote";

    public static string Dates(EventResponse e) =>
        e.StartsOn == e.EndsOn ? Date(e.StartsOn) : $"{Date(e.StartsOn)} to {Date(e.EndsOn)}";

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static string Status(EventResponse e) =>
        e.Cancelled ? "Cancelled" : e.CompletedOn is not null ? "Completed" : "Scheduled";
}

/// <summary>Schedules a training event with the API's request, validator and handler.</summary>
[Authorize(Policy = NationalPolicies.Training)]
public sealed class NewEventModel(TrainingEvents events, TrainingRecords records, UserManager<CaraUser> users, IValidator<ScheduleEventRequest> validator)
    : TrainingFormPage(users)
{
    [BindProperty] public ScheduleEventRequest? Input { get; set; }

    public IReadOnlyList<(string Value, string Text)> Courses { get; private set; } = [];

    public IReadOnlyList<(string Value, string Text)> Trainers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Courses = [.. (await records.CoursesAsync(cancellationToken)).Select(c => (c.Kind.ToString(), c.Name))];
        Trainers = [.. (await events.TrainersAsync(cancellationToken)).Select(t => (t.UserId.ToString(), $"{t.DisplayName} ({t.Email})"))];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        var request = Input ?? new ScheduleEventRequest(null, null, null, null, null, null);
        if (!Valid(await validator.ValidateAsync(request, cancellationToken))) return Page();
        try
        {
            var scheduled = await events.ScheduleAsync(request, User.PersonId()!.Value, cancellationToken);
            return Redirect($"/national/training/events/{scheduled.Id}?done=scheduled");
        }
        catch (ProblemException refusal)
        {
            Refused(refusal);
            return Page();
        }
    }

    /// <summary>A fresh form: led by the caller when they are a Trainer, with a usual group's places.</summary>
    protected override string? StartingValue(string key) => key switch
    {
        "trainerUserId" => Trainers.Any(t => t.Value == User.PersonId()?.ToString()) ? User.PersonId()!.ToString() : null,
        "capacity" => "12",
        _ => null,
    };
}

/// <summary>
/// A training event and its list: the Trainer answers coordinators' nominations; Trainer and LicenceAdmin enrol people
/// by email, take attendance, complete or cancel the event. QualityAssurer reads it.
/// </summary>
[Authorize(Policy = NationalPolicies.TrainingRead)]
public sealed class EventModel(TrainingEvents events, TrainingRecords records, UserManager<CaraUser> users, IValidator<CancelEventRequest> cancelValidator)
    : TrainingFormPage(users)
{
    public EventDetailResponse Detail { get; private set; } = null!;

    public string? Done { get; private set; }

    public bool IsOpen => !Detail.Event.Cancelled && Detail.Event.CompletedOn is null;

    public async Task<IActionResult> OnGetAsync(Guid eventId, string? done, CancellationToken cancellationToken)
    {
        await LoadRolesAsync();
        if (await events.GetAsync(eventId, cancellationToken) is not { } detail) return NotFound();
        Detail = detail;
        Done = done switch
        {
            "scheduled" => "The event was scheduled.",
            "accepted" => "The nomination was accepted: the person is enrolled.",
            "declined" => "The nomination was declined.",
            "enrolled" => "The person was enrolled.",
            "attendance" => "Attendance was recorded.",
            "completed" => "The event was completed: each person who attended has the course on their record.",
            "cancelled" => "The event was cancelled.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid eventId, Guid userId, bool accept, CancellationToken cancellationToken)
    {
        await LoadRolesAsync();
        if (!IsTrainer) return Forbid();
        return await ChangeAsync(eventId, () => events.DecideAsync(eventId, userId, accept, User.PersonId()!.Value, cancellationToken),
            accept ? "accepted" : "declined", cancellationToken);
    }

    public async Task<IActionResult> OnPostEnrolAsync(Guid eventId, [FromForm(Name = Prefix + "email")] string? email, CancellationToken cancellationToken)
    {
        await LoadRolesAsync();
        if (!CanRecord) return Forbid();
        var term = email?.Trim() ?? "";
        var person = term.Length == 0 ? null
            : (await records.PeopleAsync(term, cancellationToken)).FirstOrDefault(p => string.Equals(p.Email, term, StringComparison.OrdinalIgnoreCase));
        if (person is null)
        {
            FieldErrors = new Dictionary<string, string[]> { ["email"] = [term.Length == 0 ? "Enter the email of the person to enrol" : "No one with that email has an account"] };
            return await OnGetAsync(eventId, null, cancellationToken);
        }

        return await ChangeAsync(eventId, () => events.EnrolAsync(eventId, person.UserId, User.PersonId()!.Value, cancellationToken), "enrolled", cancellationToken);
    }

    public Task<IActionResult> OnPostAttendanceAsync(Guid eventId, [Bind(Prefix = "Input")] AttendanceRequest? input, CancellationToken cancellationToken) =>
        ChangeAsync(eventId, () => events.RecordAttendanceAsync(eventId, input?.Attended ?? [], User.PersonId()!.Value, cancellationToken), "attendance", cancellationToken);

    public Task<IActionResult> OnPostCompleteAsync(Guid eventId, CancellationToken cancellationToken) =>
        ChangeAsync(eventId, () => events.CompleteAsync(eventId, User.PersonId()!.Value, cancellationToken), "completed", cancellationToken);

    public async Task<IActionResult> OnPostCancelAsync(Guid eventId, [Bind(Prefix = "Input")] CancelEventRequest? input, CancellationToken cancellationToken)
    {
        var request = input ?? new CancelEventRequest(null);
        var validation = await cancelValidator.ValidateAsync(request, cancellationToken);
        if (validation.IsValid) return await ChangeAsync(eventId, () => events.CancelAsync(eventId, request, User.PersonId()!.Value, cancellationToken), "cancelled", cancellationToken);
        await LoadRolesAsync();
        if (!CanRecord) return Forbid();
        Valid(validation);
        return await OnGetAsync(eventId, null, cancellationToken);
    }

    /// <summary>Changes the event through the handler and comes back to it, or shows it again with the refusal.</summary>
    private async Task<IActionResult> ChangeAsync<T>(Guid eventId, Func<Task<T>> change, string done, CancellationToken cancellationToken)
    {
        await LoadRolesAsync();
        if (!CanRecord) return Forbid();
        try
        {
            await change();
            return Redirect($"/national/training/events/{eventId}?done={done}");
        }
        catch (ProblemException refusal)
        {
            Refused(refusal);
            // The handlers name the person enrolled as userId; on this page they are typed as an email.
            FieldErrors = FieldErrors.ToDictionary(e => e.Key == "userId" ? "email" : e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase);
            return await OnGetAsync(eventId, null, cancellationToken);
        }
    }

    /// <summary>The attendance form starts from what was recorded.</summary>
    protected override string? StartingValue(string key) =>
        key == "attended" ? string.Join(',', Detail.Attendees.Where(a => a.Attended == true).Select(a => a.UserId)) : null;

    public static string Status(AttendeeResponse a) => a.Status switch
    {
        AttendeeStatus.Enrolled => a.Attended switch { true => "Attended", false => "Absent", _ => "Enrolled" },
        AttendeeStatus.Declined => "Declined",
        _ => "Nominated",
    };
}
