using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Web.Platform;

/// <summary>The current tenant's workshop defaults (DESIGN.md §1 bounds), as per-tenant options.</summary>
public sealed class WorkshopOptions
{
    public DayOfWeek DayOfWeek { get; set; } = DayOfWeek.Saturday;
    public TimeOnly Start { get; set; } = WorkshopDefaults.ProgrammeStart;
    public TimeOnly End { get; set; } = WorkshopDefaults.ProgrammeEnd;
    public int MinDaysApart { get; set; } = 28;
    public int MaxDaysApart { get; set; } = 35;
    public int Capacity { get; set; } = 12;
    public bool RemoteDelivery { get; set; }

    public static void FromTenant(WorkshopOptions options, CaraTenantInfo tenant)
    {
        var defaults = tenant.Settings.WorkshopDefaults;
        options.DayOfWeek = defaults.DayOfWeek;
        (options.Start, options.End) = defaults.SessionTimes();
        options.MinDaysApart = defaults.MinDaysApart;
        options.MaxDaysApart = defaults.MaxDaysApart;
        options.Capacity = defaults.Capacity;
        options.RemoteDelivery = defaults.RemoteDelivery;
    }
}
