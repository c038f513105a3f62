using CaraPlatform.Domain.Notices;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Web.Features.Notices.Pages;

/// <summary>
/// A ProviderAdmin's view of the tenant's webhook: where it points (from the tenant file, changed only there) and
/// how each notice fared, with a replay for the ones the receiver missed.
/// </summary>
[Authorize(Policy = PortalPolicies.TenantAdmin)]
public sealed class WebhooksModel(WebhookDeliveryLog log, IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor) : PageModel
{
    public WebhookSettings? Webhook { get; private set; }

    public bool ReceiverAllowed => Webhook is not null && Domain.Tenants.WebhookSettings.IsAllowedReceiver(Webhook.Url);

    public DeliveryPageResponse Deliveries { get; private set; } = new([], null);

    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    [BindProperty(SupportsGet = true)] public WebhookDeliveryState? State { get; set; }

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostReplayAsync(Guid noticeId, CancellationToken cancellationToken)
    {
        var (outcome, state) = await log.ReplayAsync(
            noticeId, User.PersonId(), null, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        switch (outcome)
        {
            case ReplayOutcome.Replayed:
                Notice = "The notice will be sent again shortly, with the same event id.";
                break;
            case ReplayOutcome.NotFound:
                Error = "That notice does not exist.";
                break;
            default:
                Error = $"Only a Delivered or Failed notice can be replayed; this one is {state}.";
                break;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Webhook = tenantAccessor.MultiTenantContext.TenantInfo?.Settings.Notifications.Webhook;
        if (!KeysetCursor.TryParse(Cursor, out var after)) Cursor = null;
        Deliveries = await log.PageAsync(after, NoticesModule.DefaultPageSize, State, cancellationToken);
    }
}
