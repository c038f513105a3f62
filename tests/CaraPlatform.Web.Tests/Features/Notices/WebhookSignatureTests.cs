using Microsoft.Extensions.FileProviders;

namespace CaraPlatform.Web.Tests.Features.Notices;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private const string Body = """{"eventId":"0196","type":"referral.booked"}""";

    [Fact]
    public void A_signature_verifies_with_the_same_secret_body_and_a_fresh_timestamp_only()
    {
        var timestamp = Now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign("s3cret", timestamp, Body);
        var ts = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Matches("^v1=[0-9a-f]{64}$", signature);
        Assert.True(WebhookSignature.Verify("s3cret", signature, ts, Body, Now));
        Assert.True(WebhookSignature.Verify("s3cret", signature, ts, Body, Now.AddMinutes(4)));
        Assert.False(WebhookSignature.Verify("s3cret", signature, ts, Body, Now.AddMinutes(6)), "too old: a replayed capture");
        Assert.False(WebhookSignature.Verify("s3cret", signature, ts, Body, Now.AddMinutes(-6)), "from the future");
        Assert.False(WebhookSignature.Verify("other", signature, ts, Body, Now));
        Assert.False(WebhookSignature.Verify("s3cret", signature, ts, Body + " ", Now));
        Assert.False(WebhookSignature.Verify("s3cret", signature, (timestamp + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Body, Now));
        Assert.False(WebhookSignature.Verify("s3cret", "v1=zz", ts, Body, Now));
        Assert.False(WebhookSignature.Verify("s3cret", null, ts, Body, Now));
        Assert.False(WebhookSignature.Verify("s3cret", signature, "yesterday", Body, Now));
        Assert.True(WebhookSignature.Verify("s3cret", $"v1={new string('0', 64)}, {signature}", ts, Body, Now), "one of several signatures, during a rotation");
    }

    [Fact]
    public void Development_makes_a_secret_once_keeps_it_and_production_never_does()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cara-webhook-secrets-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [WebhookSecrets.DevelopmentFolderKey] = folder,
                ["Webhooks:Secrets:configured-one"] = "from-the-secret-store",
            }).Build();
            var development = new WebhookSecrets(configuration, new Environment("Development"), NullLogger<WebhookSecrets>.Instance);
            var production = new WebhookSecrets(configuration, new Environment("Production"), NullLogger<WebhookSecrets>.Instance);

            Assert.Equal("from-the-secret-store", development.Find("configured-one"));
            Assert.Equal("from-the-secret-store", production.Find("configured-one"));
            Assert.Null(production.Find("missing-one"));
            Assert.False(Directory.Exists(folder));

            var made = development.Find("missing-one");
            Assert.NotNull(made);
            Assert.True(made.Length >= 64);
            Assert.Equal(made, File.ReadAllText(Path.Combine(folder, "missing-one")));
            Assert.Equal(made, new WebhookSecrets(configuration, new Environment("Development"), NullLogger<WebhookSecrets>.Instance).Find("missing-one"));
            Assert.Null(development.Find("../escape"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "CaraPlatform.Web";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
