using CaraPlatform.Domain.Notices;
using CaraPlatform.Web.Portal.Home;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>
/// The notice work on the home page: the SPOC's unread notices, and for provider admins the webhook's delivery
/// health (notices by delivery state, the failed ones to replay).
/// </summary>
public sealed class NoticeHomeWork(NoticeInbox inbox, WebhookDeliveryLog deliveries) : IHomeWork
{
    /// <summary>Items shown per list; the count and the list's link give the rest.</summary>
    public const int Shown = 10;

    public async Task<IReadOnlyList<WorkList>> ListsAsync(HomeViewer viewer, CancellationToken cancellationToken)
    {
        var lists = new List<WorkList>();
        if (viewer.Holds(TenantRole.ForceSpoc))
        {
            var unread = await inbox.LatestAsync(null, Shown, unreadOnly: true, viewer.User, cancellationToken);
            lists.Add(new WorkList("work-unread-notices", "Unread notices",
                [.. unread.Items.Select(n => new WorkItem($"{n.Title}: {n.PoliceReference}", viewer.Path("notices?unread=true"), PortalDisplay.Time(n.OccurredAt)))],
                "You have no unread notices.", unread.UnreadCount, [new("Notices", viewer.Path("notices"))]));
        }

        if (viewer.Holds(TenantRole.ProviderAdmin))
        {
            var states = await deliveries.CountByStateAsync(cancellationToken);
            var failed = await deliveries.PageAsync(null, Shown, WebhookDeliveryState.Failed, cancellationToken);
            var summary = states.Count == 0
                ? "No notices have been sent yet."
                : string.Join(", ", Enum.GetValues<WebhookDeliveryState>().Where(states.ContainsKey).Select(s => $"{states[s]} {StateName(s)}")) + ".";
            lists.Add(new WorkList("work-webhook", "Webhook deliveries that failed",
                [.. failed.Items.Select(d => new WorkItem($"{d.Type}, {PortalDisplay.Time(d.OccurredAt)}", viewer.Path("admin/webhooks?state=Failed"),
                    $"{d.Attempts} {(d.Attempts == 1 ? "attempt" : "attempts")}", new WorkTag("Failed", "red")))],
                "No deliveries have failed.", states.GetValueOrDefault(WebhookDeliveryState.Failed), [new("Delivery log", viewer.Path("admin/webhooks"))], summary));
        }

        return lists;
    }

    private static string StateName(WebhookDeliveryState state) => state switch
    {
        WebhookDeliveryState.Pending => "waiting to be sent",
        WebhookDeliveryState.Delivered => "delivered",
        WebhookDeliveryState.Failed => "failed",
        WebhookDeliveryState.NotConfigured => "with no webhook set up",
        _ => state.ToString(),
    };
}
