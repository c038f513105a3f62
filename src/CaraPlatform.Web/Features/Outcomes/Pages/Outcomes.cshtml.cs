using System.Text;

namespace CaraPlatform.Web.Features.Outcomes.Pages;

/// <summary>
/// The police's follow-ups as a CSV upload, for a force without an integration: the whole file is checked, and a file
/// with one bad line is refused whole, each fault named by line and column; a good file is recorded at once.
/// </summary>
[Authorize(Policy = OutcomeAccess.RecordersPolicy)]
public sealed class OutcomesModel(OutcomeRecorder recorder) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    public OutcomeImportResult? Result { get; private set; }

    public IReadOnlyList<OutcomeImportProblem> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public FileContentResult OnGetTemplate() => File(Encoding.UTF8.GetBytes(OutcomeCsv.Template), "text/csv", "outcomes-template.csv");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0 || Upload.Length > OutcomeCsv.MaxLength)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file of at most 2 MB");
            return Page();
        }

        using var reader = new StreamReader(Upload.OpenReadStream());
        (Result, Problems) = await recorder.ImportAsync(await reader.ReadToEndAsync(cancellationToken), User, cancellationToken);
        foreach (var problem in Problems)
            ModelState.AddModelError(nameof(Upload), $"Line {problem.Line}, {problem.Field}: {problem.Message}");
        return Page();
    }
}
