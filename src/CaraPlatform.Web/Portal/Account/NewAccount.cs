using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CaraPlatform.Web.Portal.Account;

/// <summary>
/// The account an invitation link creates, from a page whose fields are named DisplayName, Password and
/// ConfirmPassword: a tenant's invitation and the licence holder's staff invitation ask the same questions.
/// </summary>
public static class NewAccount
{
    /// <summary>The new account for the invited <paramref name="email"/>, or null with each problem at its field.</summary>
    public static async Task<CaraUser?> CreateAsync(
        UserManager<CaraUser> users, ModelStateDictionary modelState, string email, string? displayName, string? password, string? confirmPassword)
    {
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 200) modelState.AddModelError("DisplayName", "Give your name (at most 200 characters).");
        if (password != confirmPassword) modelState.AddModelError("ConfirmPassword", "The two passwords are not the same.");
        if (modelState.ErrorCount > 0) return null;

        var user = new CaraUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName!.Trim() };
        var created = await users.CreateAsync(user, password ?? "");
        if (created.Succeeded) return user;
        // Identity's complaints here are about the chosen password (or, rarely, the invitation's email): shown at the password.
        foreach (var error in created.Errors) modelState.AddModelError("Password", error.Description);
        return null;
    }
}
