namespace CaraPlatform.Web.Features.QaReviews.Pages;

/// <summary>The service's quality-assurance reviews, once submitted, for its ProviderAdmin.</summary>
[Authorize(Policy = QaAccess.TenantPolicy)]
public sealed class TenantQaReviewsModel(TenantQaReviews reviews, IMultiTenantContextAccessor<CaraTenantInfo> tenants) : PageModel
{
    public IReadOnlyList<QaReviewSummary> Reviews { get; private set; } = [];

    public string TenantSlug => tenants.Current().Identifier;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Reviews = await reviews.ListAsync(cancellationToken);
}
