using System.Security.Claims;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaraPlatform.Web.Tests.Features.Referrals;

/// <summary>The audit of a change commits with the change or not at all (DPA 2018 s.62 asks for a true record).</summary>
public sealed class ReferralAuditTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_referral_received_is_audited_exactly_when_it_is_committed(bool commit)
    {
        var referralId = Guid.Empty;
        using (fixture.Web.Services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(await fixture.Database.TenantAsync(Tenant)))
        {
            await using var scope = fixture.Web.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CaraDbContext>();
            // As the idempotency wrapper does: the change runs inside a transaction that may still fail to commit.
            await using var transaction = await db.Database.BeginTransactionAsync();
            var police = new ClaimsPrincipal(new ClaimsIdentity([new Claim(Claims.Subject, "hampshire-integration"), new Claim("cara_tenant", "x")], "test"));
            referralId = (await scope.ServiceProvider.GetRequiredService<ReferralIntake>().ReceiveAsync(ReferralApi.New(Tenant), police, default)).Id;
            if (commit) await transaction.CommitAsync();
            else await transaction.RollbackAsync();
        }

        await using var connection = new NpgsqlConnection(fixture.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit_events WHERE action = 'referral-received' AND subject = @subject", connection);
        command.Parameters.AddWithValue("subject", $"referral:{referralId}");
        Assert.Equal(commit ? 1L : 0L, await command.ExecuteScalarAsync());
    }
}
