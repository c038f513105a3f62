using CaraPlatform.Infrastructure.Database;
using CaraPlatform.Web.Features.PlatformStaff;
using MimeKit;
using netDumbster.smtp;
using OtpNet;

namespace CaraPlatform.Web.Tests.Features.PlatformStaff;

/// <summary>
/// An empty PostgreSQL to a signed-in licence administrator and a tenant's first provider admin, in Production, with
/// a real SMTP server: the deployment's migration job and bootstrap command run as processes, as deployed; no demo data.
/// </summary>
public sealed partial class GoingLiveTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "cambridgeshire";

    [Fact]
    public async Task An_empty_database_in_production_reaches_a_licence_admin_with_two_factor_and_a_tenants_first_admin_by_email()
    {
        var database = await fixture.Database.ProvisionAnotherDatabaseAsync();
        var commandSettings = new Dictionary<string, string>
        {
            ["ConnectionStrings__CaraOwner"] = database.OwnerConnectionString,
            ["ConnectionStrings__Cara"] = database.ApplicationConnectionString,
            ["Cara__TenantsPath"] = RepoPaths.Tenants,
            ["Cara__PublicUrl"] = ProductionHost.PublicUrl,
            ["DataProtection__CertificatePath"] = CaraWebFactory.DataProtectionCertificatePath,
        };
        var (migrated, migrateOutput) = await HostProcess.RunAsync(["migrate"], commandSettings);
        Assert.True(migrated == 0, migrateOutput);

        var (malformed, malformedOutput) = await HostProcess.RunAsync(["bootstrap-licence-admin", "--email", "not-an-email"], commandSettings);
        Assert.True(malformed == BootstrapLicenceAdminCommand.UsageExitCode, malformedOutput);
        Assert.Contains("'not-an-email' is not an email address", malformedOutput, StringComparison.Ordinal);

        var licenceAdmin = $"first-licence-admin-{Guid.NewGuid():N}@example.org";
        var (bootstrapped, bootstrapOutput) = await HostProcess.RunAsync(["bootstrap-licence-admin", "--email", licenceAdmin, "--name", "Lee Marsh"], commandSettings);
        Assert.True(bootstrapped == 0, bootstrapOutput);
        var printedLink = NationalInvitationLink().Match(bootstrapOutput).Value;
        Assert.StartsWith($"{ProductionHost.PublicUrl}national/invitations/", printedLink, StringComparison.Ordinal);

        // The mail server is down when the host starts: the bootstrap email waits in the outbox, its failures counted.
        var smtpPort = FreePort();
        using var web = ProductionWeb(database, smtpPort);
        web.StartServer();
        var outbox = await WaitForAsync(() => OutboxAsync(database, licenceAdmin), row => row.LastError is not null, "a failed attempt");
        Assert.Null(outbox.SentAt);

        using var smtp = SimpleSmtpServer.Start(smtpPort);
        var bootstrapMail = await MailToAsync(smtp, licenceAdmin);
        Assert.Equal(printedLink, NationalInvitationLink().Match(bootstrapMail).Value);
        outbox = await WaitForAsync(() => OutboxAsync(database, licenceAdmin), row => row.SentAt is not null, "the send recorded");
        Assert.True(outbox.Attempts >= 2, $"{outbox.Attempts} attempts");

        // The first licence admin follows the link, sets a password, enrols an authenticator app and lands on /national.
        using var admin = Browser(web);
        var accept = await UserTokens.GetOkAsync(admin, new Uri(printedLink).PathAndQuery);
        Assert.Contains("value=\"Lee Marsh\"", accept, StringComparison.Ordinal);
        const string password = "Ninety-nine red balloons";
        var accepted = await PostOkAsync(admin, new Uri(printedLink).PathAndQuery, accept,
            new() { ["DisplayName"] = "Lee Marsh", ["Password"] = password, ["ConfirmPassword"] = password });
        Assert.Contains("id=\"set-up-two-factor\"", accepted, StringComparison.Ordinal);

        var twoFactor = await UserTokens.GetOkAsync(admin, "/account/two-factor");
        var totp = new Totp(Base32Encoding.ToBytes(AuthenticatorSecret().Match(twoFactor).Groups[1].Value));
        var enabled = await PostOkAsync(admin, "/account/two-factor?handler=Enable", twoFactor, new() { ["Code"] = totp.ComputeTotp() });
        Assert.Contains("id=\"recovery-codes\"", enabled, StringComparison.Ordinal);
        Assert.Contains("Tenant administrators", await UserTokens.GetOkAsync(admin, "/national"), StringComparison.Ordinal);

        // They invite the tenant's first provider admin, who accepts by email and reaches the tenant's home.
        var tenantAdmin = $"first-provider-admin-{Guid.NewGuid():N}@example.org";
        var invite = await UserTokens.GetOkAsync(admin, "/national/tenant-admins");
        var invited = await PostOkAsync(admin, "/national/tenant-admins", invite, new() { ["Tenant"] = Tenant, ["Email"] = tenantAdmin });
        Assert.Contains($"Invitation sent to {tenantAdmin}", invited, StringComparison.Ordinal);

        var tenantLink = new Uri(TenantInvitationLink().Match(await MailToAsync(smtp, tenantAdmin)).Value);
        Assert.StartsWith($"{ProductionHost.PublicUrl}t/{Tenant}/invitations/", tenantLink.AbsoluteUri, StringComparison.Ordinal);
        using var provider = Browser(web);
        var join = await UserTokens.GetOkAsync(provider, tenantLink.PathAndQuery);
        using (var joined = await provider.PostAsync(tenantLink.PathAndQuery,
            UserTokens.Form(join, new Dictionary<string, string> { ["DisplayName"] = "Sam Provider", ["Password"] = password, ["ConfirmPassword"] = password })))
        {
            Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
            Assert.Equal($"/t/{Tenant}", joined.Headers.Location!.OriginalString);
        }

        await UserTokens.GetOkAsync(provider, $"/t/{Tenant}");

        // Exactly the two people made here: no demo account exists.
        Assert.Equal(2L, await ScalarAsync<long>(database, "SELECT count(*) FROM users"));

        var (again, againOutput) = await HostProcess.RunAsync(["bootstrap-licence-admin", "--email", $"second-{Guid.NewGuid():N}@example.org"], commandSettings);
        Assert.True(again == BootstrapLicenceAdminCommand.LicenceAdminExistsExitCode, againOutput);
        Assert.Contains("A LicenceAdmin exists already", againOutput, StringComparison.Ordinal);
    }

    private sealed record OutboxRow(int Attempts, string? LastError, DateTimeOffset? SentAt);

    private WebApplicationFactory<Program> ProductionWeb(ProvisionedDatabase database, int smtpPort) => fixture.Web.WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Production");
        foreach (var (key, value) in ProductionHost.RequiredSettings()) b.UseSetting(key, value);
        b.UseSetting("ConnectionStrings:Cara", database.ApplicationConnectionString);
        b.UseSetting("ConnectionStrings:CaraOwner", database.OwnerConnectionString);
        b.UseSetting("Referrals:Deadlines:Enabled", "false");
        b.UseSetting("Mail:Smtp:Host", "127.0.0.1");
        b.UseSetting("Mail:Smtp:Port", smtpPort.ToString(CultureInfo.InvariantCulture));
        b.UseSetting("Mail:Smtp:UseTls", "false");
        b.UseSetting("Mail:Smtp:From", "CARA Platform <no-reply@cara.example.org>");
        b.UseSetting("Mail:Dispatch:BackoffBase", "00:00:00.500");
        b.UseSetting("Mail:Dispatch:BackoffCap", "00:00:01");
    });

    /// <summary>A browser on the public address (https, so that the Secure cookies of Production are kept).</summary>
    private static HttpClient Browser(WebApplicationFactory<Program> web) => web.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(ProductionHost.PublicUrl),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    private static async Task<string> PostOkAsync(HttpClient browser, string url, string page, Dictionary<string, string> fields)
    {
        using var response = await browser.PostAsync(url, UserTokens.Form(page, fields));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {url}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>The plain-text body of the message the SMTP server received for <paramref name="to"/>.</summary>
    private static async Task<string> MailToAsync(SimpleSmtpServer smtp, string to)
    {
        var message = await WaitForAsync(() => Task.FromResult(smtp.ReceivedEmail.FirstOrDefault(m => m.ToAddresses.Any(a => a.Address == to))),
            m => m is not null, $"mail to {to}");
        using var mime = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(message!.Data)));
        return mime.TextBody ?? "";
    }

    private static async Task<OutboxRow> OutboxAsync(ProvisionedDatabase database, string to)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT attempts, last_error, sent_at FROM outgoing_mail WHERE \"to\" = @to", connection);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new OutboxRow(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
    }

    private static async Task<T> ScalarAsync<T>(ProvisionedDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(100))
        {
            var value = await read();
            if (done(value)) return value;
            Assert.True(DateTime.UtcNow < deadline, $"Waited 30 seconds for {what}.");
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"https?://\S+/national/invitations/[A-Za-z0-9_-]+")]
    private static partial Regex NationalInvitationLink();

    [GeneratedRegex(@"https?://\S+/t/[a-z0-9-]+/invitations/[A-Za-z0-9_-]+")]
    private static partial Regex TenantInvitationLink();

    [GeneratedRegex("secret=([A-Z2-7]+)")]
    private static partial Regex AuthenticatorSecret();
}
