using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CaraPlatform.Web.Portal;

/// <summary>
/// A post that none of the page's handler methods takes (no plain OnPost, and no handler of the name asked for) is 404.
/// Razor Pages would render the page without running any handler, and a page whose model is filled by its OnGet then
/// fails with a 500 (found by the security scan: <c>POST /t/{tenant}/referrals/{id}?handler=;env;</c>). A GET naming
/// no handler of the page runs its OnGet.
/// </summary>
public sealed class UnknownHandlerFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
            context.Result = new NotFoundResult();
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
