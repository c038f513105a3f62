using System.Security.Claims;
using CaraPlatform.Domain.Access;
using CaraPlatform.Domain.Notices;
using CaraPlatform.Web.Platform;
using CaraPlatform.Web.Platform.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>
/// The SPOC inbox of police notices and the webhook delivery log. Notices are written by the referral change they
/// report and delivered by <see cref="NoticeDispatcher"/>; nothing here sends anything.
/// </summary>
public static class NoticeEndpoints
{
    public const int DefaultPageSize = 25;

    public static void MapNotices(this RouteGroupBuilder tenantApi)
    {
        var notices = tenantApi.MapGroup("/notices").WithTags("Notices");
        notices.MapGet("/", Inbox).WithName("ListNotices").WithSummary("The SPOC inbox: notices to the police, newest first")
            .WithDescription("Notices the dispatcher has put in the inbox: returns, bookings, completions, breaches and deadline warnings. " +
                "Each item carries only what was sent to the police. unread=true lists unread notices only; unreadCount always counts the " +
                $"whole inbox. Pages of at most {PoliceNotices.MaxPageSize} (default {DefaultPageSize}); pass nextCursor as cursor for older notices.")
            .ProducesValidationProblem()
            .RequireTenantApiAccess(ApiScopes.ReferralsRead, TenantRole.ForceSpoc, TenantRole.Coordinator, TenantRole.ProviderAdmin);
        notices.MapPost("/{noticeId:guid}/read", MarkRead).WithName("MarkNoticeRead").WithSummary("Mark a notice read")
            .WithDescription("For the force's SPOC, or an integration client reading the inbox (referrals.read). Idempotent: reading a notice again keeps the first time it was read. 404 when the inbox has no such notice.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireTenantApiAccess(ApiScopes.ReferralsRead, TenantRole.ForceSpoc);
        notices.MapPost("/{noticeId:guid}/replay", Replay).WithName("ReplayNotice").WithTags("Webhooks")
            .WithSummary("Send a notice to the webhook again")
            .WithDescription("A Delivered or Failed notice goes back to Pending with its attempts reset; the dispatcher sends it again with the same " +
                "event id and body, so a receiver that already has it can recognise it. 409 while it is Pending or when the tenant had no webhook " +
                "(NotConfigured). Audited.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.TenantAdmin, TenantRole.ProviderAdmin);

        tenantApi.MapGet("/webhook/deliveries", Deliveries).WithName("ListWebhookDeliveries").WithTags("Webhooks")
            .WithSummary("The webhook delivery log, newest notice first")
            .WithDescription("Every notice with its webhook state and each attempt made (status code or error, duration). state filters by " +
                $"Pending, Delivered, Failed or NotConfigured. Pages of at most {PoliceNotices.MaxPageSize} (default {DefaultPageSize}); pass nextCursor as cursor for older ones.")
            .ProducesValidationProblem()
            .RequireTenantApiAccess(ApiScopes.TenantAdmin, TenantRole.ProviderAdmin);
    }

    /// <param name="notices">The tenant's notices.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <param name="cursor">nextCursor of the previous page; omit for the newest notices.</param>
    /// <param name="limit">Notices per page, 1 to 100.</param>
    /// <param name="unread">Only notices nobody has read yet.</param>
    private static async Task<Results<Ok<NoticePageResponse>, ValidationProblem>> Inbox(
        PoliceNotices notices, CancellationToken cancellationToken, string? cursor = null, int limit = DefaultPageSize, bool unread = false)
    {
        if (!TryPaging(cursor, limit, out var after, out var problem)) return problem;
        return TypedResults.Ok(await notices.InboxAsync(after, limit, unread, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid noticeId, PoliceNotices notices, CancellationToken cancellationToken) =>
        await notices.MarkReadAsync(noticeId, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Notice not found");

    private static async Task<Results<Accepted, ProblemHttpResult>> Replay(
        Guid noticeId, PoliceNotices notices, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var (outcome, state) = await notices.ReplayAsync(
            noticeId, user.PersonId(), null, http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return outcome switch
        {
            ReplayOutcome.Replayed => TypedResults.Accepted((string?)null),
            ReplayOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Notice not found"),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only a Delivered or Failed notice can be replayed",
                detail: $"The notice is {state}."),
        };
    }

    /// <param name="notices">The tenant's notices.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <param name="cursor">nextCursor of the previous page; omit for the newest.</param>
    /// <param name="limit">Deliveries per page, 1 to 100.</param>
    /// <param name="state">Only deliveries in this state.</param>
    private static async Task<Results<Ok<DeliveryPageResponse>, ValidationProblem>> Deliveries(
        PoliceNotices notices, CancellationToken cancellationToken, string? cursor = null, int limit = DefaultPageSize, WebhookDeliveryState? state = null)
    {
        if (!TryPaging(cursor, limit, out var after, out var problem)) return problem;
        return TypedResults.Ok(await notices.DeliveriesAsync(after, limit, state, cancellationToken));
    }

    private static bool TryPaging(string? cursor, int limit, out KeysetCursor? after, out ValidationProblem problem)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > PoliceNotices.MaxPageSize) errors["limit"] = [$"limit must be between 1 and {PoliceNotices.MaxPageSize}."];
        if (!KeysetCursor.TryParse(cursor, out after)) errors["cursor"] = ["cursor is not one this API gave out."];
        problem = TypedResults.ValidationProblem(errors);
        return errors.Count == 0;
    }
}
