using CaraPlatform.Domain.Referrals;

namespace CaraPlatform.Web.Features.Referrals.Pages;

/// <summary>How the referral pages write timeline actions and relationships; and who the signed-in person is in the tenant.</summary>
public static class ReferralDisplay
{
    public static string Action(ReferralAction action) => action switch
    {
        ReferralAction.Receive => "Received",
        ReferralAction.StartScreening => "Screening started",
        ReferralAction.ConfirmEligible => "Screened eligible",
        ReferralAction.ReturnIneligible => "Returned: not eligible",
        ReferralAction.ReturnUncontactable => "Returned: not contactable",
        ReferralAction.Book => "Booked",
        ReferralAction.RecordWorkshop1Attended => "Attended Workshop 1",
        ReferralAction.RecordWorkshop2Attended => "Attended Workshop 2",
        ReferralAction.RecordNonCompliance => "Non-compliance recorded",
        ReferralAction.AllowRebooking => "Police allowed re-booking",
        ReferralAction.Close => "Police closed the referral",
        ReferralAction.Withdraw => "Withdrawn by the police",
        ReferralAction.RecordFirstContact => "First contact with the offender",
        ReferralAction.ExtendDeadline => "Deadline extended",
        ReferralAction.Correct => "Corrected by the police",
        ReferralAction.CancelBooking => "Booking cancelled: to be re-booked",
        ReferralAction.NoteRunChanged => "Workshop run changed",
        _ => action.ToString(),
    };

    public static string Relationship(OffenceRelationship relationship) => relationship switch
    {
        OffenceRelationship.CurrentPartner => "Current partner",
        OffenceRelationship.FormerPartner => "Former partner",
        OffenceRelationship.OtherFamilyMember => "Other family member",
        _ => relationship.ToString(),
    };

    /// <summary>The signed-in person's roles in the tenant (none when not a member).</summary>
    public static async Task<IReadOnlyList<TenantRole>> RolesAsync(
        this UserTenants userTenants, CaraTenantInfo tenant, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.PersonId() is { } personId ? await userTenants.RolesIn(tenant, personId, cancellationToken) ?? [] : [];
}
