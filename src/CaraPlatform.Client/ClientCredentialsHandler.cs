using System.Net.Http.Headers;
using System.Text.Json;

namespace CaraPlatform.Client;

/// <summary>
/// Sends each request with an access token of the integration client, got with the client-credentials grant from the
/// platform's token endpoint when first needed and again shortly before it expires (tokens live 15 minutes).
/// <code>
/// var http = new HttpClient(new ClientCredentialsHandler(new Uri("https://cara.example.org/connect/token"),
///     "hampshire-integration", secret, "referrals.write workshops.write") { InnerHandler = new HttpClientHandler() })
///     { BaseAddress = new Uri("https://cara.example.org/") };
/// var cara = new CaraApiClient(http);
/// </code>
/// </summary>
public sealed class ClientCredentialsHandler(Uri tokenEndpoint, string clientId, string clientSecret, string scope, TimeProvider? clock = null)
    : DelegatingHandler
{
    // A token is renewed this long before it expires, so that it does not expire on its way to the API.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly SemaphoreSlim _renewing = new(1, 1);
    private (string Value, DateTimeOffset ExpiresAt)? _token;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        await _renewing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } held && _clock.GetUtcNow() < held.ExpiresAt - Margin) return held.Value;
            using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = clientId,
                    ["client_secret"] = clientSecret,
                    ["scope"] = scope,
                }),
            };
            using var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"The token endpoint refused client {clientId}: {(int)response.StatusCode} {body}", null, response.StatusCode);
            var json = JsonDocument.Parse(body).RootElement;
            var token = json.GetProperty("access_token").GetString()!;
            _token = (token, _clock.GetUtcNow().AddSeconds(json.GetProperty("expires_in").GetInt32()));
            return token;
        }
        finally
        {
            _renewing.Release();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _renewing.Dispose();
        base.Dispose(disposing);
    }
}
