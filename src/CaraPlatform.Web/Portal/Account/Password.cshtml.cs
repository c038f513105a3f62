using CaraPlatform.Domain.Audit;

namespace CaraPlatform.Web.Portal.Account;

[Authorize(Policy = PortalPolicies.Person)]
public sealed class ChangePasswordModel(UserManager<CaraUser> users, SignInManager<CaraUser> signIn, PersonSessions sessions, AuditTrail audit) : PortalPageModel
{
    [BindProperty] public string CurrentPassword { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (NewPassword != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "The new passwords do not match.");
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        await audit.RecordAsync(new AuditEntry(AuditActions.PasswordChanged, result.Succeeded ? "success" : "failure", ActorUserId: user.Id,
            Subject: user.Email, IpAddress: HttpContext.Connection.RemoteIpAddress?.ToString()));
        if (!result.Succeeded)
        {
            // Identity's one complaint about the current password belongs there; the rest are about the new one.
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(CurrentPassword) : nameof(NewPassword), error.Description);
            return Page();
        }

        // Whoever had the old password may hold a session or tokens: end them all, then renew this session's cookie.
        await sessions.EndAsync(user.Id);
        await signIn.RefreshSignInAsync(user);
        Changed = true;
        return Page();
    }
}
