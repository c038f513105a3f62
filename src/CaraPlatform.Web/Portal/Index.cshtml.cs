using CaraPlatform.Domain.Audit;
using CaraPlatform.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaraPlatform.Web.Portal;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<CaraUser> signIn, UserManager<CaraUser> users, AuditTrail audit) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public const string WrongPassword = "The email or password is not right.";
    public const string LockedOut = "This account is locked after too many failed attempts. Try again in 15 minutes.";

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByEmailAsync(Email);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        var outcome = result.Succeeded ? "success" : result.IsLockedOut ? "locked-out" : result.RequiresTwoFactor ? "two-factor-required" : "failure";
        await audit.RecordAsync(new AuditEntry(AuditActions.SignIn, outcome, ActorUserId: user?.Id, Subject: Email,
            IpAddress: HttpContext.Connection.RemoteIpAddress?.ToString()));

        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/tenants");
        if (result.RequiresTwoFactor) return RedirectToPage("/SignIn/TwoFactor", new { ReturnUrl });
        Error = result.IsLockedOut ? LockedOut : WrongPassword;
        return Page();
    }
}
