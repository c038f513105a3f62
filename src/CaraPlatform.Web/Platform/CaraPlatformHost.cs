using System.Text.Json.Serialization;
using CaraPlatform.Infrastructure;
using CaraPlatform.Web.Features.AuditLog;
using CaraPlatform.Web.Features.Clients;
using CaraPlatform.Web.Features.Competence;
using CaraPlatform.Web.Features.Connect;
using CaraPlatform.Web.Features.DemoData;
using CaraPlatform.Web.Features.ForceReports;
using CaraPlatform.Web.Features.Licences;
using CaraPlatform.Web.Features.Materials;
using CaraPlatform.Web.Features.Members;
using CaraPlatform.Web.Features.National;
using CaraPlatform.Web.Features.Notices;
using CaraPlatform.Web.Features.Outcomes;
using CaraPlatform.Web.Features.PlatformStaff;
using CaraPlatform.Web.Features.QaReviews;
using CaraPlatform.Web.Features.Referrals;
using CaraPlatform.Web.Features.Retention;
using CaraPlatform.Web.Features.SubjectAccess;
using CaraPlatform.Web.Features.Training;
using CaraPlatform.Web.Features.Venues;
using CaraPlatform.Web.Features.VictimContact;
using CaraPlatform.Web.Features.Workshops;
using CaraPlatform.Web.Platform.Mail;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.OpenApi;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CaraPlatform.Web.Platform;

/// <summary>The host's services and pipeline, in one place so that Program.cs reads as a table of contents.</summary>
public static class CaraPlatformHost
{
    public static void AddCaraPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCaraInfrastructure(builder.Configuration);
        builder.AddPublicAddress();
        builder.AddCaraIdentity();
        builder.AddPortal();
        builder.AddMail();
        builder.AddVenues();
        builder.AddConnect();
        builder.AddClients();
        builder.AddMembers();
        builder.AddPlatformStaff();
        builder.AddTraining();
        builder.AddLicences();
        builder.AddMaterials();
        builder.AddQaReviews();
        builder.AddReferrals();
        services.AddScoped<Idempotency>();
        builder.AddWorkshops();
        builder.AddVictimContact();
        builder.AddCompetence();
        services.ConfigurePerTenant<WorkshopOptions, CaraTenantInfo>(WorkshopOptions.FromTenant);
        builder.AddNotices();
        builder.AddOutcomes();
        builder.AddRetention();
        builder.AddForceReports();
        builder.AddAuditLog();
        builder.AddSubjectAccess();
        builder.AddNational();
        builder.AddDemoData();
        builder.AddCaraRateLimiting();
        services.AddCaraInputChecks();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier));
        // Handlers are asked in this order: an outage is answered as such whatever exception carried it.
        services.AddExceptionHandler<DatabaseOutageHandler>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures throw, so that ProblemExceptionHandler answers them with the field at fault.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // Swashbuckle describes schemas from MVC's JSON options: enums are strings on the wire, so in the document too.
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o =>
            o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));

        ValidatorOptions.Global.PropertyNameResolver = ValidationFilter.CamelCasePropertyName;
        services.AddValidatorsFromAssemblyContaining<Program>(
            filter: v => !typeof(IPartValidator).IsAssignableFrom(v.ValidatorType), includeInternalTypes: true);

        services.AddHealthChecks().AddDbContextCheck<CaraDbContext>(tags: ["ready"]);

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "CARA Platform API",
                Version = "v1",
                Description = "Tenant API under /api/v1/tenants/{tenant}/…: the tenant is the slug of the force area's CARA service. " +
                    "Errors are RFC 9457 problem details. Webhook events (police notices) are described by the AsyncAPI document at " +
                    EventDocuments.AsyncApiPath + ".",
                Contact = new OpenApiContact { Name = "CARA Platform team", Email = "platform@cara-platform.example.org" },
            });
            o.AddServer(new OpenApiServer { Url = "/", Description = "This deployment" });
            o.IncludeXmlComments(typeof(Program).Assembly);
            o.SupportNonNullableReferenceTypes();
            o.OperationFilter<TenantPathParameterFilter>();
            o.SchemaFilter<ExampleSchemaFilter>();
            o.OperationFilter<ScopeRequirementFilter>();
            o.AddSecurityDefinition(ScopeRequirementFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "Integrators: client credentials with the client id and secret your ProviderAdmin (or, for the national API, the LicenceAdmin) issued. " +
                    "People: authorization code with PKCE (S256) through an application the licence holder registered (scripts: cara-cli). Each operation names the one scope it needs; a " +
                    "person's token needs that scope as well as the role.",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri(IdentitySetup.TokenPath, UriKind.Relative),
                        Scopes = Domain.Access.ApiScopes.ClientScopes.Concat(Domain.Access.ApiScopes.NationalClientScopes).ToDictionary(s => s, s => s),
                    },
                    AuthorizationCode = new OpenApiOAuthFlow
                    {
                        AuthorizationUrl = new Uri(IdentitySetup.AuthorizePath, UriKind.Relative),
                        TokenUrl = new Uri(IdentitySetup.TokenPath, UriKind.Relative),
                        Scopes = Domain.Access.ApiScopes.Every.ToDictionary(s => s, s => s),
                    },
                },
            });
        });
    }

    public static void UseCaraPlatform(this WebApplication app)
    {
        // First, so that everything after sees the scheme and client address the ingress saw (from known proxies only).
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePortalStatusPages();
        app.UseStaticFiles();
        app.UseSwagger();
        app.UseSwaggerUI(o => o.SwaggerEndpoint("/swagger/v1/swagger.json", "CARA Platform API v1"));
        app.UseCaraInputChecks();
        app.UseRouting();
        app.UseMultiTenant<CaraTenantInfo>();
        app.UseCaraRateLimiting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCaraApiQuota();
    }

    public static void MapCaraEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();

        app.MapConnect();
        app.MapPortal();

        var tenantApi = app.MapGroup("/api/v1/tenants/{tenant}").AddEndpointFilterFactory(InputChecks.BoundedDateParameters);
        tenantApi.MapVenues();
        tenantApi.MapTenantMaterials();
        tenantApi.MapClients();
        tenantApi.MapMembers();
        tenantApi.MapReferrals();
        tenantApi.MapWorkshops();
        tenantApi.MapVictimContact();
        tenantApi.MapNotices();
        tenantApi.MapOutcomes();
        tenantApi.MapRetention();
        tenantApi.MapForceReports();
        tenantApi.MapAuditLog();
        tenantApi.MapSubjectAccess();
        tenantApi.MapTenantQaReviews();
        app.MapEventDocuments();

        var nationalApi = app.MapGroup("/api/v1/national").AddEndpointFilterFactory(InputChecks.BoundedDateParameters);
        nationalApi.MapPlatformStaff();
        nationalApi.MapNationalClients();
        nationalApi.MapLicences();
        nationalApi.MapMaterials();
        nationalApi.MapTraining();
        nationalApi.MapQaReviews();
        nationalApi.MapNational();
    }
}
