namespace CaraPlatform.Web.Portal;

/// <summary>A portal page that lists what went wrong above its forms.</summary>
public abstract class PortalPageModel : PageModel
{
    public IReadOnlyList<string> Errors { get; protected set; } = [];

    /// <summary>A refused post: the page as it is now with the reasons, answered as <see cref="RefusedPage.WithStatusAsync"/> says.</summary>
    protected Task<IActionResult> ShowAgainAsync(Task<IActionResult> page, IReadOnlyList<string> errors, int status)
    {
        Errors = errors;
        return page.WithStatusAsync(Response, status);
    }
}

public static class RefusedPage
{
    /// <summary>
    /// The page shown again after a refused post, with the refusal's status (e.g. 409 when someone else changed the
    /// record, 200 for a form to correct). When the page itself cannot be shown (404), that answer instead.
    /// </summary>
    public static async Task<IActionResult> WithStatusAsync(this Task<IActionResult> page, HttpResponse response, int status)
    {
        var result = await page;
        if (result is PageResult) response.StatusCode = status;
        return result;
    }
}
