using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Licences;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.Licences;

/// <summary>
/// The licence holder's licences, for the national API and pages: every tenant's standing, a licence and its history,
/// and the LicenceAdmin's changes (each audited, each checked against the version the caller read).
/// </summary>
public sealed class LicenceHandler(CaraDbContext db, AuditTrail audit, UserManager<CaraUser> users, TimeProvider clock)
{
    private DateOnly Today => UkCalendar.DateOf(clock.GetUtcNow());

    /// <summary>Every tenant, licensed or not, by name, with where its licence stands today.</summary>
    public async Task<List<LicenceSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var licences = await db.Licences.AsNoTracking().ToDictionaryAsync(l => l.TenantId, cancellationToken);
        var today = Today;
        return tenants.ConvertAll(t => licences.TryGetValue(t.Id, out var l)
            ? new LicenceSummary(t.Slug, t.Name, l.Id, l.Terms.Licensee, l.Terms.StartsOn, l.Terms.EndsOn, Licence.StandingOn(l, today), l.DaysToEnd(today), l.WarningDue(today))
            : new LicenceSummary(t.Slug, t.Name, null, null, null, null, LicenceStanding.None, null, null));
    }

    /// <summary>The licence, or null when there is none with this id.</summary>
    public async Task<LicenceResponse?> FindAsync(Guid licenceId, CancellationToken cancellationToken) =>
        await db.Licences.AsNoTracking().SingleOrDefaultAsync(l => l.Id == licenceId, cancellationToken) is { } licence
            ? await DescribeAsync(licence, cancellationToken)
            : null;

    /// <summary>What a new licence's form starts from: the tenant's own file (its provider, forces, languages, cohorts).</summary>
    public async Task<TenantDefinition?> TenantDefinitionAsync(string slug, CancellationToken cancellationToken) =>
        (await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug, cancellationToken))?.Definition;

    public async Task<LicenceResponse> CreateAsync(CreateLicenceRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == request.Tenant, cancellationToken)
            ?? throw ProblemException.Invalid([new RuleBreach("tenant", "is not a tenant")]);
        if (await db.Licences.AnyAsync(l => l.TenantId == tenant.Id, cancellationToken))
            throw ProblemException.Conflict($"{tenant.Name} already has a licence: amend it (a renewal is a new end date)", field: "tenant");
        var licence = Licence.Grant(tenant.Id, TermsFor(request, tenant), await ActorAsync(caller), clock.GetUtcNow());
        db.Licences.Add(licence);
        audit.Stage(db, new AuditEntry(AuditActions.LicenceGranted, "success", tenant.Id, caller.PersonId(), Subject: licence.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return LicenceResponse.From(licence, tenant, Today);
    }

    public async Task<LicenceResponse> UpdateAsync(Guid licenceId, UpdateLicenceRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (licence, tenant) = await LoadAsync(licenceId, request.Version!.Value, cancellationToken);
        licence.Amend(TermsFor(request, tenant), await ActorAsync(caller), clock.GetUtcNow());
        audit.Stage(db, new AuditEntry(AuditActions.LicenceAmended, "success", tenant.Id, caller.PersonId(), Subject: licence.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return LicenceResponse.From(licence, tenant, Today);
    }

    public Task<LicenceResponse> SuspendAsync(Guid licenceId, ChangeLicenceStatusRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        MoveAsync(licenceId, request, caller, (l, reason, actor, at) => l.Suspend(reason, actor, at), cancellationToken);

    public Task<LicenceResponse> ReinstateAsync(Guid licenceId, ChangeLicenceStatusRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        MoveAsync(licenceId, request, caller, (l, reason, actor, at) => l.Reinstate(reason, actor, at), cancellationToken);

    public Task<LicenceResponse> EndAsync(Guid licenceId, ChangeLicenceStatusRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        MoveAsync(licenceId, request, caller, (l, reason, actor, at) => l.End(reason, actor, at), cancellationToken);

    private async Task<LicenceResponse> MoveAsync(
        Guid licenceId, ChangeLicenceStatusRequest request, ClaimsPrincipal caller, Action<Licence, string, LicenceActor, DateTimeOffset> move,
        CancellationToken cancellationToken)
    {
        var (licence, tenant) = await LoadAsync(licenceId, request.Version!.Value, cancellationToken);
        var before = licence.Status;
        try
        {
            move(licence, request.Reason!, await ActorAsync(caller), clock.GetUtcNow());
        }
        catch (LicenceStatusException refused)
        {
            throw ProblemException.Conflict(refused.Message, field: "status");
        }

        audit.Stage(db, new AuditEntry(AuditActions.LicenceStatusChanged, $"{before}->{licence.Status}", tenant.Id, caller.PersonId(), Subject: licence.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return LicenceResponse.From(licence, tenant, Today);
    }

    /// <summary>The licence to change, held to the version the caller read (a stale one fails the save with 409).</summary>
    private async Task<(Licence, Tenant)> LoadAsync(Guid licenceId, uint version, CancellationToken cancellationToken)
    {
        var licence = await db.Licences.SingleOrDefaultAsync(l => l.Id == licenceId, cancellationToken)
            ?? throw ProblemException.NotFound("Licence not found");
        db.Entry(licence).Property(l => l.Version).OriginalValue = version;
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == licence.TenantId, cancellationToken);
        return (licence, tenant);
    }

    private async Task<LicenceResponse> DescribeAsync(Licence licence, CancellationToken cancellationToken) =>
        LicenceResponse.From(licence, await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == licence.TenantId, cancellationToken), Today);

    /// <summary>The request's terms; forces must be the tenant's own (its file names them).</summary>
    private static LicenceTerms TermsFor(ILicenceTermsRequest request, Tenant tenant)
    {
        var known = tenant.Definition.Forces.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        var unknown = request.Forces!.Select((code, i) => (code, i)).Where(f => !known.Contains(f.code)).ToList();
        if (unknown.Count > 0)
            throw ProblemException.Invalid(unknown.Select(f => new RuleBreach($"forces[{f.i}]", $"is not a force of {tenant.Name} ({string.Join(", ", known)})")));
        return new LicenceTerms(request.Licensee!.Trim(), request.CommissioningBody!.Trim(), [.. request.Forces!.Distinct()], request.StartsOn!.Value,
            request.EndsOn!.Value, request.DeliveryModel!.Value, [.. request.Languages!.Distinct()], [.. request.Cohorts!.Distinct()],
            string.IsNullOrWhiteSpace(request.Conditions) ? null : request.Conditions.Trim());
    }

    private async Task<LicenceActor> ActorAsync(ClaimsPrincipal caller)
    {
        var id = caller.PersonId();
        var person = id is null ? null : await users.FindByIdAsync(id.Value.ToString());
        return new LicenceActor(id, person?.DisplayName ?? person?.Email ?? "unknown");
    }
}
