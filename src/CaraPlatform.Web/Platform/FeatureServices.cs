namespace CaraPlatform.Web.Platform;

public static class FeatureServices
{
    /// <summary>
    /// A feature's scoped handler that other features reach through one of its contracts: the same instance in a scope
    /// serves the feature and the contract's users.
    /// </summary>
    public static IServiceCollection AddScopedWithContract<THandler, TContract>(this IServiceCollection services)
        where THandler : class, TContract
        where TContract : class =>
        services.AddScoped<THandler>().AddScoped<TContract>(sp => sp.GetRequiredService<THandler>());
}
