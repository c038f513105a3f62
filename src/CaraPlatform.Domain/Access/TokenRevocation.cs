using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Access;

/// <summary>
/// Every access token of <see cref="Subject"/> (a person's id or an integration client's id) issued at or before
/// <see cref="RevokedAt"/> is refused. Access tokens are checked by signature, not looked up, so this short list is
/// how a revocation reaches them; a row older than the longest access token's life has nothing left to stop.
/// </summary>
[GlobalEntity]
public sealed class TokenRevocation
{
    public string Subject { get; set; } = "";

    public DateTimeOffset RevokedAt { get; set; }
}
