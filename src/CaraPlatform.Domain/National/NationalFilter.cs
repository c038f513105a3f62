namespace CaraPlatform.Domain.National;

/// <summary>
/// What a national view is narrowed to: a tenant (by slug), a force (by code), a period of referral months (inclusive),
/// a cohort and a language. Every part is optional; an empty filter is the whole programme.
/// </summary>
/// <param name="From">The first month (its first day) of referrals counted.</param>
/// <param name="To">The last month (its first day) of referrals counted.</param>
/// <param name="Cohort">A <see cref="Tenants.Cohort"/> name: IpvMale, IpvFemale or NonIpvMale.</param>
/// <param name="Language">A language code (en, pl, pa, ...).</param>
public sealed record NationalFilter(
    string? Tenant = null, string? Force = null, DateOnly? From = null, DateOnly? To = null, Tenants.Cohort? Cohort = null, string? Language = null)
{
    public static readonly NationalFilter Everything = new();
}
