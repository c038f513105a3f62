using System.Text;
using CaraPlatform.Domain.Audit;

namespace CaraPlatform.Web.Portal.Account;

/// <summary>
/// TOTP enrolment: the key is shown as text (and as an otpauth:// address) rather than a QR image, so the page needs
/// no script and works with a screen reader. Two-factor is turned on only once a code from the app checks out.
/// </summary>
[Authorize(Policy = PortalPolicies.Person)]
public sealed class TwoFactorEnrolmentModel(
    UserManager<CaraUser> users, SignInManager<CaraUser> signIn, PersonSessions sessions, AuditTrail audit) : PageModel
{
    private const string Issuer = "CARA Platform";
    private const int RecoveryCodeCount = 10;

    [BindProperty] public string Code { get; set; } = "";

    public bool Enabled { get; private set; }

    public string FormattedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await ShowAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "That code is not right. Check the key in your authenticator app and enter the code it shows now.");
            await ShowAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await audit.RecordAsync(new AuditEntry(AuditActions.TwoFactorEnabled, "success", ActorUserId: user.Id, Subject: user.Email,
            IpAddress: HttpContext.Connection.RemoteIpAddress?.ToString()));
        // Sessions signed in without the second factor end; this one is renewed and goes on.
        await sessions.EndAsync(user.Id);
        await signIn.RefreshSignInAsync(user);
        Enabled = true;
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key, so that the old authenticator entry cannot be used if two-factor is turned on again.
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(new AuditEntry(AuditActions.TwoFactorDisabled, "success", ActorUserId: user.Id, Subject: user.Email,
            IpAddress: HttpContext.Connection.RemoteIpAddress?.ToString()));
        await sessions.EndAsync(user.Id);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    private async Task ShowAsync(CaraUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled) return;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key after reset.");
            // A new key renews the security stamp, which would end this very session at its next request.
            await signIn.RefreshSignInAsync(user);
        }

        FormattedKey = InGroupsOfFour(key);
        var account = Uri.EscapeDataString(user.Email ?? user.UserName ?? user.Id.ToString());
        var issuer = Uri.EscapeDataString(Issuer);
        AuthenticatorUri = $"otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&digits=6";
    }

    private static string InGroupsOfFour(string key)
    {
        var groups = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) groups.Append(' ');
            groups.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return groups.ToString().ToLowerInvariant();
    }
}
