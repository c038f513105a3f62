namespace CaraPlatform.Web.Features.Retention.Pages;

/// <summary>The erasure log: which closed cases the retention schedule erased, when and how. Metadata only.</summary>
[Authorize(Policy = RetentionAccess.ReviewersPolicy)]
public sealed class ErasuresModel(RetentionWorklist worklist) : PageModel
{
    public ErasurePageResponse Log { get; private set; } = new([], null);

    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!KeysetCursor.TryParse(Cursor, out var after)) Cursor = null;
        Log = await worklist.ErasuresAsync(after, RetentionWorklist.DefaultPageSize, cancellationToken);
    }
}
