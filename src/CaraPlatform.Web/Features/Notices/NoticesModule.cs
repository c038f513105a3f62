using CaraPlatform.Domain.Access;
using CaraPlatform.Web.Platform.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>Services of the notices feature: the dispatcher, its HTTP client and options, the inbox, the portal policy.</summary>
public static class NoticesModule
{
    /// <summary>Portal pages of the inbox: the SPOC, and the provider staff who answer to them.</summary>
    public const string InboxReadersPolicy = "NoticeInboxReaders";

    public static readonly TenantRole[] InboxReaders = [TenantRole.ForceSpoc, TenantRole.Coordinator, TenantRole.ProviderAdmin];

    public static void AddNotices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NoticeDispatchOptions>()
            .Bind(builder.Configuration.GetSection(NoticeDispatchOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => !o.Problems().Any(), $"{NoticeDispatchOptions.Section} is inconsistent: check PollInterval, backoff, RequestTimeout and Lease.")
            .ValidateOnStart();
        services.AddHttpClient(NoticeDispatcher.HttpClientName, (sp, http) =>
            {
                // The dispatcher cancels each request at RequestTimeout itself; this is only a backstop.
                http.Timeout = sp.GetRequiredService<IOptions<NoticeDispatchOptions>>().Value.RequestTimeout + TimeSpan.FromSeconds(5);
                http.DefaultRequestHeaders.UserAgent.ParseAdd("CARA-Platform-Webhooks/1");
            })
            // A redirect could carry a signed notice somewhere the tenant never named.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<NoticeDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeDispatcher>());
        services.AddScoped<PoliceNotices>();
        services.AddAuthorizationBuilder().AddPolicy(InboxReadersPolicy, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new TenantAccessRequirement(null, InboxReaders)));
    }
}
