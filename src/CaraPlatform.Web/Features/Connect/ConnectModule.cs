namespace CaraPlatform.Web.Features.Connect;

/// <summary>The OpenID Connect module: the endpoints (<see cref="ConnectEndpoints"/>) and the clients registered in every environment.</summary>
public static class ConnectModule
{
    public static void AddConnect(this WebApplicationBuilder builder) =>
        builder.Services.AddScoped<IMigrationStep, CaraCliClient>();
}
