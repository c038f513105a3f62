using CaraPlatform.Domain.Audit;
using CaraPlatform.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaraPlatform.Web.Portal.SignIn;

/// <summary>The second step of signing in, for people who enrolled TOTP: the password step left a two-factor cookie.</summary>
[AllowAnonymous]
public sealed class TwoFactorModel(SignInManager<CaraUser> signIn, AuditTrail audit) : PageModel
{
    public const string WrongCode = "That code is not right. Check your authenticator app and try again.";

    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public string RecoveryCode { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Index") : Page();

    public Task<IActionResult> OnPostAsync() =>
        CompleteAsync(() => signIn.TwoFactorAuthenticatorSignInAsync(WithoutSpaces(Code).Replace("-", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false), "two-factor");

    public Task<IActionResult> OnPostRecoveryAsync() =>
        CompleteAsync(() => signIn.TwoFactorRecoveryCodeSignInAsync(WithoutSpaces(RecoveryCode)), "recovery-code");

    private async Task<IActionResult> CompleteAsync(Func<Task<Microsoft.AspNetCore.Identity.SignInResult>> attempt, string method)
    {
        // Without the password step's cookie there is nobody to check the code for.
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("/Index");

        // Both sign-in methods count failures towards lockout, like the password step.
        var result = await attempt();
        var outcome = result.Succeeded ? $"{method}-success" : result.IsLockedOut ? "locked-out" : $"{method}-failure";
        await audit.RecordAsync(new AuditEntry(AuditActions.SignIn, outcome, ActorUserId: user.Id, Subject: user.Email,
            IpAddress: HttpContext.Connection.RemoteIpAddress?.ToString()));

        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/tenants");
        Error = result.IsLockedOut ? SignInModel.LockedOut : WrongCode;
        return Page();
    }

    // Recovery codes keep their hyphen (it is part of the stored code); authenticator apps show codes in groups.
    private static string WithoutSpaces(string code) => code.Replace(" ", "", StringComparison.Ordinal);
}
