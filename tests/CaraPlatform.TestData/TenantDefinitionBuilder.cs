using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.TestData;

/// <summary>Valid tenant definitions for tests to vary with <c>with</c> expressions.</summary>
public static class TenantDefinitionBuilder
{
    /// <summary>A definition that breaks no rule, modelled on <c>tenants/hampshire.json</c>.</summary>
    public static TenantDefinition Hampshire() => new()
    {
        Slug = "hampshire",
        Name = "CARA Hampshire & Isle of Wight",
        Status = TenantStatus.Active,
        DeliveryModel = DeliveryModel.LicenceHolder,
        Provider = new ProviderDefinition("The Hampton Trust"),
        Forces = [new ForceDefinition("hampshire-and-isle-of-wight", "Hampshire and Isle of Wight Constabulary")],
        Cohorts = [Cohort.IpvMale, Cohort.IpvFemale, Cohort.NonIpvMale],
        Languages = ["en"],
        Venues =
        [
            new VenueDefinition(
                "southampton-northam", "Itchen Quay Community Centre", "Chapel Road", "Northam", "Southampton", "SO14 5GL",
                Capacity: 12, StepFreeAccess: true),
            new VenueDefinition(
                "portsmouth-north-end", "Kingston Crescent Community Hall", "Kingston Crescent", "North End", "Portsmouth", "PO2 8AD",
                Capacity: 12, StepFreeAccess: true),
            new VenueDefinition(
                "basingstoke-town", "Loddon Valley Community Rooms", "Church Street", null, "Basingstoke", "RG21 7QT",
                Capacity: 10, StepFreeAccess: false,
                Notes: "First-floor room, no lift. Book participants who need step-free access into Southampton or Portsmouth."),
            new VenueDefinition(
                "newport-iow", "Medina Community Hall", "Quay Street", null, "Newport", "PO30 5BA",
                Capacity: 8, StepFreeAccess: true,
                Notes: "Isle of Wight cohort. Check ferry times for mainland facilitators before confirming a date."),
        ],
        WorkshopDefaults = new WorkshopDefaults(
            DayOfWeek.Saturday, StartTime: "10:00", EndTime: "15:00", MinDaysApart: 28, MaxDaysApart: 35, Capacity: 12, RemoteDelivery: true),
        Condition = new ConditionSettings(CompletionWeeks: 16, MaxExtendedWeeks: 20, FirstContactTargetDays: 14, BookingTargetDays: 28),
        DashRiskLevelsAccepted = [DashRiskLevel.Standard, DashRiskLevel.Medium],
        ExtraOffenceTypes =
        [
            new CodedItem("malicious-communications", "Sending a malicious communication (Malicious Communications Act 1988, s.1)"),
        ],
        ScreeningQuestions =
        [
            new ScreeningQuestion(
                "alcohol-drug-dependency",
                "Is there any indication that the offender's current alcohol or drug use would prevent them taking part in a five-hour group workshop?"),
            new ScreeningQuestion(
                "island-travel",
                "If the offender lives on the Isle of Wight, can they attend the Newport venue, travel to the mainland on a Saturday morning, or take part remotely?"),
        ],
        Contact = new ContactDetails("cara@hampshire.demo", "01632 960101"),
        Notifications = new NotificationSettings(
            SpocEmail: "spoc@hampshire.demo",
            Webhook: new WebhookSettings(
                new Uri("https://hooks.hampshire.example.org/cara/notifications"), Enabled: true, SecretName: "hampshire-cara-webhook-signing")),
    };
}
