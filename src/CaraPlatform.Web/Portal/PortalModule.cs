using CaraPlatform.Web.Portal.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;

namespace CaraPlatform.Web.Portal;

/// <summary>
/// The portal shell: layout and tenant navigation (Portal/Shared), sign-in and two-factor sign-in, sign-out, the
/// account pages, the tenant picker, a tenant's home and access denied. Features bring their own pages
/// (Features/&lt;X&gt;/Pages), which find the shell's layout, partials and view components by name.
/// </summary>
public static class PortalModule
{
    public static void AddPortal(this WebApplicationBuilder builder)
    {
        // Pages live beside their feature (Features/<X>/Pages) or in the shell (Portal/); each declares its own
        // access with [Authorize] or [AllowAnonymous] on its model.
        builder.Services.AddRazorPages(o => o.RootDirectory = "/");
        // The shell's layout, partials and view components, found by name from every feature's pages.
        builder.Services.Configure<RazorViewEngineOptions>(o =>
            o.PageViewLocationFormats.Add("/Portal/Shared/{0}" + RazorViewEngine.ViewExtension));
        builder.Services.Configure<MvcOptions>(o => o.Filters.Add<UnknownHandlerFilter>());
        // Every date on a page is typed as day, month and year (the GOV.UK date-input pattern).
        // A value that does not convert gets one plain message at its field, rather than MVC's "The value 'x' is not
        // valid for Y", which names a property the person never saw.
        builder.Services.Configure<MvcOptions>(o =>
        {
            o.ModelBinderProviders.Insert(0, new DateInput.BinderProvider());
            const string invalid = "Enter a valid value.";
            var messages = o.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((_, _) => invalid);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => invalid);
            messages.SetUnknownValueIsInvalidAccessor(_ => invalid);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => invalid);
            messages.SetValueIsInvalidAccessor(_ => invalid);
            messages.SetValueMustBeANumberAccessor(_ => invalid);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => invalid);
            messages.SetValueMustNotBeNullAccessor(_ => invalid);
        });
    }

    public static void MapPortal(this IEndpointRouteBuilder app) => app.MapRazorPages();

    /// <summary>
    /// A person's browser asking for a page that is not there (or refused without a body) gets the portal's own error
    /// page, with the original status; API clients and everything else keep their problem details.
    /// </summary>
    public static void UsePortalStatusPages(this IApplicationBuilder app) =>
        app.UseWhen(WantsPage, branch => branch.UseStatusCodePagesWithReExecute("/error/{0}"));

    /// <summary>
    /// A browser navigating to a portal path: GET or HEAD (a re-executed POST would meet the antiforgery check again),
    /// outside the API and the OpenID Connect endpoints, accepting HTML.
    /// </summary>
    public static bool WantsPage(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/connect")
        && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
