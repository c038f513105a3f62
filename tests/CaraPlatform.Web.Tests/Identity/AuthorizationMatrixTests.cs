using CaraPlatform.Domain.Training;
using CaraPlatform.Web.Features.PlatformStaff;
using CaraPlatform.Web.Features.Training;
using CaraPlatform.Web.Tests.Features.Training;

namespace CaraPlatform.Web.Tests.Identity;

/// <summary>
/// Generated from the host's endpoint list, so that a new endpoint cannot escape it: every endpoint declares its
/// policy, and every tenant API endpoint answers each kind of caller as its declared access says.
/// </summary>
public sealed class AuthorizationMatrixTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";

    private IReadOnlyList<RouteEndpoint> Endpoints =>
        [.. fixture.Web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    [Fact]
    public void Every_endpoint_declares_its_policy_or_that_it_is_anonymous()
    {
        var undeclared = Endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && e.Metadata.GetMetadata<IAuthorizeData>() is null
                && e.Metadata.GetMetadata<AuthorizationPolicy>() is null)
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText)
            .ToList();
        Assert.Empty(undeclared);
        Assert.True(Endpoints.Count > 10, "the endpoint list was read");
    }

    [Fact]
    public async Task Every_tenant_API_endpoint_answers_each_caller_as_its_access_declares()
    {
        var endpoints = Endpoints.Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/tenants/{tenant}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(endpoints);
        var routeValues = await ExampleRouteValuesAsync();

        var callers = new List<Caller<TenantAccessRequirement>>
        {
            new("anonymous", fixture.Web.CreateClient(), _ => HttpStatusCode.Unauthorized),
            new("platform role without membership", await fixture.PersonApiAsync("licence-admin@hamptontrust.demo"), _ => HttpStatusCode.NotFound),
            new("client with every scope", await fixture.ApiClientAsync(Tenant), r => r.ClientsMayCall ? null : HttpStatusCode.Forbidden),
            new("client of another tenant", await fixture.ApiClientAsync("west-yorkshire"), _ => HttpStatusCode.NotFound),
        };
        // The token-scope dimension: a client reaches only what its one scope opens.
        foreach (var scope in ApiScopes.ClientScopes)
        {
            callers.Add(new($"client with {scope} only", await fixture.ApiClientAsync(Tenant, scope),
                r => r.ClientsMayCall && r.Scope == scope ? null : HttpStatusCode.Forbidden));
        }

        // A national client is bound to no tenant: every tenant is one it is not bound to.
        foreach (var (name, scopes) in NationalClientKinds)
            callers.Add(new($"national client with {name}", await NationalClientAsync(scopes), _ => HttpStatusCode.NotFound));

        foreach (var (local, role) in TenantPeople)
        {
            var email = $"{local}@hampshire.demo";
            callers.Add(new($"{role} of {Tenant}", await fixture.PersonApiAsync(email), r => r.Roles.Contains(role) ? null : HttpStatusCode.Forbidden));
            callers.Add(new($"{role} of west-yorkshire", await fixture.PersonApiAsync($"{local}@west-yorkshire.demo"), _ => HttpStatusCode.NotFound));
            // The role is not enough: a token granted openid alone reaches nothing, and one granted every scope but
            // an endpoint's own is refused there.
            callers.Add(new($"{role} of {Tenant} with openid only", await fixture.PersonApiAsync(email, scope: "openid"), _ => HttpStatusCode.Forbidden));
            foreach (var missing in ApiScopes.Every.Where(s => s != ApiScopes.PlatformAdmin))
            {
                callers.Add(new($"{role} of {Tenant} without {missing}", await fixture.PersonApiAsync(email, scope: EveryScopeBut(missing)),
                    _ => HttpStatusCode.Forbidden, Applies: r => r.Scope == missing));
            }
        }

        var failures = await FailuresAsync(endpoints, routeValues, callers);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_licence_holder_endpoint_answers_each_caller_as_its_platform_roles_declare()
    {
        var endpoints = Endpoints.Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/national", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(endpoints);
        var routeValues = await NationalRouteValuesAsync();

        var callers = new List<Caller<PlatformAccessRequirement>>
        {
            new("anonymous", fixture.Web.CreateClient(), _ => HttpStatusCode.Unauthorized),
            new("client with every scope", await fixture.ApiClientAsync(Tenant), _ => HttpStatusCode.Forbidden),
            new("ProviderAdmin of a tenant", await fixture.PersonApiAsync("admin@hampshire.demo"), _ => HttpStatusCode.Forbidden),
        };
        foreach (var (name, scopes) in NationalClientKinds)
        {
            callers.Add(new($"national client with {name}", await NationalClientAsync(scopes),
                r => r.ClientsMayCall && scopes.Contains(r.Scope) ? null : HttpStatusCode.Forbidden));
        }

        foreach (var (local, role) in PlatformPeople)
        {
            var email = $"{local}@hamptontrust.demo";
            callers.Add(new(role.ToString(), await fixture.PersonApiAsync(email), r => r.Roles.Contains(role) ? null : HttpStatusCode.Forbidden));
            callers.Add(new($"{role} with openid only", await fixture.PersonApiAsync(email, scope: "openid"), _ => HttpStatusCode.Forbidden));
            foreach (var missing in ApiScopes.PersonScopes)
            {
                callers.Add(new($"{role} without {missing}", await fixture.PersonApiAsync(email, scope: EveryScopeBut(missing)),
                    _ => HttpStatusCode.Forbidden, Applies: r => r.Scope == missing));
            }
        }

        var failures = await FailuresAsync(endpoints, routeValues, callers);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A record no one can sign off (not facilitator training), so that the sign-off answers its callers without a change.</summary>
    private async Task<Guid> TrainingRecordAsync()
    {
        var person = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        var record = await (await (await fixture.PersonApiAsync("trainer@hamptontrust.demo")).PostJson("/api/v1/national/training/records",
            new RecordTrainingRequest(person.UserId, TrainingCourseKind.CoordinatorInduction, new DateOnly(2026, 1, 5), null))).ReadAs<TrainingRecordResponse>(HttpStatusCode.Created);
        return record.Id;
    }

    /// <summary>An event a month away: too early to complete, so completing it changes nothing.</summary>
    private async Task<Guid> TrainingEventAsync()
    {
        var on = UkCalendar.DateOf(DateTimeOffset.UtcNow).AddDays(30);
        var scheduled = await (await (await fixture.PersonApiAsync("trainer@hamptontrust.demo")).PostJson("/api/v1/national/training/events",
            new ScheduleEventRequest(TrainingCourseKind.FacilitatorRefresher, on, on, await TrainingEventApiTests.TrainerIdAsync(fixture), null, 10)))
            .ReadAs<EventResponse>(HttpStatusCode.Created);
        return scheduled.Id;
    }

    private static readonly (string Local, TenantRole Role)[] TenantPeople =
    [
        ("admin", TenantRole.ProviderAdmin), ("coordinator", TenantRole.Coordinator), ("facilitator", TenantRole.Facilitator),
        ("victim-contact", TenantRole.VictimContactWorker), ("spoc", TenantRole.ForceSpoc), ("dpo", TenantRole.DataProtectionOfficer),
    ];

    /// <summary>The token-scope dimension of national clients: each scope alone, and all of them.</summary>
    private static readonly (string Name, string[] Scopes)[] NationalClientKinds =
    [
        .. ApiScopes.NationalClientScopes.Select(s => ($"{s} only", new[] { s })),
        ("every national scope", [.. ApiScopes.NationalClientScopes]),
    ];

    private async Task<IssuedClientResponse> CreateNationalClientAsync(string[] scopes) =>
        await (await (await fixture.PersonApiAsync("licence-admin@hamptontrust.demo"))
            .PostJson("/api/v1/national/clients", new CreateNationalClientRequest("Matrix test", scopes))).ReadAs<IssuedClientResponse>(HttpStatusCode.Created);

    private async Task<HttpClient> NationalClientAsync(string[] scopes)
    {
        var issued = await CreateNationalClientAsync(scopes);
        return fixture.Bearer(await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), issued.Client.ClientId, issued.ClientSecret, string.Join(" ", scopes)));
    }

    private static string EveryScopeBut(string missing) =>
        string.Join(" ", UserTokens.EveryScope.Split(' ').Where(s => s != missing));

    /// <summary>Someone calling the API, what each endpoint should answer them (null: allowed), and which endpoints to try.</summary>
    private sealed record Caller<TRequirement>(
        string Name, HttpClient Http, Func<TRequirement, HttpStatusCode?> Expected, Func<TRequirement, bool>? Applies = null);

    [Fact]
    public async Task Every_tenant_portal_page_answers_each_caller_as_its_policy_declares()
    {
        var policies = fixture.Web.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var routeValues = await ExampleRouteValuesAsync();
        var pages = new List<(string Url, TenantAccessRequirement Requirement)>();
        foreach (var endpoint in Endpoints.Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("t/{tenant}", StringComparison.Ordinal)))
        {
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) continue; // e.g. an invitation link, checked by its own tests
            // Folder policies add up (every page under /Tenant needs membership, /Tenant/Admin also ProviderAdmin):
            // the roles that pass are those every policy allows.
            var requirements = new List<TenantAccessRequirement>();
            foreach (var policyName in endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>())
                requirements.AddRange((await policies.GetPolicyAsync(policyName))!.Requirements.OfType<TenantAccessRequirement>());
            Assert.True(requirements.Count > 0, $"{endpoint.RoutePattern.RawText} has no tenant access policy");
            var roles = requirements.Select(r => r.Roles.AsEnumerable()).Aggregate((a, b) => a.Intersect(b)).ToList();
            pages.Add(("/" + Url(endpoint, routeValues).TrimStart('/'), new TenantAccessRequirement(null, roles)));
        }

        Assert.NotEmpty(pages);
        var callers = new List<(string Name, HttpClient Http, Func<TenantAccessRequirement, string> Expected)>
        {
            ("anonymous", UserTokens.Browser(fixture.Web), _ => "sign-in"),
            ("platform role without membership", await SessionAsync("licence-admin@hamptontrust.demo"), _ => "404"),
        };
        foreach (var (local, role) in TenantPeople)
        {
            callers.Add(($"{role} of {Tenant}", await SessionAsync($"{local}@hampshire.demo"), r => r.Roles.Contains(role) ? "200" : "access-denied"));
            callers.Add(($"{role} of west-yorkshire", await SessionAsync($"{local}@west-yorkshire.demo"), _ => "404"));
        }

        Assert.Empty(await PageFailuresAsync(pages, callers));
    }

    [Fact]
    public async Task Every_licence_holder_portal_page_answers_each_caller_as_its_platform_roles_declare()
    {
        var policies = fixture.Web.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var routeValues = await NationalRouteValuesAsync();
        var pages = new List<(string Url, IReadOnlyList<PlatformRole> Roles)>();
        foreach (var endpoint in Endpoints.Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("national", StringComparison.Ordinal)
            && !e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal)))
        {
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) continue; // e.g. a staff invitation link, checked by its own tests
            var requirements = new List<NationalPageRequirement>();
            foreach (var policyName in endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>())
                requirements.AddRange((await policies.GetPolicyAsync(policyName))!.Requirements.OfType<NationalPageRequirement>());
            Assert.True(requirements.Count > 0, $"{endpoint.RoutePattern.RawText} has no licence-holder page policy");
            var roles = requirements.Select(r => r.Roles.AsEnumerable()).Aggregate((a, b) => a.Intersect(b)).ToList();
            pages.Add(("/" + Url(endpoint, routeValues).TrimStart('/'), roles));
        }

        Assert.Contains(pages, p => p.Url == "/national");
        var callers = new List<(string Name, HttpClient Http, Func<IReadOnlyList<PlatformRole>, string> Expected)>
        {
            ("anonymous", UserTokens.Browser(fixture.Web), _ => "sign-in"),
        };
        foreach (var (local, role) in PlatformPeople)
            callers.Add((role.ToString(), await SessionAsync($"{local}@hamptontrust.demo"), roles => roles.Contains(role) ? "200" : "access-denied"));
        // Tenant people, whatever their role, do not learn the workspace exists.
        foreach (var (local, role) in TenantPeople)
            callers.Add(($"{role} of {Tenant}", await SessionAsync($"{local}@hampshire.demo"), _ => "404"));

        Assert.Empty(await PageFailuresAsync(pages, callers));
    }

    /// <summary>Opens every page as every caller; each answers what the caller's expectation of its access says.</summary>
    private static async Task<List<string>> PageFailuresAsync<TAccess>(
        IEnumerable<(string Url, TAccess Access)> pages, IEnumerable<(string Name, HttpClient Http, Func<TAccess, string> Expected)> callers)
    {
        var failures = new List<string>();
        foreach (var (url, access) in pages)
        {
            foreach (var (name, http, expected) in callers)
            {
                var response = await http.GetAsync(url);
                var location = response.Headers.Location?.ToString() ?? "";
                var got = response.StatusCode switch
                {
                    HttpStatusCode.Redirect when location.Contains("access-denied", StringComparison.Ordinal) => "access-denied",
                    HttpStatusCode.Redirect when location.Contains("ReturnUrl", StringComparison.Ordinal) => "sign-in",
                    var status => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
                if (got != expected(access)) failures.Add($"GET {url} as {name}: got {got}, expected {expected(access)}");
            }
        }

        return failures;
    }

    private static readonly (string Local, PlatformRole Role)[] PlatformPeople =
    [
        ("licence-admin", PlatformRole.LicenceAdmin), ("trainer", PlatformRole.Trainer), ("qa", PlatformRole.QualityAssurer), ("analyst", PlatformRole.Analyst),
    ];

    /// <summary>An existing value for each route parameter of the licence-holder API and pages.</summary>
    private async Task<Dictionary<string, string>> NationalRouteValuesAsync()
    {
        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var staffInvitation = await scope.ServiceProvider.GetRequiredService<StaffInvitations>()
            .InviteAsync($"matrix-{Guid.NewGuid():N}@example.org", null, [PlatformRole.Analyst], null, new Uri("http://localhost/"), CancellationToken.None);
        var review = await Features.QaReviews.QaReviewApiTests.SubmittedAsync(fixture, Tenant);
        return new()
        {
            ["invitationId"] = staffInvitation.Invitation.Id.ToString(),
            ["tenant"] = Tenant,
            ["userId"] = (await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Facilitator)).UserId.ToString(),
            ["clientId"] = (await CreateNationalClientAsync([ApiScopes.LicencesRead])).Client.Id.ToString(),
            ["licenceId"] = (await LicenceIdAsync(Tenant)).ToString(),
            ["course"] = nameof(TrainingCourseKind.PoliceAwareness),
            ["recordId"] = (await TrainingRecordAsync()).ToString(),
            ["eventId"] = (await TrainingEventAsync()).ToString(),
            ["tableId"] = "funnel",
            ["format"] = "csv",
            ["runId"] = review.RunId.ToString(),
            ["reviewId"] = review.Id.ToString(),
            ["actionId"] = review.Actions[0].Id.ToString(),
            ["itemId"] = (await DemoMaterialAsync()).ItemId.ToString(),
            ["releaseId"] = (await DemoMaterialAsync()).Id.ToString(),
        };
    }

    /// <summary>The demo catalogue's English participant handout in force (delivery material: the tenant's planners read it).</summary>
    private async Task<CaraPlatform.Domain.Materials.MaterialRelease> DemoMaterialAsync()
    {
        await using var db = fixture.Database.SuperuserContext();
        return await db.MaterialReleases.Where(r => r.Status == CaraPlatform.Domain.Materials.MaterialReleaseStatus.Published)
            .Join(db.MaterialItems.Where(i => i.Title == "Participant handout" && i.Language == "en"), r => r.ItemId, i => i.Id, (r, _) => r).SingleAsync();
    }

    private async Task<HttpClient> SessionAsync(string email)
    {
        var browser = UserTokens.Browser(fixture.Web);
        Assert.Equal(HttpStatusCode.Redirect, (await UserTokens.SignInAsync(browser, email, "CaraDemo!2026")).StatusCode);
        return browser;
    }

    /// <summary>Calls every endpoint as every caller; each endpoint must carry one requirement of the kind expected.</summary>
    private static async Task<List<string>> FailuresAsync<TRequirement>(
        IEnumerable<RouteEndpoint> endpoints, Dictionary<string, string> routeValues, IEnumerable<Caller<TRequirement>> callers)
        where TRequirement : IAuthorizationRequirement
    {
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var requirement = endpoint.Metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<TRequirement>().SingleOrDefault();
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single();
            if (requirement is null)
            {
                failures.Add($"{method} {endpoint.RoutePattern.RawText}: no {typeof(TRequirement).Name}");
                continue;
            }

            var url = Url(endpoint, routeValues);
            foreach (var (name, http, expected, applies) in callers)
            {
                if (applies?.Invoke(requirement) == false) continue;
                var status = await SendAsync(http, method, url);
                var want = expected(requirement);
                if (!Matches(status, want)) failures.Add($"{method} {url} as {name}: got {(int)status}, expected {Describe(want)}");
            }
        }

        return failures;
    }

    /// <summary>The tenant's licence (the test fixture licenses every tenant), so that allowed callers read a real one.</summary>
    private async Task<Guid> LicenceIdAsync(string tenant)
    {
        var tenantId = (await fixture.Database.TenantAsync(tenant)).TenantId;
        await using var db = fixture.Database.AppContext(null);
        return await db.Licences.Where(l => l.TenantId == tenantId).Select(l => l.Id).SingleAsync();
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, string method, string url) =>
        (await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            // An empty object: allowed callers get a validation answer, never a change.
            Content = method is "POST" or "PUT" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null,
        })).StatusCode;

    private static bool Matches(HttpStatusCode status, HttpStatusCode? want) =>
        want is null
            ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound) && (int)status < 500
            : status == want;

    private static string Describe(HttpStatusCode? want) =>
        want is null ? "allowed" : ((int)want).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An existing value for each route parameter, so that "allowed" is not mistaken for "no such record".</summary>
    private async Task<Dictionary<string, string>> ExampleRouteValuesAsync()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var venue = (await (await api.GetAsync($"/api/v1/tenants/{Tenant}/venues")).ReadAs<List<VenueResponse>>()).First();
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        var client = await (await admin.PostJson($"/api/v1/tenants/{Tenant}/clients", new CreateClientRequest("Matrix test", ["venues.read"])))
            .ReadAs<IssuedClientResponse>(HttpStatusCode.Created);
        var invitation = await (await admin.PostJson($"/api/v1/tenants/{Tenant}/invitations",
            new CreateInvitationRequest($"matrix-{Guid.NewGuid():N}@example.org", [TenantRole.Facilitator]))).ReadAs<InvitationResponse>(HttpStatusCode.Created);
        // The demo facilitator is one of the run's two, so that the register pages (for the run's own facilitators) answer it 200.
        var demoFacilitator = await DemoUserIdAsync("facilitator@hampshire.demo");
        var second = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Facilitator);
        var run = await WorkshopApi.ScheduleAsync(api, Tenant, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20), demoFacilitator, second.UserId);
        // The referral is the run's participant, so that the demo facilitator may read it too.
        var referral = await WorkshopApi.EligibleAsync(api, Tenant);
        var booking = await WorkshopApi.BookAsync(api, Tenant, run, referral);
        var review = await Features.QaReviews.QaReviewApiTests.SubmittedAsync(fixture, Tenant);
        return new Dictionary<string, string>
        {
            ["releaseId"] = (await DemoMaterialAsync()).Id.ToString(),
            ["reviewId"] = review.Id.ToString(),
            ["actionId"] = review.Actions[0].Id.ToString(),
            ["tenant"] = Tenant,
            ["referralId"] = referral.Id.ToString(),
            ["runId"] = run.Id.ToString(),
            ["bookingId"] = booking.Id.ToString(),
            ["workshop"] = "Workshop1",
            ["venueId"] = venue.Id.ToString(),
            ["clientId"] = client.Client.Id.ToString(),
            ["memberId"] = (await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Facilitator)).MembershipId.ToString(),
            ["invitationId"] = invitation.Id.ToString(),
            ["noticeId"] = (await InboxNoticeAsync()).ToString(),
            ["caseId"] = (await VictimCaseIdAsync(referral.Id)).ToString(),
            ["policeReference"] = Uri.EscapeDataString(referral.PoliceReference),
            ["months"] = "6",
            ["month"] = await ForceReportMonthAsync(),
            ["format"] = "pdf",
        };
    }

    /// <summary>A month with a force report of the tenant's (made here, once: a second making of the month is a no-op).</summary>
    private async Task<string> ForceReportMonthAsync()
    {
        var month = new DateOnly(2019, 1, 1);
        var tenant = await fixture.Database.TenantAsync(Tenant);
        using (fixture.Web.Services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(tenant))
        {
            await using var scope = fixture.Web.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CaraPlatform.Web.Features.ForceReports.ForceReportMaker>().MakeAsync(tenant, month, default);
        }

        return CaraPlatform.Domain.ForceReports.ForceReport.Key(month);
    }

    private async Task<Guid> VictimCaseIdAsync(Guid referralId)
    {
        await using var db = fixture.Database.AppContext(await fixture.Database.TenantAsync(Tenant), fixture.Web.Services);
        return await db.VictimCases.Where(c => c.ReferralId == referralId).Select(c => c.Id).SingleAsync();
    }

    private async Task<Guid> DemoUserIdAsync(string email)
    {
        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CaraPlatform.Infrastructure.Identity.CaraUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    /// <summary>
    /// A notice in the SPOC inbox with nothing left to send (so no dispatcher ever picks it up): allowed callers
    /// mark it read (204) or are told it cannot be replayed (409).
    /// </summary>
    private async Task<Guid> InboxNoticeAsync()
    {
        var clock = TimeProvider.System;
        var (_, noticeId, _) = await Features.Notices.NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock);
        await using var db = fixture.Database.AppContext(await fixture.Database.TenantAsync(Tenant), fixture.Web.Services);
        var notice = await db.PoliceNotices.SingleAsync(n => n.Id == noticeId);
        notice.InboxDeliveredAt = clock.GetUtcNow();
        notice.WebhookState = WebhookDeliveryState.NotConfigured;
        await db.SaveChangesAsync();
        return noticeId;
    }

    private static string Url(RouteEndpoint endpoint, Dictionary<string, string> values) =>
        RouteUrls.Fill(endpoint, name => values.TryGetValue(name, out var value)
            ? value
            : throw new Xunit.Sdk.XunitException($"Add an example value for {{{name}}} used by {endpoint.RoutePattern.RawText}."));
}
