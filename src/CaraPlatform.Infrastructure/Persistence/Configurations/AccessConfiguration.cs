using CaraPlatform.Domain.Access;
using CaraPlatform.Domain.Audit;
using CaraPlatform.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using OpenIddict.EntityFrameworkCore.Models;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class CaraUserConfiguration : IEntityTypeConfiguration<CaraUser>
{
    public void Configure(EntityTypeBuilder<CaraUser> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.PrimitiveCollection(u => u.PlatformRoles).ElementType().HasConversion<string>();
    }
}

internal sealed class IdentityTableNames :
    IEntityTypeConfiguration<IdentityUserClaim<Guid>>,
    IEntityTypeConfiguration<IdentityUserLogin<Guid>>,
    IEntityTypeConfiguration<IdentityUserToken<Guid>>,
    IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreApplication<Guid>>,
    IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreAuthorization<Guid>>,
    IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreScope<Guid>>,
    IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> builder) => builder.ToTable("user_claims");
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> builder) => builder.ToTable("user_logins");
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> builder) => builder.ToTable("user_tokens");
    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreApplication<Guid>> builder) => builder.ToTable("oidc_applications");
    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreAuthorization<Guid>> builder) => builder.ToTable("oidc_authorizations");
    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreScope<Guid>> builder) => builder.ToTable("oidc_scopes");
    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreToken<Guid>> builder) => builder.ToTable("oidc_tokens");
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.HasIndex(m => new { m.TenantId, m.UserId }).IsUnique();
        builder.HasOne<CaraUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.PrimitiveCollection(m => m.Roles).ElementType().HasConversion<string>();
        // Memberships made before forces had none; ForceScope says what that means (nothing is guessed for them).
        builder.PrimitiveCollection(m => m.ForceCodes).HasDefaultValueSql("'{}'");
        builder.Property(m => m.Version).IsRowVersion();
    }
}

internal sealed class IntegrationClientConfiguration : IEntityTypeConfiguration<IntegrationClient>
{
    public void Configure(EntityTypeBuilder<IntegrationClient> builder)
    {
        builder.HasIndex(c => new { c.TenantId, c.ClientId }).IsUnique();
        builder.Property(c => c.ClientId).HasMaxLength(100);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Ignore(c => c.IsRevoked);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.HasIndex(i => new { i.TenantId, i.TokenHash }).IsUnique();
        builder.HasIndex(i => new { i.TenantId, i.Email });
        builder.Property(i => i.Email).HasMaxLength(320);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.PrimitiveCollection(i => i.Roles).ElementType().HasConversion<string>();
        builder.PrimitiveCollection(i => i.ForceCodes).HasDefaultValueSql("'{}'");
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.OccurredAt);
        builder.Property(e => e.Action).HasMaxLength(60);
        builder.Property(e => e.Outcome).HasMaxLength(60);
        builder.Property(e => e.ActorClientId).HasMaxLength(100);
        builder.Property(e => e.Subject).HasMaxLength(320);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(500);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.HasIndex(e => new { e.TenantId, e.OccurredAt });
        builder.HasIndex(e => new { e.TenantId, e.Subject });
    }
}

internal sealed class TokenRevocationConfiguration : IEntityTypeConfiguration<TokenRevocation>
{
    public void Configure(EntityTypeBuilder<TokenRevocation> builder)
    {
        // One row per subject: a second revocation moves the line forward.
        builder.HasKey(r => r.Subject);
        builder.Property(r => r.Subject).HasMaxLength(100);
    }
}
