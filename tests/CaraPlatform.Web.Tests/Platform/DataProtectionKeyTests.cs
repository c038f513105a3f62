using System.Security.Cryptography.X509Certificates;
using CaraPlatform.Infrastructure.VictimContact;
using Microsoft.AspNetCore.DataProtection;

namespace CaraPlatform.Web.Tests.Platform;

/// <summary>
/// The data-protection keys that encrypt victim details live in the database, each encrypted with a certificate that
/// does not: what a dump of the database (or the application role) reads opens nothing without it.
/// </summary>
public sealed class DataProtectionKeyTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task A_database_dump_alone_does_not_open_victim_details_and_the_key_encryption_certificate_does()
    {
        var referral = await ReferralApi.CreateAsync(await fixture.ApiClientAsync("hampshire"));

        // What a dump holds: the key rows and the victim's row, read past row-level security.
        var keys = await StoredKeysAsync();
        var victim = await VictimRowAsync(referral.Id);
        await WithDumpAsync(keys, folder =>
        {
            var dumpAlone = DataProtectionProvider.Create(folder, b => b.SetApplicationName("cara-platform"));
            Assert.ThrowsAny<CryptographicException>(() => new VictimDetailsProtector(dumpAlone).Unprotect(victim.TenantId, victim.Details));

            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(CaraWebFactory.DataProtectionCertificatePath, null);
            var withCertificate = DataProtectionProvider.Create(folder, b => b.SetApplicationName("cara-platform").UnprotectKeysWithAnyCertificate(certificate));
            var details = new VictimDetailsProtector(withCertificate).Unprotect(victim.TenantId, victim.Details);
            Assert.Equal(ReferralApi.Victim().FamilyName, details.FamilyName);
            Assert.Equal(ReferralApi.Victim().Phone, details.Phone);
        });
    }

    [Fact]
    public async Task No_stored_key_holds_its_master_key_in_plain_text()
    {
        await ReferralApi.CreateAsync(await fixture.ApiClientAsync("hampshire"));

        var keys = await StoredKeysAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Protect_keys_moves_keys_stored_in_plain_text_or_under_a_previous_certificate_to_the_current_one()
    {
        // A database of its own: its keys end up under a certificate no other host of the tests has.
        var database = await fixture.Database.ProvisionAnotherDatabaseAsync();
        await new OwnerDatabase(database.OwnerConnectionString,
            fixture.Database.Services.GetRequiredService<IMultiTenantContextAccessor<CaraTenantInfo>>(), TimeProvider.System).MigrateAsync();
        var (previous, current) = (TestCertificates.Pkcs12Base64("CN=cara previous key encryption"), TestCertificates.Pkcs12Base64("CN=cara current key encryption"));
        var tenantId = Guid.CreateVersion7();
        var details = new VictimDetails("Victoria", "Vale-Before", OffenceRelationship.CurrentPartner, SafeContactMethod.Phone,
            "07700 900999", null, null, null, true, null);

        // A key as hosts stored them before keys were encrypted at rest, and one encrypted with the previous
        // certificate; victim details protected with each.
        using var previousCertificate = Certificate(previous);
        var (plainKey, underPlainKey) = StoredKey(b => { }, tenantId, details);
        var (previousKey, underPreviousKey) = StoredKey(b => b.ProtectKeysWithCertificate(previousCertificate), tenantId, details);
        Assert.Contains("<masterKey", plainKey, StringComparison.Ordinal);
        await using (var connection = new NpgsqlConnection(database.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO data_protection_keys (friendly_name, xml) VALUES ('plain', @plain), ('previous', @previous)", connection);
            insert.Parameters.AddWithValue("plain", plainKey);
            insert.Parameters.AddWithValue("previous", previousKey);
            await insert.ExecuteNonQueryAsync();
        }

        var (exitCode, output) = await HostProcess.RunAsync(["protect-keys"], new Dictionary<string, string>
        {
            ["ConnectionStrings__CaraOwner"] = database.OwnerConnectionString,
            ["DataProtection__Certificate"] = current,
            ["DataProtection__PreviousCertificates__0__Certificate"] = previous,
        });
        Assert.True(exitCode == 0, output);

        var keys = await StoredKeysAsync(database.OwnerConnectionString);
        Assert.Equal(2, keys.Count);
        Assert.All(keys, xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));
        using var currentCertificate = Certificate(current);
        await WithDumpAsync(keys, folder =>
        {
            foreach (var certificates in new[] { Array.Empty<X509Certificate2>(), [previousCertificate] })
            {
                var without = DataProtectionProvider.Create(folder, b => b.SetApplicationName("cara-platform").UnprotectKeysWithAnyCertificate(certificates));
                Assert.ThrowsAny<CryptographicException>(() => new VictimDetailsProtector(without).Unprotect(tenantId, underPlainKey));
                Assert.ThrowsAny<CryptographicException>(() => new VictimDetailsProtector(without).Unprotect(tenantId, underPreviousKey));
            }

            var withCurrent = DataProtectionProvider.Create(folder, b => b.SetApplicationName("cara-platform").UnprotectKeysWithAnyCertificate(currentCertificate));
            Assert.Equal(details, new VictimDetailsProtector(withCurrent).Unprotect(tenantId, underPlainKey));
            Assert.Equal(details, new VictimDetailsProtector(withCurrent).Unprotect(tenantId, underPreviousKey));
        });
    }

    [Theory]
    [InlineData("SELECT", true)]
    [InlineData("INSERT", true)]
    [InlineData("UPDATE", false)]
    [InlineData("DELETE", false)]
    [InlineData("TRUNCATE", false)]
    public async Task The_application_role_may_read_and_add_keys_but_neither_change_nor_delete_them(string privilege, bool granted)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT has_table_privilege('cara_app', 'data_protection_keys', '{privilege}')", connection);
        Assert.Equal(granted, (bool)(await command.ExecuteScalarAsync())!);
    }

    /// <summary>A key made by a data-protection set-up of its own, as stored, and <paramref name="details"/> protected with it.</summary>
    private static (string Key, string Protected) StoredKey(Action<IDataProtectionBuilder> configure, Guid tenantId, VictimDetails details)
    {
        var folder = Directory.CreateTempSubdirectory("cara-key-");
        try
        {
            var provider = DataProtectionProvider.Create(folder, b => configure(b.SetApplicationName("cara-platform")));
            var protectedDetails = new VictimDetailsProtector(provider).Protect(tenantId, details);
            return (File.ReadAllText(Assert.Single(Directory.GetFiles(folder.FullName, "*.xml"))), protectedDetails);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static X509Certificate2 Certificate(string base64) => X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64), null);

    /// <summary>The stored keys as files in a folder of their own, as whoever holds a dump could lay them out.</summary>
    private static async Task WithDumpAsync(List<string> keys, Action<DirectoryInfo> use)
    {
        var folder = Directory.CreateTempSubdirectory("cara-dump-");
        try
        {
            for (var i = 0; i < keys.Count; i++) await File.WriteAllTextAsync(Path.Combine(folder.FullName, $"key-{i}.xml"), keys[i]);
            use(folder);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task<List<string>> StoredKeysAsync(string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? fixture.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        return keys;
    }

    private async Task<(Guid TenantId, string Details)> VictimRowAsync(Guid referralId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tenant_id, protected_details FROM victim_records WHERE referral_id = @referral", connection);
        command.Parameters.AddWithValue("referral", referralId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetGuid(0), reader.GetString(1));
    }

    /// <summary>The superuser, as whoever holds a dump reads it: no row-level security.</summary>
    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(fixture.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
