using CaraPlatform.Web.Portal;
using CaraPlatform.Web.Portal.SignIn;
using OtpNet;

namespace CaraPlatform.Web.Tests.Identity;

/// <summary>The portal's sign-in steps: lockout that holds against parallel attempts, and answers that do not tell which accounts exist.</summary>
public sealed partial class SignInTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task Sixty_simultaneous_wrong_passwords_lock_the_account_and_the_right_one_sent_with_them_is_refused()
    {
        var person = await TestPeople.MemberAsync(fixture, "hampshire", TenantRole.Coordinator);
        var browsers = new List<(HttpClient Browser, string Page)>();
        for (var i = 0; i < 61; i++)
        {
            var browser = UserTokens.Browser(fixture.Web);
            browsers.Add((browser, await browser.GetStringAsync("/")));
        }

        var wrong = browsers.Take(60).Select((b, i) => PostAsync(b.Browser, b.Page, person.Email, $"wrong-password-{i}")).ToList();
        // The right password goes in while the wrong ones are still arriving, as soon as five of them can have locked the account.
        while (await LockedUntilAsync(person.UserId) is null && wrong.Any(t => !t.IsCompleted)) await Task.Delay(10);
        var right = await PostAsync(browsers[60].Browser, browsers[60].Page, person.Email, DemoSeed.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(Encoded(SignInModel.NotSignedIn), await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var answer in await Task.WhenAll(wrong)) Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var lockedUntil = await LockedUntilAsync(person.UserId);
        Assert.True(lockedUntil > DateTimeOffset.UtcNow.AddMinutes(14), $"locked until {lockedUntil}");
        // Each attempt saw the ones before it: four failures, the fifth locked the account, and the rest met the lock.
        var outcomes = await OwnerRowsAsync("SELECT outcome FROM audit_events WHERE action = 'sign-in' AND subject = @p", person.Email);
        Assert.Equal(4, outcomes.Count(o => o == "failure"));
        Assert.Equal(57, outcomes.Count(o => o == "locked-out"));
        Assert.Equal(61, outcomes.Count);
        foreach (var (browser, _) in browsers) browser.Dispose();
    }

    [Fact]
    public async Task Unknown_accounts_wrong_passwords_and_locked_accounts_get_the_same_answer()
    {
        var person = await TestPeople.MemberAsync(fixture, "hampshire", TenantRole.Coordinator);
        var firstFailure = await AnswerAsync(person.Email, "wrong-password-0");
        for (var attempt = 1; attempt < 4; attempt++) await AnswerAsync(person.Email, "wrong-password-" + attempt);
        var fifthFailure = await AnswerAsync(person.Email, "wrong-password-4");
        var rightButLocked = await AnswerAsync(person.Email, DemoSeed.Password);
        var unknown = await AnswerAsync($"nobody-{Guid.NewGuid():N}@hampshire.test", "wrong-password-0");

        Assert.Contains(Encoded(SignInModel.NotSignedIn), unknown, StringComparison.Ordinal);
        Assert.Equal(unknown, firstFailure);
        Assert.Equal(unknown, fifthFailure);
        Assert.Equal(unknown, rightButLocked);
        Assert.NotNull(await LockedUntilAsync(person.UserId));
    }

    /// <summary>
    /// The time an answer takes is mostly the password hash (PBKDF2, far slower than the queries): an attempt that
    /// verifies one hash whatever the account costs about the same whether the account exists, is locked or not.
    /// The hasher here is Identity's own, only noting the passwords it verifies.
    /// </summary>
    [Fact]
    public async Task Every_password_attempt_costs_one_hash_verification_whether_or_not_the_account_exists()
    {
        var hasher = new WatchedPasswordHasher();
        using var web = fixture.Web.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<CaraUser>>(hasher)));
        var person = await TestPeople.MemberAsync(web, fixture.Database, "hampshire", TenantRole.Coordinator);

        var unknown = $"unknown-{Guid.NewGuid():N}";
        await SignInAsync(web, $"nobody-{Guid.NewGuid():N}@hampshire.test", unknown);
        var wrong = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            wrong.Add($"wrong-{Guid.NewGuid():N}");
            await SignInAsync(web, person.Email, wrong[^1]);
        }

        var locked = $"locked-{Guid.NewGuid():N}";
        await SignInAsync(web, person.Email, locked);

        Assert.NotNull(await LockedUntilAsync(person.UserId));
        foreach (var password in wrong.Append(unknown).Append(locked))
            Assert.True(hasher.Verified.Count(p => p == password) == 1, $"{password} was verified {hasher.Verified.Count(p => p == password)} times");
    }

    [Theory]
    [InlineData("", "some password")]
    [InlineData("   ", "some password")]
    [InlineData("someone@hampshire.test", "")]
    public async Task A_missing_email_or_password_is_a_form_error_not_a_server_error(string email, string password)
    {
        using var browser = UserTokens.Browser(fixture.Web);
        using var response = await PostAsync(browser, await browser.GetStringAsync("/"), email, password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Encoded(SignInModel.Missing), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simultaneous_wrong_second_factor_codes_each_count_towards_the_lockout()
    {
        var (person, totp) = await TwoFactorPersonAsync();
        using var browser = UserTokens.Browser(fixture.Web);
        using var passwordStep = await UserTokens.SignInAsync(browser, person.Email, DemoSeed.Password);
        Assert.Equal("/sign-in/two-factor", passwordStep.Headers.Location!.ToString());
        var page = await UserTokens.GetOkAsync(browser, "/sign-in/two-factor");

        var now = DateTime.UtcNow;
        var accepted = Enumerable.Range(-3, 7).Select(step => totp.ComputeTotp(now.AddSeconds(30 * step))).ToHashSet();
        var wrongCode = Enumerable.Range(0, 10).Select(n => new string((char)('0' + n), 6)).First(code => !accepted.Contains(code));
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            browser.PostAsync("/sign-in/two-factor", UserTokens.Form(page, new Dictionary<string, string> { ["Code"] = wrongCode }))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.NotNull(await LockedUntilAsync(person.UserId));
        var outcomes = await OwnerRowsAsync("SELECT outcome FROM audit_events WHERE action = 'sign-in' AND subject = @p", person.Email);
        Assert.Equal(4, outcomes.Count(o => o == "two-factor-failure"));
        Assert.Equal(16, outcomes.Count(o => o == "locked-out"));
    }

    [Theory]
    [InlineData("", "Code")]
    [InlineData("?handler=Recovery", "RecoveryCode")]
    public async Task An_empty_second_factor_code_is_a_form_error_not_a_server_error(string handler, string field)
    {
        var (person, _) = await TwoFactorPersonAsync();
        using var browser = UserTokens.Browser(fixture.Web);
        using var passwordStep = await UserTokens.SignInAsync(browser, person.Email, DemoSeed.Password);
        var page = await UserTokens.GetOkAsync(browser, "/sign-in/two-factor");

        using var response = await browser.PostAsync("/sign-in/two-factor" + handler, UserTokens.Form(page, new Dictionary<string, string> { [field] = "" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Encoded(TwoFactorModel.Missing), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(TestPerson Person, Totp Totp)> TwoFactorPersonAsync()
    {
        var person = await TestPeople.MemberAsync(fixture, "hampshire", TenantRole.Facilitator);
        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CaraUser>>();
        var user = (await users.FindByIdAsync(person.UserId.ToString()))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return (person, new Totp(Base32Encoding.ToBytes(await users.GetAuthenticatorKeyAsync(user))));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, string page, string email, string password) =>
        browser.PostAsync("/", UserTokens.Form(page, new Dictionary<string, string> { ["Email"] = email, ["Password"] = password }));

    private static async Task SignInAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> web, string email, string password)
    {
        using var browser = UserTokens.Browser(web);
        using var response = await UserTokens.SignInAsync(browser, email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The page answering a sign-in, with what differs by request alone (the antiforgery token, the email echoed back) blanked.</summary>
    private async Task<string> AnswerAsync(string email, string password)
    {
        using var browser = UserTokens.Browser(fixture.Web);
        using var response = await UserTokens.SignInAsync(browser, email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        return AntiforgeryValue().Replace(page, "value=\"token\"").Replace(Encoded(email), "email", StringComparison.Ordinal);
    }

    private async Task<DateTimeOffset?> LockedUntilAsync(Guid userId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT lockout_end FROM users WHERE id = @id AND lockout_end > now()", connection);
        command.Parameters.AddWithValue("id", userId);
        return await command.ExecuteScalarAsync() is DateTime end ? new DateTimeOffset(end, TimeSpan.Zero) : null;
    }

    private async Task<List<string>> OwnerRowsAsync(string sql, string parameter)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static string Encoded(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);

    [GeneratedRegex("value=\"CfDJ8[^\"]+\"")]
    private static partial Regex AntiforgeryValue();

    private sealed class WatchedPasswordHasher : PasswordHasher<CaraUser>
    {
        public ConcurrentBag<string> Verified { get; } = [];

        public override PasswordVerificationResult VerifyHashedPassword(CaraUser user, string hashedPassword, string providedPassword)
        {
            Verified.Add(providedPassword);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
