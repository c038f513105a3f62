using CaraPlatform.Domain.Notices;
using CaraPlatform.Infrastructure.Events;
using CaraPlatform.Infrastructure.Hosting;
using CaraPlatform.Web.Platform.DataProtection;
using CaraPlatform.Web.Portal.Home;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>
/// The notices module: what the police are told about their referrals. <see cref="PoliceNoticeConsumer"/> makes a
/// notice of each referral event they may hear of, <see cref="NoticeDispatcher"/> delivers it to the SPOC inbox and
/// the tenant's webhook, and the API and the portal (<c>/t/{tenant}/notices</c>, <c>/t/{tenant}/admin/webhooks</c>)
/// read the inbox and the delivery log. Nothing here changes a referral.
/// </summary>
public static class NoticesModule
{
    public const int DefaultPageSize = 25;

    public const int MaxPageSize = 100;

    public static void AddNotices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddTenantEventConsumer<PoliceNoticeConsumer>();
        services.AddScoped<ISubjectAccessSource, NoticeSubjectAccess>();
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
        services.AddSingleton<PoliceNoticeSignal>();
        services.AddSingleton<IDatabaseNotificationHandler>(sp => sp.GetRequiredService<PoliceNoticeSignal>());
        services.AddHostedSingleton<NoticeDispatcher>();
        services.AddScoped<NoticeInbox>();
        services.AddScoped<WebhookDeliveryLog>();
        services.AddScoped<IPersonalDataEraser, NoticeEraser>();
        services.AddAuthorizationBuilder().AddTenantPagePolicy(NoticeAccess.InboxReadersPolicy, NoticeAccess.InboxReaders);
        services.AddPortalLink(new("Notices", "notices", NoticeAccess.InboxReaders, 50)
        {
            Count = (sp, roles, user, ct) => sp.GetRequiredService<NoticeInbox>().UnreadForAsync(roles, user, ct),
        });
        services.AddPortalLink(new("Webhooks", "admin/webhooks", NoticeAccess.WebhookAdmins, 80));
        services.AddHomeWork<NoticeHomeWork>();
    }

    public static void MapNotices(this RouteGroupBuilder tenantApi)
    {
        var notices = tenantApi.MapGroup("/notices").WithTags("Notices");
        notices.MapGet("/", Inbox).WithName("ListNotices").WithSummary("The SPOC inbox: notices to the police, newest first")
            .WithDescription("Notices the dispatcher has put in the inbox: returns, bookings, completions, breaches and deadline warnings. " +
                "Each item carries only what was sent to the police. unread=true lists unread notices only; unreadCount always counts the " +
                $"whole inbox. Pages of at most {MaxPageSize} (default {DefaultPageSize}); pass nextCursor as cursor for older notices.")
            .ProducesValidationProblem()
            .RequireTenantApiAccess(ApiScopes.ReferralsRead, NoticeAccess.InboxReaders);
        notices.MapPost("/{noticeId:guid}/read", MarkRead).WithName("MarkNoticeRead").WithSummary("Mark a notice read")
            .WithDescription("For the force's SPOC, or an integration client reading the inbox (referrals.read). Idempotent: reading a notice again keeps the first time it was read. 404 when the inbox has no such notice.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireTenantApiAccess(ApiScopes.ReferralsRead, NoticeAccess.InboxMarkers);
        notices.MapPost("/{noticeId:guid}/replay", Replay).WithName("ReplayNotice").WithTags("Webhooks")
            .WithSummary("Send a notice to the webhook again")
            .WithDescription("A Delivered or Failed notice goes back to Pending with its attempts reset; the dispatcher sends it again with the same " +
                "event id and body, so a receiver that already has it can recognise it. 409 while it is Pending or when the tenant had no webhook " +
                "(NotConfigured). Audited.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.TenantAdmin, NoticeAccess.WebhookAdmins);

        tenantApi.MapGet("/webhook/deliveries", Deliveries).WithName("ListWebhookDeliveries").WithTags("Webhooks")
            .WithSummary("The webhook delivery log, newest notice first")
            .WithDescription("Every notice with its webhook state and each attempt made (status code or error, duration). state filters by " +
                $"Pending, Delivered, Failed or NotConfigured. Pages of at most {MaxPageSize} (default {DefaultPageSize}); pass nextCursor as cursor for older ones.")
            .ProducesValidationProblem()
            .RequireTenantApiAccess(ApiScopes.TenantAdmin, NoticeAccess.WebhookAdmins);
    }

    /// <param name="inbox">The tenant's inbox.</param>
    /// <param name="user">Caller, for the audit trail; a SPOC sees the notices of their forces' referrals.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <param name="cursor">nextCursor of the previous page; omit for the newest notices.</param>
    /// <param name="limit">Notices per page, 1 to 100.</param>
    /// <param name="unread">Only notices nobody has read yet.</param>
    private static async Task<Results<Ok<NoticePageResponse>, ValidationProblem>> Inbox(
        NoticeInbox inbox, ClaimsPrincipal user, CancellationToken cancellationToken, string? cursor = null, int limit = DefaultPageSize, bool unread = false)
    {
        if (!TryPaging(cursor, limit, out var after, out var problem)) return problem;
        return TypedResults.Ok(await inbox.PageAsync(after, limit, unread, user, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(
        Guid noticeId, NoticeInbox inbox, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await inbox.MarkReadAsync(noticeId, user, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Notice not found");

    private static async Task<Results<Accepted, ProblemHttpResult>> Replay(
        Guid noticeId, WebhookDeliveryLog log, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var (outcome, state) = await log.ReplayAsync(
            noticeId, user.PersonId(), null, http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return outcome switch
        {
            ReplayOutcome.Replayed => TypedResults.Accepted((string?)null),
            ReplayOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Notice not found"),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only a Delivered or Failed notice can be replayed",
                detail: $"The notice is {state}."),
        };
    }

    /// <param name="log">The tenant's delivery log.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <param name="cursor">nextCursor of the previous page; omit for the newest.</param>
    /// <param name="limit">Deliveries per page, 1 to 100.</param>
    /// <param name="state">Only deliveries in this state.</param>
    private static async Task<Results<Ok<DeliveryPageResponse>, ValidationProblem>> Deliveries(
        WebhookDeliveryLog log, CancellationToken cancellationToken, string? cursor = null, int limit = DefaultPageSize, WebhookDeliveryState? state = null)
    {
        if (!TryPaging(cursor, limit, out var after, out var problem)) return problem;
        return TypedResults.Ok(await log.PageAsync(after, limit, state, cancellationToken));
    }

    private static bool TryPaging(string? cursor, int limit, out KeysetCursor? after, out ValidationProblem problem)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > MaxPageSize) errors["limit"] = [$"limit must be between 1 and {MaxPageSize}."];
        if (!KeysetCursor.TryParse(cursor, out after)) errors["cursor"] = ["cursor is not one this API gave out."];
        problem = TypedResults.ValidationProblem(errors);
        return errors.Count == 0;
    }
}
