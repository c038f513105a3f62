namespace CaraPlatform.Web.Features.Training.Pages;

/// <summary>The licence holder's people: search by email or name, each with where their facilitator training stands.</summary>
[Authorize(Policy = NationalPolicies.TrainingRead)]
public sealed class PeopleModel(TrainingRecords records) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }

    public IReadOnlyList<PersonSummaryResponse> People { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => People = await records.PeopleAsync(Search, cancellationToken);
}

/// <summary>A person's whole training record: courses, sign-offs, supervision with notes, and what stops them facilitating today.</summary>
[Authorize(Policy = NationalPolicies.TrainingRead)]
public sealed class PersonModel(TrainingRecords records) : PageModel
{
    public PersonTrainingResponse Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (await records.PersonAsync(userId, cancellationToken) is not { } person) return NotFound();
        Person = person;
        return Page();
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
