using System.Globalization;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Licences;
using CaraPlatform.Domain.Materials;
using CaraPlatform.Infrastructure.Hosting;
using CaraPlatform.Web.Platform.Mail;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Materials;

/// <summary>The distribution job's settings, bound from <c>Materials:Distribution</c>: by default every 15 minutes.</summary>
public sealed class MaterialDistributionOptions : DailyJobOptions
{
    public const string Section = "Materials:Distribution";

    public MaterialDistributionOptions() => PollInterval = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Sends published releases to the tenants licensed for them: a distribution row per tenant (due for acknowledgement in
/// 30 days), then an email to each tenant's ProviderAdmins, sent in the tenant's own scope where its memberships are
/// read. The row's version makes two instances send a tenant's email once.
/// </summary>
public sealed partial class MaterialDistributor(
    CaraDbContext db, TenantRunner tenants, Mailbox mailbox, TimeProvider clock, ILogger<MaterialDistributor> logger)
{
    /// <summary>Adds (unsaved) a distribution for every tenant licensed today for the item's language that has none.</summary>
    public async Task DistributeAsync(MaterialItem item, MaterialRelease release, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        var received = await db.MaterialDistributions.Where(d => d.ReleaseId == release.Id).Select(d => d.TenantId).ToListAsync(cancellationToken);
        Distribute(await db.Licences.AsNoTracking().ToListAsync(cancellationToken), item, release, received, at);
    }

    /// <summary>
    /// The job's round: releases in force reach tenants licensed since they were published, then every tenant with a
    /// distribution not yet told is told. Returns the number of emails staged.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var published = await db.MaterialReleases.Where(r => r.Status == MaterialReleaseStatus.Published)
            .Join(db.MaterialItems, r => r.ItemId, i => i.Id, (r, i) => new { r, i }).ToListAsync(cancellationToken);
        // Read once for the round: every licence, and who already received each release.
        var licences = await db.Licences.AsNoTracking().ToListAsync(cancellationToken);
        var received = (await db.MaterialDistributions.Select(d => new { d.ReleaseId, d.TenantId }).ToListAsync(cancellationToken))
            .ToLookup(d => d.ReleaseId, d => d.TenantId);
        var added = published.Sum(x => Distribute(licences, x.i, x.r, received[x.r.Id], now));
        if (added > 0) await db.SaveChangesAsync(cancellationToken);
        return await NotifyAsync(cancellationToken);
    }

    private int Distribute(IEnumerable<Licence> licences, MaterialItem item, MaterialRelease release, IEnumerable<Guid> received, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(item);
        var today = UkCalendar.DateOf(at);
        var added = 0;
        foreach (var tenantId in licences.Where(l => l.Covers(item.Language, today)).Select(l => l.TenantId).Except(received))
        {
            db.MaterialDistributions.Add(MaterialDistribution.To(tenantId, release.Id, at));
            added++;
        }

        return added;
    }

    /// <summary>Emails the ProviderAdmins of every tenant with distributions not yet told; returns the emails staged.</summary>
    public async Task<int> NotifyAsync(CancellationToken cancellationToken)
    {
        var waiting = (await db.MaterialDistributions.Where(d => d.NotifiedAt == null).Select(d => d.TenantId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        if (waiting.Count == 0) return 0;
        var run = await tenants.RunAsync("The materials distribution", (tenant, services, ct) =>
            NotifyTenantAsync(tenant, services.GetRequiredService<CaraDbContext>(), ct), t => waiting.Contains(t.TenantId), cancellationToken);
        return run.Results.Sum(r => r.Result);
    }

    private async Task<int> NotifyTenantAsync(CaraTenantInfo tenant, CaraDbContext tenantDb, CancellationToken cancellationToken)
    {
        var due = await tenantDb.MaterialDistributions.Where(d => d.TenantId == tenant.TenantId && d.NotifiedAt == null)
            .Join(tenantDb.MaterialReleases, d => d.ReleaseId, r => r.Id, (d, r) => new { d, r })
            .Join(tenantDb.MaterialItems, x => x.r.ItemId, i => i.Id, (x, i) => new { x.d, x.r, i }).ToListAsync(cancellationToken);
        if (due.Count == 0) return 0;
        // Memberships are the tenant's own rows: this context, opened in the tenant's scope, sees that tenant's only.
        var admins = await tenantDb.Memberships.AsNoTracking().Where(m => m.Roles.Contains(TenantRole.ProviderAdmin)).Select(m => m.UserId).ToListAsync(cancellationToken);
        var recipients = await tenantDb.Users.AsNoTracking().Where(u => admins.Contains(u.Id)).Select(u => u.Email).OfType<string>().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var staged = 0;
        foreach (var x in due)
        {
            x.d.NotifiedAt = now;
            var (subject, body) = Message(tenant, x.i, x.r, x.d);
            foreach (var to in recipients.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                mailbox.Stage(tenantDb, new MailMessage(to, subject, body, "materials-release"));
                staged++;
            }
        }

        try
        {
            await tenantDb.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance told this tenant meanwhile.
            LogRaced(tenant.Identifier);
            return 0;
        }

        LogNotified(due.Count, tenant.Identifier, recipients.Count);
        return staged;
    }

    internal static (string Subject, string Body) Message(CaraTenantInfo tenant, MaterialItem item, MaterialRelease release, MaterialDistribution distribution)
    {
        var title = $"{item.Title} ({LanguageNames.English(item.Language)}) {release.Label}";
        var dueBy = distribution.AcknowledgeBy.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        return ($"New CARA materials release: {title}",
            $"""
            The licence holder has published {title} for {tenant.Name}.

            What changed:
            {release.ReleaseNotes}

            Download it from the Materials page of the CARA portal, and acknowledge it there by {dueBy}. Until a release
            is acknowledged, the service cannot schedule new course runs once that date has passed.
            """);
    }

    [LoggerMessage(LogLevel.Information, "Told tenant {Tenant} of {Count} materials release(s), {Recipients} recipient(s)")]
    private partial void LogNotified(int count, string tenant, int recipients);

    [LoggerMessage(LogLevel.Information, "Tenant {Tenant}'s materials notice was sent by another instance")]
    private partial void LogRaced(string tenant);
}

/// <summary>Runs the distributor's round in the background (tenants licensed later, emails a publish could not send).</summary>
public sealed class MaterialDistributionJob(IServiceScopeFactory scopes, IOptions<MaterialDistributionOptions> options, TimeProvider clock, ILogger<MaterialDistributionJob> logger)
    : DailyJob<MaterialDistributionOptions>(options, MaterialDistributionOptions.Section, clock, logger)
{
    protected override async Task<bool> RoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MaterialDistributor>().RunOnceAsync(cancellationToken);
        return false;
    }
}
