using CaraPlatform.Domain.Audit;

namespace CaraPlatform.Web.Portal.SignIn;

/// <summary>The second step of signing in, for people who enrolled TOTP: the password step left a two-factor cookie.</summary>
[AllowAnonymous]
public sealed class TwoFactorModel(SignInManager<CaraUser> signIn, SignInAttempts attempts, AuditTrail audit) : PageModel
{
    public const string WrongCode = "That code is not right. Check your authenticator app and try again.";

    // Only someone who knew the password gets here, so saying that the account is locked tells nobody else anything.
    public const string LockedOut = "This account is locked after too many failed attempts. Try again in 15 minutes.";

    public const string Missing = "Enter the code from your authenticator app, or a recovery code.";

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? RecoveryCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Portal/Index") : Page();

    public Task<IActionResult> OnPostAsync() =>
        CompleteAsync(nameof(Code), Code, code => signIn.TwoFactorAuthenticatorSignInAsync(code.Replace("-", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false), "two-factor");

    public Task<IActionResult> OnPostRecoveryAsync() =>
        CompleteAsync(nameof(RecoveryCode), RecoveryCode, signIn.TwoFactorRecoveryCodeSignInAsync, "recovery-code");

    // field: where the code was typed, so that its error message is shown there.
    private async Task<IActionResult> CompleteAsync(string field, string? code, Func<string, Task<Microsoft.AspNetCore.Identity.SignInResult>> attempt, string method)
    {
        // Without the password step's cookie there is nobody to check the code for.
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("/Portal/Index");
        if (string.IsNullOrWhiteSpace(code))
        {
            ModelState.AddModelError(field, Missing);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Both sign-in methods count failures towards lockout, like the password step, and one attempt at a time.
        var result = await attempts.SecondFactorAsync(user, () => attempt(WithoutSpaces(code)));
        var outcome = result.Succeeded ? $"{method}-success" : result.IsLockedOut ? "locked-out" : $"{method}-failure";
        await audit.RecordAsync(new AuditEntry(AuditActions.SignIn, outcome, ActorUserId: user.Id, Subject: user.Email,
            IpAddress: HttpContext.Connection.RemoteIpAddress?.ToString()));

        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : SignInModel.Landing(user));
        ModelState.AddModelError(field, result.IsLockedOut ? LockedOut : WrongCode);
        return Page();
    }

    // Recovery codes keep their hyphen (it is part of the stored code); authenticator apps show codes in groups.
    private static string WithoutSpaces(string code) => code.Replace(" ", "", StringComparison.Ordinal);
}
