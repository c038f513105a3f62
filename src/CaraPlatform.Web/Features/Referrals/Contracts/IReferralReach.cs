using System.Security.Claims;

namespace CaraPlatform.Web.Features.Referrals.Contracts;

public interface IReferralReach { Task<bool> CanReadAsync(Guid referralId, ClaimsPrincipal user, CancellationToken cancellationToken); }
