namespace CaraPlatform.Web.Portal.Home;

/// <summary>A GOV.UK notification banner at the top of a home page: something the reader must know before their work.</summary>
/// <param name="Id">The banner's element id (stable: tests use it).</param>
/// <param name="Title">The banner's title line ("Important").</param>
/// <param name="Heading">What is happening, in one sentence.</param>
/// <param name="Link">Where to read more, if anywhere.</param>
public sealed record HomeBanner(string Id, string Title, string Heading, WorkLink? Link = null);

/// <summary>Banners a feature shows on a tenant's home, for the viewer's roles there.</summary>
public interface ITenantHomeBanners
{
    Task<IReadOnlyList<HomeBanner>> BannersAsync(HomeViewer viewer, CancellationToken cancellationToken);
}

/// <summary>Banners a feature shows on the licence holder's home, for the person's platform roles.</summary>
public interface INationalHomeBanners
{
    Task<IReadOnlyList<HomeBanner>> BannersAsync(IReadOnlyList<PlatformRole> roles, CancellationToken cancellationToken);
}

public static class HomeBannerRegistration
{
    public static IServiceCollection AddTenantHomeBanners<T>(this IServiceCollection services) where T : class, ITenantHomeBanners =>
        services.AddScoped<ITenantHomeBanners, T>();

    public static IServiceCollection AddNationalHomeBanners<T>(this IServiceCollection services) where T : class, INationalHomeBanners =>
        services.AddScoped<INationalHomeBanners, T>();
}
