using CaraPlatform.Domain.Access;
using CaraPlatform.Infrastructure.Identity;
using CaraPlatform.Infrastructure.Tenancy;
using CaraPlatform.Tenancy;
using CaraPlatform.Web.Features.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaraPlatform.Web.Portal.Invitations;

/// <summary>
/// Where an invitation link lands. A new person creates their account here; a person with an account signs in
/// first (with their second factor, if they use one) and comes back, so that accepting never bypasses sign-in.
/// </summary>
[AllowAnonymous]
public sealed class AcceptModel(
    Features.Members.Invitations invitations, UserManager<CaraUser> users, SignInManager<CaraUser> signIn,
    IMultiTenantContextAccessor<CaraTenantInfo> tenant) : PageModel
{
    [BindProperty] public string DisplayName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public Invitation? Invitation { get; private set; }
    public bool HasAccount { get; private set; }
    public List<string> Errors { get; } = [];
    public string TenantName => tenant.MultiTenantContext.TenantInfo?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (!await Load(token)) return NotFoundPage();
        if (HasAccount && await users.GetUserAsync(User) is { } current)
        {
            if (!string.Equals(current.Email, Invitation!.Email, StringComparison.OrdinalIgnoreCase))
            {
                Errors.Add($"You are signed in as {current.Email}; this invitation is for {Invitation.Email}.");
                return Page();
            }

            await invitations.AcceptAsync(Invitation, current, HttpContext.RequestAborted);
            await signIn.RefreshSignInAsync(current);
            return Redirect($"/t/{tenant.MultiTenantContext.TenantInfo!.Identifier}");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (!await Load(token)) return NotFoundPage();
        if (HasAccount) return Page();
        if (Password != ConfirmPassword) Errors.Add("The two passwords are not the same.");
        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Length > 200) Errors.Add("Give your name (at most 200 characters).");
        if (Errors.Count > 0) return Page();

        var user = new CaraUser { UserName = Invitation!.Email, Email = Invitation.Email, EmailConfirmed = true, DisplayName = DisplayName.Trim() };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            Errors.AddRange(created.Errors.Select(e => e.Description));
            return Page();
        }

        await invitations.AcceptAsync(Invitation, user, HttpContext.RequestAborted);
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect($"/t/{tenant.MultiTenantContext.TenantInfo!.Identifier}");
    }

    private async Task<bool> Load(string token)
    {
        Invitation = await invitations.FindOpenAsync(token, HttpContext.RequestAborted);
        HasAccount = Invitation is not null && await invitations.AccountFor(Invitation) is not null;
        return Invitation is not null;
    }

    private PageResult NotFoundPage()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
