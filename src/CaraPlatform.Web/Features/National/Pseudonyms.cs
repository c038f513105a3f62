using System.Security.Cryptography;
using System.Text;
using CaraPlatform.Web.Features.Referrals.Contracts;

namespace CaraPlatform.Web.Features.National;

/// <summary>
/// The national read model's person keys: HMAC-SHA256 (lower-case hex) of a normalised identity under a key held outside
/// the database (<see cref="PseudonymKey"/>), so that someone who reads the national schema cannot test a guessed name
/// and date of birth against it. A new key makes new pseudonyms for everyone: rotating it means rebuilding the read
/// model (docs/national-data.md), so old and new never mix.
/// </summary>
public sealed class Pseudonyms
{
    private readonly byte[] _key;

    public Pseudonyms(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < PseudonymKey.MinimumBytes) throw new ArgumentException($"A pseudonym key is at least {PseudonymKey.MinimumBytes} bytes.", nameof(key));
        _key = [.. key];
    }

    /// <summary>The offender's key: the same person in every tenant and year.</summary>
    public string Of(PersonIdentity offender) => Hash(Text(offender));

    /// <summary>The pair's key: the same offender with the same person harmed.</summary>
    public string OfPair(PersonIdentity offender, PersonIdentity victim) => Hash($"{Text(offender)}\u001e{Text(victim)}");

    /// <summary>A key that links to nothing, for a referral whose offender is anonymised: the referral's own id, hashed.</summary>
    public string OfReferral(Guid referralId) => Hash($"referral\u001f{referralId:N}");

    private static string Text(PersonIdentity person) =>
        $"{person.FamilyName}\u001f{person.GivenName}\u001f{person.DateOfBirth:yyyy-MM-dd}";

    private string Hash(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));
}
