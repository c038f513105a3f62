namespace CaraPlatform.Web.Features.Notices.Pages;

/// <summary>
/// The SPOC inbox: what the provider has told the police. The SPOC marks notices read; coordinators and admins see
/// the same list, so they know what the police have been told.
/// </summary>
[Authorize(Policy = NoticeAccess.InboxReadersPolicy)]
public sealed class NoticesModel(
    NoticeInbox inbox, IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, UserManager<CaraUser> users, UserTenants userTenants)
    : PageModel
{
    public NoticePageResponse Inbox { get; private set; } = new([], 0, null);

    public bool CanMarkRead { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostReadAsync(Guid noticeId, CancellationToken cancellationToken)
    {
        if (!await IsSpocAsync(cancellationToken)) return Forbid();
        if (!await inbox.MarkReadAsync(noticeId, User, cancellationToken)) return NotFound();
        // Back to the same page: the list the SPOC was working through.
        return RedirectToPage(new { cursor = Cursor, unread = Unread ? "true" : null });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // A cursor from an old bookmark that no longer parses just starts at the newest notice.
        if (!KeysetCursor.TryParse(Cursor, out var after)) Cursor = null;
        Inbox = await inbox.PageAsync(after, NoticesModule.DefaultPageSize, Unread, User, cancellationToken);
        CanMarkRead = await IsSpocAsync(cancellationToken);
    }

    private async Task<bool> IsSpocAsync(CancellationToken cancellationToken) =>
        tenantAccessor.MultiTenantContext.TenantInfo is { } tenant
        && Guid.TryParse(users.GetUserId(User), out var userId)
        && (await userTenants.RolesIn(tenant, userId, cancellationToken))?.Intersect(NoticeAccess.InboxMarkers).Any() == true;
}
