using System.Buffers.Binary;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;

namespace CaraPlatform.Web.Tests.Security;

/// <summary>ASVS 4.0.3 V2.1.2–2.1.4 and V2.4: what a password may be, and how it is kept (docs/security.md).</summary>
public sealed class PasswordStorageTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task Passwords_are_kept_as_salted_PBKDF2_HMAC_SHA512_of_at_least_100000_iterations()
    {
        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var (_, user) = await CreateAsync(scope, "kettle on the windowsill at dusk");

        // ASP.NET Core Identity's version 3 format: marker, PRF, iteration count, salt length (big-endian), salt, subkey.
        var hash = Convert.FromBase64String(user.PasswordHash!);
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(KeyDerivationPrf.HMACSHA512, (KeyDerivationPrf)BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)));
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)) >= 100_000, "fewer than 100,000 PBKDF2 iterations");
        var saltLength = (int)BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(9));
        Assert.True(saltLength >= 16, $"a salt of {saltLength} bytes");
        Assert.Equal(13 + saltLength + 32, hash.Length);
    }

    [Fact]
    public async Task A_unicode_password_of_128_characters_is_accepted_and_checked_to_its_last_character()
    {
        var password = string.Concat(Enumerable.Repeat("chá na janela ao anoitecer 🫖 ", 4)) + "at dusk!";
        Assert.Equal(128, password.Length);

        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var (users, user) = await CreateAsync(scope, password);

        Assert.True(await users.CheckPasswordAsync(user, password));
        Assert.False(await users.CheckPasswordAsync(user, password[..^1]));
    }

    private static async Task<(UserManager<CaraUser> Users, CaraUser User)> CreateAsync(AsyncServiceScope scope, string password)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CaraUser>>();
        var email = $"storage-{Guid.NewGuid():N}@example.org";
        var user = new CaraUser { UserName = email, Email = email, DisplayName = "Storage" };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return (users, user);
    }
}
