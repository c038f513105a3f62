using CaraPlatform.Domain.Audit;

namespace CaraPlatform.Web.Portal;

[AllowAnonymous]
public sealed class SignInModel(SignInAttempts attempts, AuditTrail audit) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>
    /// The one answer to a refused sign-in, whether the account is unknown, the password wrong or the account locked,
    /// so that it does not tell which accounts exist.
    /// </summary>
    public const string NotSignedIn = "The email or password is not right, or the account is locked for 15 minutes after too many failed attempts.";

    public const string Missing = "Enter your email address and your password.";

    public void OnGet()
    {
    }

    /// <summary>Licence-holder staff land in their workspace (which links to their services, if any); everyone else at their services.</summary>
    public static string Landing(CaraUser? user) => user?.PlatformRoles.Count > 0 ? "/national" : "/tenants";

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            // At the first empty field, so that the error summary's link lands there.
            ModelState.AddModelError(string.IsNullOrWhiteSpace(Email) ? nameof(Email) : nameof(Password), Missing);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (user, result) = await attempts.PasswordAsync(Email, Password);
        var outcome = result.Succeeded ? "success" : result.IsLockedOut ? "locked-out" : result.RequiresTwoFactor ? "two-factor-required" : "failure";
        await audit.RecordAsync(new AuditEntry(AuditActions.SignIn, outcome, ActorUserId: user?.Id, Subject: Email,
            IpAddress: HttpContext.Connection.RemoteIpAddress?.ToString()));

        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Landing(user));
        if (result.RequiresTwoFactor) return RedirectToPage("/Portal/SignIn/TwoFactor", new { ReturnUrl });
        // About neither field in particular: listed in the error summary without a link.
        ModelState.AddModelError("", NotSignedIn);
        return Page();
    }
}
