using OpenIddict.Abstractions;

namespace CaraPlatform.Web.Platform.Access;

/// <summary>
/// Ends a person's sessions when their sign-in or access changes (password, second factor, a membership removed):
/// a new security stamp turns away their cookies at the next request (checked on every request, see
/// <see cref="IdentitySetup"/>) and their codes and refresh tokens at the token endpoint, and <see cref="TokenRevocations"/>
/// ends their access tokens at once, on every host. Whoever changed their own
/// account renews their own cookie afterwards with <see cref="SignInManager{TUser}.RefreshSignInAsync"/>.
/// </summary>
public sealed class PersonSessions(UserManager<CaraUser> users, IOpenIddictTokenManager tokens, TokenRevocations revocations)
{
    // Not cancelled with the request: sessions ended halfway would leave the person's tokens working.
    public async Task EndAsync(Guid personId)
    {
        if (await users.FindByIdAsync(personId.ToString()) is { } user)
        {
            var stamped = await users.UpdateSecurityStampAsync(user);
            if (!stamped.Succeeded)
                throw new InvalidOperationException($"The security stamp of {personId} was not renewed: {string.Join("; ", stamped.Errors.Select(e => e.Code))}");
        }

        await tokens.RevokeBySubjectAsync(personId.ToString());
        await revocations.RevokeAsync(personId.ToString());
    }
}
