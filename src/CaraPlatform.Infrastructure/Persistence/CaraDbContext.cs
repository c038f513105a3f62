using System.Linq.Expressions;
using System.Reflection;
using CaraPlatform.Domain.Access;
using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Competence;
using CaraPlatform.Domain.ForceReports;
using CaraPlatform.Domain.Licences;
using CaraPlatform.Domain.Materials;
using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Notices;
using CaraPlatform.Domain.Outcomes;
using CaraPlatform.Domain.QaReviews;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Retention;
using CaraPlatform.Domain.Training;
using CaraPlatform.Domain.Venues;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Infrastructure.Events;
using CaraPlatform.Infrastructure.Idempotency;
using CaraPlatform.Infrastructure.Identity;
using CaraPlatform.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace CaraPlatform.Infrastructure.Persistence;

/// <summary>
/// The one database context. It belongs to the tenant that was current when it was created, for its whole life:
/// the tenant query filter, the stamp on new rows and the PostgreSQL session setting all read
/// <see cref="CurrentTenantId"/>.
/// </summary>
public class CaraDbContext : IdentityUserContext<CaraUser, Guid>, IDataProtectionKeyContext
{
    /// <summary>Libraries whose tables are global by nature: accounts, OpenID Connect clients and tokens, cookie keys.</summary>
    private static readonly string[] GlobalLibraryNamespaces =
    [
        "Microsoft.AspNetCore.Identity",
        "OpenIddict.EntityFrameworkCore.Models",
        "Microsoft.AspNetCore.DataProtection.EntityFrameworkCore",
    ];

    /// <summary>The name of the query filter that hides other tenants' rows.</summary>
    public const string TenantFilter = "Tenant";

    public CaraDbContext(DbContextOptions<CaraDbContext> options, IMultiTenantContextAccessor<CaraTenantInfo>? tenantAccessor = null)
        : base(options)
    {
        CurrentTenant = tenantAccessor?.MultiTenantContext.TenantInfo;
        CurrentTenantId = CurrentTenant?.TenantId;
    }

    /// <summary>The tenant this context serves; null outside any tenant, which sees no tenant rows.</summary>
    public Guid? CurrentTenantId { get; }

    public CaraTenantInfo? CurrentTenant { get; }

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<Venue> Venues => Set<Venue>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<IntegrationClient> IntegrationClients => Set<IntegrationClient>();

    public DbSet<NationalClient> NationalClients => Set<NationalClient>();

    public DbSet<TokenRevocation> TokenRevocations => Set<TokenRevocation>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<StaffInvitation> StaffInvitations => Set<StaffInvitation>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<VictimRecord> VictimRecords => Set<VictimRecord>();

    public DbSet<VictimCase> VictimCases => Set<VictimCase>();

    public DbSet<VictimCaseEntry> VictimCaseEntries => Set<VictimCaseEntry>();

    public DbSet<PoliceNotice> PoliceNotices => Set<PoliceNotice>();

    public DbSet<WebhookDeliveryAttempt> WebhookDeliveryAttempts => Set<WebhookDeliveryAttempt>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<CourseRun> CourseRuns => Set<CourseRun>();

    public DbSet<Booking> Bookings => Set<Booking>();

    public DbSet<WorkshopRegister> WorkshopRegisters => Set<WorkshopRegister>();

    public DbSet<FeedbackResponse> FeedbackResponses => Set<FeedbackResponse>();

    public DbSet<TenantEvent> TenantEvents => Set<TenantEvent>();

    public DbSet<TenantEventCursor> TenantEventCursors => Set<TenantEventCursor>();

    public DbSet<OutgoingMail> OutgoingMail => Set<OutgoingMail>();

    public DbSet<TrainingCourse> TrainingCourses => Set<TrainingCourse>();

    public DbSet<TrainingRecord> TrainingRecords => Set<TrainingRecord>();

    public DbSet<SupervisionRecord> SupervisionRecords => Set<SupervisionRecord>();

    public DbSet<RunAtRisk> RunsAtRisk => Set<RunAtRisk>();

    public DbSet<Licence> Licences => Set<Licence>();

    public DbSet<QaReview> QaReviews => Set<QaReview>();

    public DbSet<TrainingEvent> TrainingEvents => Set<TrainingEvent>();

    public DbSet<TrainingAttendee> TrainingAttendees => Set<TrainingAttendee>();

    public DbSet<MaterialItem> MaterialItems => Set<MaterialItem>();

    public DbSet<MaterialRelease> MaterialReleases => Set<MaterialRelease>();

    public DbSet<MaterialDistribution> MaterialDistributions => Set<MaterialDistribution>();

    public DbSet<MaterialDownload> MaterialDownloads => Set<MaterialDownload>();

    public DbSet<MaterialReceipt> MaterialReceipts => Set<MaterialReceipt>();

    public DbSet<RetentionReview> RetentionReviews => Set<RetentionReview>();

    public DbSet<ErasureLogEntry> ErasureLog => Set<ErasureLogEntry>();

    public DbSet<ForceReport> ForceReports => Set<ForceReport>();

    public DbSet<RetainedCount> RetainedCounts => Set<RetainedCount>();

    /// <summary>The national read model (schema <c>national</c>): only Features/National reads or writes it.</summary>
    public DbSet<NationalReferral> NationalReferrals => Set<NationalReferral>();

    public DbSet<NationalRun> NationalRuns => Set<NationalRun>();

    public DbSet<NationalRunAttendance> NationalRunAttendances => Set<NationalRunAttendance>();

    public DbSet<ReoffendingFollowUp> ReoffendingFollowUps => Set<ReoffendingFollowUp>();

    public DbSet<NationalOutcome> NationalOutcomes => Set<NationalOutcome>();
    public DbSet<NationalFeedbackAnswer> NationalFeedbackAnswers => Set<NationalFeedbackAnswer>();

    public DbSet<NationalVictimChange> NationalVictimChanges => Set<NationalVictimChange>();

    public DbSet<NationalSignposting> NationalSignposting => Set<NationalSignposting>();
    public DbSet<NationalExportJob> NationalExportJobs => Set<NationalExportJob>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<TenantDefinition>()
            .HaveConversion<Configurations.TenantDefinitionConverter, Configurations.TenantDefinitionComparer>()
            .HaveColumnType("jsonb");
        // Value objects of a referral: columns of its row, never entities of their own.
        configurationBuilder.ComplexProperties<Offence>();
        configurationBuilder.ComplexProperties<Offender>();
        configurationBuilder.ComplexProperties<ReferringOfficer>();
        configurationBuilder.IgnoreAny<ReferralDetails>();
        configurationBuilder.IgnoreAny<ReferralTransition>();
        configurationBuilder.ComplexProperties<WorkshopSession>();
        configurationBuilder.ComplexProperties<MaterialFile>();
        configurationBuilder.IgnoreAny<ParticipantRunDetails>();
        configurationBuilder.IgnoreAny<AttendanceEntry>();
        configurationBuilder.IgnoreAny<FeedbackAnswer>();
        configurationBuilder.IgnoreAny<LicenceChange>();
        configurationBuilder.IgnoreAny<LicenceFieldChange>();
        configurationBuilder.IgnoreAny<QaDomainScore>();
        configurationBuilder.IgnoreAny<QaAction>();
        configurationBuilder.IgnoreAny<Reoffence>();
        configurationBuilder.Properties<IReadOnlyList<AttendanceEntry>>()
            .HaveConversion<Configurations.JsonColumnConverter<IReadOnlyList<AttendanceEntry>>, Configurations.JsonColumnComparer<IReadOnlyList<AttendanceEntry>>>()
            .HaveColumnType("jsonb");
        configurationBuilder.Properties<IReadOnlyList<FeedbackAnswer>>()
            .HaveConversion<Configurations.JsonColumnConverter<IReadOnlyList<FeedbackAnswer>>, Configurations.JsonColumnComparer<IReadOnlyList<FeedbackAnswer>>>()
            .HaveColumnType("jsonb");
        configurationBuilder.Properties<IReadOnlyList<Reoffence>>()
            .HaveConversion<Configurations.JsonColumnConverter<IReadOnlyList<Reoffence>>, Configurations.JsonColumnComparer<IReadOnlyList<Reoffence>>>()
            .HaveColumnType("jsonb");
        configurationBuilder.Properties<ScreeningAnswers>()
            .HaveConversion<Configurations.JsonColumnConverter<ScreeningAnswers>, Configurations.JsonColumnComparer<ScreeningAnswers>>()
            .HaveColumnType("jsonb");
        configurationBuilder.Properties<LicenceTerms>()
            .HaveConversion<Configurations.JsonColumnConverter<LicenceTerms>, Configurations.JsonColumnComparer<LicenceTerms>>()
            .HaveColumnType("jsonb");
        configurationBuilder.Properties<List<LicenceChange>>()
            .HaveConversion<Configurations.JsonColumnConverter<List<LicenceChange>>, Configurations.JsonColumnComparer<List<LicenceChange>>>()
            .HaveColumnType("jsonb");
        configurationBuilder.Properties<List<QaDomainScore>>()
            .HaveConversion<Configurations.JsonColumnConverter<List<QaDomainScore>>, Configurations.JsonColumnComparer<List<QaDomainScore>>>()
            .HaveColumnType("jsonb");
        configurationBuilder.Properties<List<QaAction>>()
            .HaveConversion<Configurations.JsonColumnConverter<List<QaAction>>, Configurations.JsonColumnComparer<List<QaAction>>>()
            .HaveColumnType("jsonb");
        configurationBuilder.Properties<List<ReferralTransition>>()
            .HaveConversion<Configurations.JsonColumnConverter<List<ReferralTransition>>, Configurations.JsonColumnComparer<List<ReferralTransition>>>()
            .HaveColumnType("jsonb");
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict<Guid>();
        builder.ApplyConfigurationsFromAssembly(typeof(CaraDbContext).Assembly);
        ApplyTenantIsolation(builder);
    }

    /// <summary>
    /// Every entity is tenant-owned or explicitly global. Tenant-owned ones get the named tenant filter and a
    /// key led by tenant_id; a model with an entity that is neither does not build.
    /// </summary>
    private void ApplyTenantIsolation(ModelBuilder modelBuilder)
    {
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(e => !e.IsOwned()).ToList())
        {
            var clrType = entityType.ClrType;
            if (IsGlobal(clrType)) continue;
            if (!typeof(ITenantOwned).IsAssignableFrom(clrType))
                throw new InvalidOperationException(
                    $"{clrType.Name} is neither tenant-owned (ITenantOwned) nor marked [GlobalEntity].");

            var entity = modelBuilder.Entity(clrType);
            entity.HasKey(nameof(ITenantOwned.TenantId), "Id");
            entity.HasOne(typeof(Tenant)).WithMany().HasForeignKey(nameof(ITenantOwned.TenantId)).OnDelete(DeleteBehavior.Restrict);
            entity.HasQueryFilter(TenantFilter, TenantFilterFor(clrType));
        }
    }

    private static bool IsGlobal(Type clrType) =>
        clrType.GetCustomAttribute<GlobalEntityAttribute>() is not null
        || GlobalLibraryNamespaces.Any(ns => clrType.Namespace?.StartsWith(ns, StringComparison.Ordinal) == true);

    private LambdaExpression TenantFilterFor(Type clrType)
    {
        // e => (Guid?)e.TenantId == this.CurrentTenantId; EF Core reads the member off the running context.
        var entity = Expression.Parameter(clrType, "e");
        var rowTenant = Expression.Convert(Expression.Property(entity, nameof(ITenantOwned.TenantId)), typeof(Guid?));
        var contextTenant = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
        return Expression.Lambda(Expression.Equal(rowTenant, contextTenant), entity);
    }
}
