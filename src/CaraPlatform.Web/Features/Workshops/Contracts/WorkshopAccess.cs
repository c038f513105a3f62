namespace CaraPlatform.Web.Features.Workshops.Contracts;

/// <summary>
/// Who works with course runs, declared once for the workshop endpoints and pages; the referral pages (who may book)
/// and the tenant's home page (which links to show) read the same sets.
/// </summary>
public static class WorkshopAccess
{
    /// <summary>Page policy of <see cref="Planners"/>.</summary>
    public const string PlannerPolicy = "WorkshopPlanner";

    /// <summary>Page policy of <see cref="Facilitators"/>.</summary>
    public const string FacilitatorPolicy = "WorkshopFacilitator";

    /// <summary>Who schedules runs and books referrals onto them.</summary>
    public static readonly TenantRole[] Planners = [TenantRole.Coordinator, TenantRole.ProviderAdmin];

    /// <summary>Who takes registers and feedback, and only of their own runs, which the handlers check.</summary>
    public static readonly TenantRole[] Facilitators = [TenantRole.Facilitator];

    /// <summary>Who works with course runs at all: the planners and the facilitators.</summary>
    public static readonly TenantRole[] RunReaders = [.. Planners, .. Facilitators];

    /// <summary>Who follows a referral's bookings: whoever reads referrals; <c>IReferralReach</c> narrows that to the referral.</summary>
    public static readonly TenantRole[] ReferralFollowers =
        [TenantRole.ProviderAdmin, TenantRole.Coordinator, TenantRole.ForceSpoc, TenantRole.Facilitator, TenantRole.VictimContactWorker];
}
