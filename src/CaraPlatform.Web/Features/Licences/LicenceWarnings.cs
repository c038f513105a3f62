using System.Globalization;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Licences;
using CaraPlatform.Infrastructure.Hosting;
using CaraPlatform.Web.Features.Licences.Contracts;
using CaraPlatform.Web.Platform.Mail;
using CaraPlatform.Web.Portal.Home;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Licences;

/// <summary>The end-of-licence warning job's settings, bound from <c>Licences:Warnings</c>.</summary>
public sealed class LicenceWarningOptions : DailyJobOptions
{
    public const string Section = "Licences:Warnings";
}

/// <summary>
/// Emails the licence holder's LicenceAdmins and the tenant's ProviderAdmins 90 and 30 days before a licence ends, once
/// per threshold (the licence remembers the warning sent). It works tenant by tenant in the tenant's own scope, where
/// the tenant's ProviderAdmins are found; the mail and the licence's note of it are saved together, against the
/// licence's row version, so two instances cannot send a warning twice.
/// </summary>
public sealed partial class LicenceWarningJob(
    TenantRunner tenants, Mailbox mailbox, IOptions<LicenceWarningOptions> options, TimeProvider clock, ILogger<LicenceWarningJob> logger) : DailyJob<LicenceWarningOptions>(options, LicenceWarningOptions.Section, clock, logger)
{
    protected override async Task<bool> RoundAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken);
        return false;
    }

    /// <summary>One round; returns how many warnings were sent (one per licence at most).</summary>
    /// <param name="cancellationToken">Ends the round.</param>
    /// <param name="only">Which tenants to look at (all active ones when null), e.g. one tenant in a test.</param>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken, Func<CaraTenantInfo, bool>? only = null) =>
        (await tenants.RunAsync("The licence warnings", (tenant, services, ct) => WarnAsync(tenant, services.GetRequiredService<CaraDbContext>(), ct),
            only, cancellationToken)).Results.Count(r => r.Item2);

    private async Task<bool> WarnAsync(CaraTenantInfo tenant, CaraDbContext db, CancellationToken cancellationToken)
    {
        var licence = await db.Licences.SingleOrDefaultAsync(l => l.TenantId == tenant.TenantId, cancellationToken);
        if (licence?.TakeWarningToSend(UkCalendar.DateOf(Clock.GetUtcNow())) is not { } warning) return false;

        // Memberships are the tenant's own rows: this context, opened in the tenant's scope, sees that tenant's only.
        var providerAdmins = await db.Memberships.AsNoTracking().Where(m => m.Roles.Contains(TenantRole.ProviderAdmin)).Select(m => m.UserId)
            .ToListAsync(cancellationToken);
        var recipients = await db.Users.AsNoTracking()
            .Where(u => providerAdmins.Contains(u.Id) || u.PlatformRoles.Contains(PlatformRole.LicenceAdmin))
            .Select(u => u.Email).OfType<string>().ToListAsync(cancellationToken);
        var (subject, body) = Message(tenant.Name, licence, warning);
        foreach (var to in recipients.Distinct(StringComparer.OrdinalIgnoreCase))
            mailbox.Stage(db, new MailMessage(to, subject, body, "licence-warning"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Changed meanwhile (an edit, or another instance's warning): judged again next round.
            LogChanged(tenant.Identifier);
            return false;
        }

        LogWarned((int)warning, tenant.Identifier, recipients.Count);
        return true;
    }

    internal static (string Subject, string Body) Message(string tenantName, Licence licence, LicenceWarning warning)
    {
        var endsOn = licence.Terms.EndsOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        return ($"CARA licence for {tenantName} ends on {endsOn}",
            $"""
            The licence of {licence.Terms.Licensee} to deliver CARA for {tenantName} ends on {endsOn}, in {(int)warning} days or fewer.

            Without a licence in force the service cannot schedule new course runs (runs already scheduled go ahead).
            To renew, the licence holder's LicenceAdmin changes the end date on the licence's page in the CARA portal.
            """);
    }

    [LoggerMessage(LogLevel.Information, "Sent the {Days}-day licence warning for tenant {Tenant} to {Count} people")]
    private partial void LogWarned(int days, string tenant, int count);

    [LoggerMessage(LogLevel.Information, "The licence of tenant {Tenant} changed during the warning check; it is checked again next round")]
    private partial void LogChanged(string tenant);
}

/// <summary>How a licence's standing and warning are said on the portal: always in words, the colour only repeats them.</summary>
public static class LicenceDisplay
{
    public static WorkTag Tag(LicenceStanding standing) => standing switch
    {
        LicenceStanding.Active => new("Active", "green"),
        LicenceStanding.Suspended => new("Suspended", "orange"),
        LicenceStanding.Ended => new("Ended", "red"),
        LicenceStanding.Expired => new("Expired", "red"),
        LicenceStanding.NotYetStarted => new("Not yet started", "blue"),
        _ => new("No licence", "grey"),
    };

    public static WorkTag? Tag(LicenceWarning? warning) => warning switch
    {
        LicenceWarning.ThirtyDays => new("Ends within 30 days", "red"),
        LicenceWarning.NinetyDays => new("Ends within 90 days", "yellow"),
        _ => null,
    };

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string DaysToEnd(int days) => days switch
    {
        < 0 => $"Ended {-days} {(days == -1 ? "day" : "days")} ago",
        0 => "Ends today",
        1 => "1 day left",
        _ => $"{days} days left",
    };
}

/// <summary>The tenant home's banner for its ProviderAdmin and Coordinator: the licence ends soon, or is not in force.</summary>
public sealed class LicenceTenantBanners(ITenantLicence licence) : ITenantHomeBanners
{
    public async Task<IReadOnlyList<HomeBanner>> BannersAsync(HomeViewer viewer, CancellationToken cancellationToken)
    {
        if (!viewer.Holds(TenantRole.ProviderAdmin) && !viewer.Holds(TenantRole.Coordinator)) return [];
        var current = await licence.CurrentAsync(cancellationToken);
        WorkLink? link = viewer.Holds(TenantRole.ProviderAdmin) ? new("See the licence", viewer.Path("licence")) : null;
        var heading = current switch
        {
            null => "The service has no licence to deliver CARA: new course runs cannot be scheduled.",
            { Standing: not LicenceStanding.Active } => $"The service's licence is not in force ({LicenceDisplay.Tag(current.Standing).Text.ToLowerInvariant()}): new course runs cannot be scheduled.",
            { Warning: not null } => $"The service's licence ends on {LicenceDisplay.Date(current.EndsOn)} ({LicenceDisplay.DaysToEnd(current.DaysToEnd)}).",
            _ => null,
        };
        return heading is null ? [] : [new HomeBanner("licence-banner", "Licence", heading, link)];
    }
}

/// <summary>The national home's banner: how many licences end within 90 days or are not in force.</summary>
public sealed class LicenceNationalBanners(LicenceHandler licences) : INationalHomeBanners
{
    public async Task<IReadOnlyList<HomeBanner>> BannersAsync(IReadOnlyList<PlatformRole> roles, CancellationToken cancellationToken)
    {
        if (!roles.Intersect(LicenceAccess.Readers).Any()) return [];
        var all = await licences.ListAsync(cancellationToken);
        var ending = all.Count(l => l.Warning is not null);
        if (ending == 0) return [];
        return [new HomeBanner("licence-banner", "Licences", $"{ending} {(ending == 1 ? "licence ends" : "licences end")} within 90 days.",
            new("See the licences", "/national/licences"))];
    }
}
