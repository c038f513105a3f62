using CaraPlatform.Domain.Tenants;
using CaraPlatform.Infrastructure.Tenancy;

namespace CaraPlatform.Web.Platform;

/// <summary>The current tenant's workshop defaults (DESIGN.md §1 bounds), as per-tenant options.</summary>
public sealed class WorkshopOptions
{
    public DayOfWeek DayOfWeek { get; set; } = DayOfWeek.Saturday;
    public TimeOnly Start { get; set; } = new(10, 0);
    public TimeOnly End { get; set; } = new(15, 0);
    public int MinDaysApart { get; set; } = 28;
    public int MaxDaysApart { get; set; } = 35;
    public int Capacity { get; set; } = 12;
    public bool RemoteDelivery { get; set; }

    public static void FromTenant(WorkshopOptions options, CaraTenantInfo tenant)
    {
        var defaults = tenant.Settings.WorkshopDefaults;
        options.DayOfWeek = defaults.DayOfWeek;
        // The loader has checked both times; the defaults stand only for a definition that skipped it.
        if (TenantDefinition.TryParseTime(defaults.StartTime, out var start)) options.Start = start;
        if (TenantDefinition.TryParseTime(defaults.EndTime, out var end)) options.End = end;
        options.MinDaysApart = defaults.MinDaysApart;
        options.MaxDaysApart = defaults.MaxDaysApart;
        options.Capacity = defaults.Capacity;
        options.RemoteDelivery = defaults.RemoteDelivery;
    }
}
