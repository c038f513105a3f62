using CaraPlatform.Domain.Training;

namespace CaraPlatform.Web.Features.Training.Pages;

/// <summary>The licence holder's people: search by email or name, each with where their facilitator training stands.</summary>
[Authorize(Policy = NationalPolicies.TrainingRead)]
public sealed class PeopleModel(TrainingRecords records, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }

    public IReadOnlyList<PersonSummaryResponse> People { get; private set; } = [];

    /// <summary>Whether the person may record training (and so import it): Trainer or LicenceAdmin, not a QualityAssurer.</summary>
    public bool CanRecord { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        People = await records.PeopleAsync(Search, cancellationToken);
        CanRecord = (await authorization.AuthorizeAsync(User, NationalPolicies.Training)).Succeeded;
    }
}

/// <summary>
/// A person's whole training record: courses, sign-offs, supervision with notes, and what stops them facilitating today.
/// Trainer and LicenceAdmin record training and supervision here, and a Trainer signs facilitator training off.
/// </summary>
[Authorize(Policy = NationalPolicies.TrainingRead)]
public sealed class PersonModel(
    TrainingRecords records, UserManager<CaraUser> users, IValidator<RecordTrainingRequest> trainingValidator,
    IValidator<SignOffRequest> signOffValidator, IValidator<RecordSupervisionRequest> supervisionValidator) : TrainingFormPage(users)
{
    public PersonTrainingResponse Person { get; private set; } = null!;

    /// <summary>The unsigned facilitator training the sign-off form is for: the one chosen in the table, else the latest.</summary>
    public TrainingRecordResponse? ToSignOff { get; private set; }

    public IReadOnlyList<CourseResponse> Courses { get; private set; } = [];

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid userId, Guid? signOff, string? done, CancellationToken cancellationToken)
    {
        await LoadRolesAsync();
        if (await records.PersonAsync(userId, cancellationToken) is not { } person) return NotFound();
        Person = person;
        Courses = await records.CoursesAsync(cancellationToken);
        var unsigned = person.Training.Where(r => r.SignedOffOn is null && TrainingCourse.QualifiesFacilitator(r.Course)).ToList();
        ToSignOff = unsigned.FirstOrDefault(r => r.Id == signOff) ?? unsigned.FirstOrDefault();
        Done = done switch
        {
            "recorded" => "The training was recorded.",
            "signed-off" => "The facilitator training was signed off.",
            "supervision" => "The supervision session was recorded.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(Guid userId, [Bind(Prefix = "Input")] RecordTrainingRequest? input, CancellationToken cancellationToken)
    {
        var request = (input ?? new RecordTrainingRequest(null, null, null, null)) with { UserId = userId, EventId = null };
        return await SaveAsync(userId, await trainingValidator.ValidateAsync(request, cancellationToken),
            () => records.RecordAsync(request, User.PersonId()!.Value, cancellationToken), "recorded", cancellationToken);
    }

    public async Task<IActionResult> OnPostSignOffAsync(
        Guid userId, Guid recordId, [Bind(Prefix = "Input")] SignOffRequest? input, CancellationToken cancellationToken)
    {
        await LoadRolesAsync();
        if (!IsTrainer) return Forbid();
        var request = input ?? new SignOffRequest(null);
        return await SaveAsync(userId, await signOffValidator.ValidateAsync(request, cancellationToken),
            () => records.SignOffAsync(recordId, request, User.PersonId()!.Value, cancellationToken), "signed-off", cancellationToken, recordId);
    }

    public async Task<IActionResult> OnPostSupervisionAsync(
        Guid userId, [Bind(Prefix = "Input")] RecordSupervisionRequest? input, CancellationToken cancellationToken)
    {
        var request = (input ?? new RecordSupervisionRequest(null, null, null, null, null)) with { UserId = userId };
        return await SaveAsync(userId, await supervisionValidator.ValidateAsync(request, cancellationToken),
            () => records.RecordSupervisionAsync(request, User.PersonId()!.Value, cancellationToken), "supervision", cancellationToken);
    }

    /// <summary>Saves through the handler and comes back to the record, or shows the form again with what is wrong.</summary>
    private async Task<IActionResult> SaveAsync<T>(
        Guid userId, FluentValidation.Results.ValidationResult validation, Func<Task<T>> save, string done,
        CancellationToken cancellationToken, Guid? signOff = null)
    {
        await LoadRolesAsync();
        if (!CanRecord) return Forbid();
        if (Valid(validation))
        {
            try
            {
                await save();
                return Redirect($"/national/training/people/{userId}?done={done}");
            }
            catch (ProblemException refusal)
            {
                Refused(refusal);
            }
        }

        return await OnGetAsync(userId, signOff, null, cancellationToken);
    }
}

/// <summary>The CSV import: upload, the dry run's report, then the import of the same text, all or nothing.</summary>
[Authorize(Policy = NationalPolicies.Training)]
public sealed class ImportModel(TrainingImport import) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    [BindProperty] public string? FileName { get; set; }

    [BindProperty] public string? Csv { get; set; }

    public ImportReport? Report { get; private set; }

    public bool Imported { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0 || Upload.Length > TrainingImport.MaxLength)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file of at most 2 MB");
            return Page();
        }

        using var reader = new StreamReader(Upload.OpenReadStream());
        Csv = await reader.ReadToEndAsync(cancellationToken);
        FileName = Path.GetFileName(Upload.FileName);
        Report = await import.DryRunAsync(new ImportRequest(FileName, Csv), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Csv) || string.IsNullOrEmpty(FileName)) return RedirectToPage();
        Report = await import.ImportAsync(new ImportRequest(FileName, Csv), User.PersonId()!.Value, cancellationToken);
        Imported = Report.CanImport;
        return Page();
    }
}
