namespace CaraPlatform.Web.Portal;

/// <summary>A portal page that lists what went wrong above its forms.</summary>
public abstract class PortalPageModel : PageModel
{
    public IReadOnlyList<string> Errors { get; protected set; } = [];

    /// <summary>
    /// A refused post: the page as it is now, with the reasons and the refusal's status (e.g. 409 when someone else
    /// changed the record, 200 for a form to correct). When the page itself cannot be shown (404), that answer instead.
    /// </summary>
    protected async Task<IActionResult> ShowAgainAsync(Task<IActionResult> page, IReadOnlyList<string> errors, int status)
    {
        Errors = errors;
        var result = await page;
        if (result is PageResult) Response.StatusCode = status;
        return result;
    }
}
