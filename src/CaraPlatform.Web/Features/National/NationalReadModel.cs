using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National;

/// <summary>
/// The read side of the national schema, narrowed by a <see cref="NationalFilter"/>: what every measure starts from,
/// so a filter means the same in every table. Reads across tenants, so it lives here and nowhere else.
/// </summary>
public sealed class NationalReadModel(CaraDbContext db)
{
    public CaraDbContext Db => db;

    /// <summary>Referrals received in the filter's period, of its tenant, force, cohort and language.</summary>
    public IQueryable<NationalReferral> Referrals(NationalFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var referrals = db.NationalReferrals.AsNoTracking();
        if (filter.Tenant is { } tenant)
            referrals = referrals.Where(r => db.Tenants.Any(t => t.Id == r.TenantId && t.Slug == tenant));
        if (filter.Force is { } force) referrals = referrals.Where(r => r.ForceCode == force);
        if (filter.From is { } from) referrals = referrals.Where(r => r.Month >= MonthOf(from));
        if (filter.To is { } to) referrals = referrals.Where(r => r.Month <= MonthOf(to));
        if (filter.Cohort is { } cohort) referrals = referrals.Where(r => r.Cohort == cohort);
        if (filter.Language is { } language) referrals = referrals.Where(r => r.Language == language);
        return referrals;
    }

    /// <summary>Runs whose Workshop 1 falls in the filter's period, of its tenant, cohort and language (runs have no force).</summary>
    public IQueryable<NationalRun> Runs(NationalFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var runs = db.NationalRuns.AsNoTracking();
        if (filter.Tenant is { } tenant)
            runs = runs.Where(r => db.Tenants.Any(t => t.Id == r.TenantId && t.Slug == tenant));
        if (filter.From is { } from) runs = runs.Where(r => r.Month >= MonthOf(from));
        if (filter.To is { } to) runs = runs.Where(r => r.Month <= MonthOf(to));
        if (filter.Cohort is { } cohort) runs = runs.Where(r => r.Cohort == cohort);
        if (filter.Language is { } language) runs = runs.Where(r => r.Language == language);
        return runs;
    }

    /// <summary>The first day of <paramref name="day"/>'s month: periods are whole months.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}
