using System.Security.Cryptography;
using System.Text;

namespace CaraPlatform.Domain.Access;

/// <summary>
/// The secret in an invitation link, for a tenant's invitations and the licence holder's staff invitations alike: the
/// link carries the token, the database only its hash, so a read of the table gives no working link.
/// </summary>
public static class InvitationToken
{
    /// <summary>A new URL-safe token of 256 random bits, and the hash to store.</summary>
    public static (string Token, string Hash) New()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
