namespace CaraPlatform.Web.Platform.Access;

/// <summary>
/// A licence-holder page: the Identity cookie of a person holding one of <see cref="Roles"/> as a platform role, read
/// from the account on every request. A person with no platform role at all gets 404, so that the workspace is not
/// revealed to tenant staff; licence-holder staff without the role get 403.
/// </summary>
public sealed class NationalPageRequirement(IReadOnlyList<PlatformRole> roles) : IAuthorizationRequirement
{
    public IReadOnlyList<PlatformRole> Roles { get; } = roles;

    public override string ToString() => $"licence-holder page: platform roles {string.Join("/", Roles)}";
}

internal sealed class NationalPageHandler(UserManager<CaraUser> users) : AuthorizationHandler<NationalPageRequirement>
{
    public const string NotLicenceHolder = "not-licence-holder";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, NationalPageRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true || context.User.PersonId() is not { } id) return;
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null || user.PlatformRoles.Count == 0) context.Fail(new AuthorizationFailureReason(this, NotLicenceHolder));
        else if (user.PlatformRoles.Intersect(requirement.Roles).Any()) context.Succeed(requirement);
    }
}

/// <summary>The licence holder's page policies, by who may use the page.</summary>
public static class NationalPolicies
{
    /// <summary>Anyone holding a platform role: the national home.</summary>
    public const string Staff = "National.Staff";

    /// <summary>Licences, staff, invitations and national integration clients: LicenceAdmin.</summary>
    public const string LicenceAdmin = "National.LicenceAdmin";

    /// <summary>Training and supervision records: Trainer and LicenceAdmin.</summary>
    public const string Training = "National.Training";

    /// <summary>Reading training records (quality assurance looks at who delivers): Trainer, LicenceAdmin and QualityAssurer.</summary>
    public const string TrainingRead = "National.TrainingRead";

    /// <summary>The pseudonymised national data and its dashboard: Analyst and LicenceAdmin.</summary>
    public const string Data = "National.Data";

    /// <summary>Quality-assurance reviews, read: QualityAssurer and LicenceAdmin.</summary>
    public const string QaRead = "National.QaRead";

    /// <summary>Recording and verifying quality-assurance reviews: QualityAssurer.</summary>
    public const string QaWrite = "National.QaWrite";

    public static AuthorizationBuilder AddNationalPagePolicies(this AuthorizationBuilder policies) => policies
        .AddNationalPagePolicy(Staff, Enum.GetValues<PlatformRole>())
        .AddNationalPagePolicy(LicenceAdmin, PlatformRole.LicenceAdmin)
        .AddNationalPagePolicy(Training, PlatformRole.Trainer, PlatformRole.LicenceAdmin)
        .AddNationalPagePolicy(TrainingRead, PlatformRole.Trainer, PlatformRole.LicenceAdmin, PlatformRole.QualityAssurer)
        .AddNationalPagePolicy(Data, PlatformRole.Analyst, PlatformRole.LicenceAdmin)
        .AddNationalPagePolicy(QaRead, PlatformRole.QualityAssurer, PlatformRole.LicenceAdmin)
        .AddNationalPagePolicy(QaWrite, PlatformRole.QualityAssurer);

    public static AuthorizationBuilder AddNationalPagePolicy(this AuthorizationBuilder policies, string name, params PlatformRole[] roles) =>
        policies.AddPolicy(name, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new NationalPageRequirement(roles)));
}
