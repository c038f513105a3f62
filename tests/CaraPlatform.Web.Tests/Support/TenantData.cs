using CaraPlatform.Domain.Notices;
using CaraPlatform.Infrastructure.Persistence;
using CaraPlatform.Infrastructure.Tenancy;
using CaraPlatform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaraPlatform.Web.Tests.Support;

/// <summary>Reads a tenant's rows straight from the database, inside that tenant's scope, for assertions.</summary>
public static class TenantData
{
    public static async Task<T> ReadAsync<T>(this CaraPlatformFixture fixture, string tenant, Func<CaraDbContext, Task<T>> read)
    {
        var info = await fixture.Database.TenantAsync(tenant);
        using var scope = fixture.Web.Services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(info);
        await using var db = await fixture.Web.Services.GetRequiredService<IDbContextFactory<CaraDbContext>>().CreateDbContextAsync();
        return await read(db);
    }

    /// <summary>A person's user id, by email (the demo accounts' ids are made at seeding).</summary>
    public static async Task<Guid> UserIdAsync(this CaraPlatformFixture fixture, string email)
    {
        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Infrastructure.Identity.CaraUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    /// <summary>The police notices written for a referral, oldest first.</summary>
    public static Task<List<PoliceNotice>> NoticesAsync(this CaraPlatformFixture fixture, string tenant, Guid referralId) =>
        fixture.ReadAsync(tenant, db => db.PoliceNotices.AsNoTracking().Where(n => n.ReferralId == referralId).OrderBy(n => n.OccurredAt).ToListAsync());
}
