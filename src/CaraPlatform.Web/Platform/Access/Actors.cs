using CaraPlatform.Domain.Referrals;
using OpenIddict.Abstractions;

namespace CaraPlatform.Web.Platform.Access;

/// <summary>Who is acting, as a record's timeline names them: a person by their name, a client by its client id.</summary>
public sealed class Actors(UserManager<CaraUser> users)
{
    public async Task<ReferralActor> OfAsync(ClaimsPrincipal user)
    {
        if (user.PersonId() is { } personId)
        {
            var person = await users.FindByIdAsync(personId.ToString());
            return new ReferralActor(personId, person?.DisplayName ?? person?.Email ?? personId.ToString());
        }

        // An integration client: its client id names the police system that acted.
        return new ReferralActor(Guid.Empty, $"{user.FindFirst(OpenIddictConstants.Claims.Subject)?.Value} (integration)");
    }
}
