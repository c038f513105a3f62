using CaraPlatform.Domain.Audit;

namespace CaraPlatform.Web.Portal;

/// <summary>POST only, with the antiforgery token, so that a link or image elsewhere cannot sign a person out.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<CaraUser> signIn, UserManager<CaraUser> users, AuditTrail audit) : PageModel
{
    public IActionResult OnGet()
    {
        Response.Headers.Allow = "POST";
        return StatusCode(StatusCodes.Status405MethodNotAllowed);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var userId = users.GetUserId(User);
            await signIn.SignOutAsync();
            await audit.RecordAsync(new AuditEntry(AuditActions.SignOut, "success",
                ActorUserId: Guid.TryParse(userId, out var id) ? id : null, IpAddress: HttpContext.Connection.RemoteIpAddress?.ToString()));
        }

        return RedirectToPage("/Portal/Index");
    }
}
