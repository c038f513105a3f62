using CaraPlatform.Domain.Training;

namespace CaraPlatform.Web.Features.Training.Pages;

/// <summary>The course catalogue: each course and how long a completion counts.</summary>
[Authorize(Policy = NationalPolicies.TrainingRead)]
public sealed class CoursesModel(TrainingRecords records, UserManager<CaraUser> users) : TrainingFormPage(users)
{
    public IReadOnlyList<CourseResponse> Courses { get; private set; } = [];

    public bool Saved { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        await LoadRolesAsync();
        Courses = await records.CoursesAsync(cancellationToken);
        Saved = done == "saved";
    }
}

/// <summary>A LicenceAdmin renames a course or changes its validity; records already made keep their expiry.</summary>
[Authorize(Policy = NationalPolicies.LicenceAdmin)]
public sealed class CourseModel(TrainingRecords records, UserManager<CaraUser> users, IValidator<UpdateCourseRequest> validator) : TrainingFormPage(users)
{
    [BindProperty] public UpdateCourseRequest? Input { get; set; }

    public CourseResponse Course { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string course, CancellationToken cancellationToken)
    {
        var kind = Enum.TryParse<TrainingCourseKind>(course, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : (TrainingCourseKind?)null;
        if ((await records.CoursesAsync(cancellationToken)).FirstOrDefault(c => c.Kind == kind) is not { } found) return NotFound();
        Course = found;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string course, CancellationToken cancellationToken)
    {
        if (await OnGetAsync(course, cancellationToken) is not PageResult page) return NotFound();
        var request = Input ?? new UpdateCourseRequest(null, null);
        if (!Valid(await validator.ValidateAsync(request, cancellationToken))) return page;
        await records.UpdateCourseAsync(Course.Kind, request, User.PersonId()!.Value, cancellationToken);
        return Redirect("/national/training/courses?done=saved");
    }

    protected override string? StartingValue(string key) => key switch
    {
        "name" => Course.Name,
        "validityMonths" => Course.ValidityMonths.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
