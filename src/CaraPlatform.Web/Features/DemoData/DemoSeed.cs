using CaraPlatform.Domain.Access;
using CaraPlatform.Infrastructure.Identity;
using CaraPlatform.Infrastructure.Persistence;
using CaraPlatform.Infrastructure.Tenancy;
using CaraPlatform.Tenancy;
using CaraPlatform.Web.Features.Clients.Contracts;
using CaraPlatform.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CaraPlatform.Web.Features.DemoData;

/// <summary>
/// The demo accounts and integration clients of DESIGN.md §4, for Development only: the seed refuses to run in
/// any other environment, so none of them can exist in a deployment.
/// </summary>
public sealed class DemoSeed(IServiceProvider services, IHostEnvironment environment) : IDevelopmentSeed
{
    public const string Password = "CaraDemo!2026";
    public const string ClientSecret = "cara-demo-secret";

    private static readonly (string Slug, string Domain)[] DemoTenants = [("hampshire", "hampshire.demo"), ("west-yorkshire", "west-yorkshire.demo")];

    private static readonly (string Local, TenantRole Role)[] TenantAccounts =
    [
        ("admin", TenantRole.ProviderAdmin), ("coordinator", TenantRole.Coordinator), ("facilitator", TenantRole.Facilitator),
        ("victim-contact", TenantRole.VictimContactWorker), ("spoc", TenantRole.ForceSpoc),
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

        var store = services.GetRequiredService<IMultiTenantStore<CaraTenantInfo>>();
        var setter = services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>();
        foreach (var (slug, domain) in DemoTenants)
        {
            var tenant = await store.TryGetByIdentifierAsync(slug, cancellationToken)
                ?? throw new InvalidOperationException($"Tenant {slug} is not loaded.");
            using (setter.BeginScope(tenant, "development-seed"))
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CaraDbContext>();
                foreach (var (local, role) in TenantAccounts)
                {
                    var user = await EnsureUser(scope.ServiceProvider, $"{local}@{domain}", _ => { });
                    if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id, cancellationToken))
                        db.Memberships.Add(new Membership { UserId = user.Id, Roles = [role] });
                }

                await db.SaveChangesAsync(cancellationToken);
                await scope.ServiceProvider.GetRequiredService<IIntegrationClientIssuer>()
                    .EnsureAsync($"{slug}-integration", $"{tenant.Name} demo integration", ApiScopes.ClientScopes, ClientSecret, cancellationToken);
            }
        }
    }

    private static async Task<CaraUser> EnsureUser(IServiceProvider services, string email, Action<CaraUser> configure)
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
