namespace CaraPlatform.Web.Tests.Identity;

public sealed class PasswordPolicyTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Theory]
    [InlineData("short-pass1", "PasswordTooShort")]
    [InlineData("password1234", "CommonPassword")]
    [InlineData("Qwertyuiop123", "CommonPassword")]
    [InlineData("  iloveyou2026 ", "CommonPassword")]
    public async Task Weak_passwords_are_refused_with_the_rule_named(string password, string code)
    {
        var result = await CreateAsync(password);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == code);
    }

    [Fact]
    public async Task A_long_passphrase_of_ones_own_is_accepted() =>
        Assert.True((await CreateAsync("kettle on the windowsill at dusk")).Succeeded);

    [Fact]
    public void Lockout_is_five_failures_for_fifteen_minutes()
    {
        var options = fixture.Web.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value;
        Assert.Equal(5, options.Lockout.MaxFailedAccessAttempts);
        Assert.Equal(TimeSpan.FromMinutes(15), options.Lockout.DefaultLockoutTimeSpan);
        Assert.Equal(12, options.Password.RequiredLength);
        Assert.True(options.User.RequireUniqueEmail);
    }

    private async Task<IdentityResult> CreateAsync(string password)
    {
        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CaraUser>>();
        var email = $"policy-{Guid.NewGuid():N}@example.org";
        return await users.CreateAsync(new CaraUser { UserName = email, Email = email, DisplayName = "Policy" }, password);
    }
}
