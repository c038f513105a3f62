using CaraPlatform.Web.Features.Clients.Contracts;

namespace CaraPlatform.Web.Features.DemoData;

/// <summary>
/// The demo accounts and integration clients of DESIGN.md §4, every area's licence and each demo tenant's history, for Development only:
/// the seed refuses to run in any other environment, so none of them can exist in a deployment.
/// </summary>
public sealed class DemoSeed(IServiceProvider services, IHostEnvironment environment) : IDevelopmentSeed
{
    public const string Password = "CaraDemo!2026";
    public const string ClientSecret = "cara-demo-secret";

    /// <summary>Whether each demo tenant also gets six months of history (<see cref="DemoHistory"/>); on unless set false.</summary>
    public const string HistorySetting = "DemoData:History";

    private static readonly (string Slug, string Domain)[] DemoTenants = [("hampshire", "hampshire.demo"), ("west-yorkshire", "west-yorkshire.demo")];

    private static readonly (string Local, TenantRole Role)[] TenantAccounts =
    [
        ("admin", TenantRole.ProviderAdmin), ("coordinator", TenantRole.Coordinator), ("facilitator", TenantRole.Facilitator),
        ("victim-contact", TenantRole.VictimContactWorker), ("spoc", TenantRole.ForceSpoc), ("dpo", TenantRole.DataProtectionOfficer),
    ];

    private static readonly (string Local, PlatformRole Role)[] PlatformAccounts =
    [
        ("licence-admin", PlatformRole.LicenceAdmin), ("trainer", PlatformRole.Trainer), ("qa", PlatformRole.QualityAssurer), ("analyst", PlatformRole.Analyst),
    ];

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (!environment.IsDevelopment())
            throw new InvalidOperationException("Demo accounts exist only in Development.");

        foreach (var (local, role) in PlatformAccounts)
        {
            await using var scope = services.CreateAsyncScope();
            await EnsureUser(scope.ServiceProvider, $"{local}@hamptontrust.demo", user => user.PlatformRoles = [role]);
        }

        await DemoLicences.SeedAsync(services, services.GetRequiredService<TimeProvider>(), cancellationToken);

        var domains = DemoTenants.ToDictionary(t => t.Slug, t => t.Domain);
        // The integration tests turn the history off: they count what they make in the demo tenants themselves.
        var history = services.GetRequiredService<IConfiguration>().GetValue(HistorySetting, true);
        var run = await services.GetRequiredService<TenantRunner>().RunAsync("The demo seed", async (tenant, tenantServices, ct) =>
        {
            var db = tenantServices.GetRequiredService<CaraDbContext>();
            // The demo SPOC serves every force of their tenant.
            List<string> forces = [.. tenant.Settings.Forces.Select(f => f.Code)];
            foreach (var (local, role) in TenantAccounts)
            {
                var user = await EnsureUser(tenantServices, $"{local}@{domains[tenant.Identifier]}", _ => { });
                if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id, ct))
                    db.Memberships.Add(new Membership { UserId = user.Id, Roles = [role], ForceCodes = role == TenantRole.ForceSpoc ? forces : [] });
            }

            await db.SaveChangesAsync(ct);
            await tenantServices.GetRequiredService<IIntegrationClientIssuer>()
                .EnsureAsync($"{tenant.Identifier}-integration", $"{tenant.Name} demo integration", ApiScopes.ClientScopes, ClientSecret, ct);
            if (history) await DemoHistory.SeedAsync(tenant, tenantServices, domains[tenant.Identifier], ct);
            await DemoTraining.SeedAsync(tenantServices, domains[tenant.Identifier], ct);
            return tenant.Identifier;
        }, t => domains.ContainsKey(t.Identifier), cancellationToken);
        if (run.Failures.Count > 0) throw new AggregateException("The demo seed failed.", run.Failures.Select(f => f.Error));
        var missing = domains.Keys.Except(run.Results.Select(r => r.Result)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"Demo tenants not loaded: {string.Join(", ", missing)}.");
        // Events are the licence holder's, across tenants: seeded once every tenant has its people and their training.
        await DemoTrainingEvents.SeedAsync(services, services.GetRequiredService<TimeProvider>(), cancellationToken);
        await DemoMaterials.SeedAsync(services, services.GetRequiredService<TimeProvider>(), history, cancellationToken);
    }

    internal static async Task<CaraUser> EnsureUser(IServiceProvider services, string email, Action<CaraUser> configure)
    {
        var users = services.GetRequiredService<UserManager<CaraUser>>();
        if (await users.FindByEmailAsync(email) is { } existing) return existing;
        var user = new CaraUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0] };
        configure(user);
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded) throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        return user;
    }
}
