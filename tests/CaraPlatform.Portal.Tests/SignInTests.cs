using CaraPlatform.Web.Portal;
using Microsoft.Playwright;
using OtpNet;

namespace CaraPlatform.Portal.Tests;

public sealed partial class SignInTests(PortalFixture portal) : BrowserTest
{
    [Fact]
    public async Task A_force_spoc_signs_in_and_lands_on_their_tenant_home()
    {
        var page = await portal.NewPageAsync();

        await PortalFixture.SignInAsync(page, "spoc@hampshire.demo", DemoSeed.Password);

        await Assertions.Expect(page).ToHaveURLAsync(TenantHome("hampshire"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("CARA Hampshire & Isle of Wight");
        await Assertions.Expect(page.Locator("#roles")).ToContainTextAsync("Force SPOC");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var page = await portal.NewPageAsync();

        await PortalFixture.SignInAsync(page, "coordinator@hampshire.demo", "not-the-password-at-all");

        // The GOV.UK error summary: its title, then the message (about neither field alone, so without a link).
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("There is a problem");
        await Assertions.Expect(summary.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(SignInModel.NotSignedIn);
        await Assertions.Expect(page).ToHaveURLAsync(portal.BaseUrl + "/");
        await PortalFixture.CheckAsync(page);
    }

    [Fact]
    public async Task A_missing_password_is_shown_in_the_error_summary_and_at_the_field_the_summary_links_to()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync("coordinator@hampshire.demo");
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));

        var link = page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link, new() { Name = SignInModel.Missing });
        await Assertions.Expect(link).ToHaveAttributeAsync("href", "#f-Password");
        await Assertions.Expect(page.Locator(".govuk-form-group--error .govuk-error-message")).ToContainTextAsync(SignInModel.Missing);
        // The email typed is kept; the password never is.
        await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync("coordinator@hampshire.demo");
        await PortalFixture.CheckAsync(page);

        await link.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Password")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var email = await portal.NewMemberAsync("hampshire", TenantRole.Coordinator);
        var page = await portal.NewPageAsync();

        for (var attempt = 0; attempt < 5; attempt++)
            await PortalFixture.SignInAsync(page, email, "wrong-password-" + attempt);
        await PortalFixture.SignInAsync(page, email, DemoSeed.Password);

        // The same words as for a wrong password or an unknown account, so that they do not say the account exists.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Listitem)).ToHaveTextAsync(SignInModel.NotSignedIn);
        await Assertions.Expect(page).Not.ToHaveURLAsync(TenantHome("hampshire"));
        await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_person_enrols_totp_and_then_needs_a_right_code_to_sign_in()
    {
        var email = await portal.NewMemberAsync("hampshire", TenantRole.Facilitator);
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, email, DemoSeed.Password);
        await Assertions.Expect(page).ToHaveURLAsync(TenantHome("hampshire"));

        await page.GotoAsync("/account/two-factor");
        await PortalFixture.CheckAsync(page);
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var totp = new Totp(Base32Encoding.ToBytes(key));
        await page.GetByLabel("Code from your authenticator app").FillAsync(totp.ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await PortalFixture.CheckAsync(page);

        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }));
        await PortalFixture.SignInAsync(page, email, DemoSeed.Password);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in/two-factor"));
        await PortalFixture.CheckAsync(page);

        await page.GetByLabel("Code from your authenticator app").FillAsync(WrongCode(totp));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That code is not right");
        await PortalFixture.CheckAsync(page);

        await page.GetByLabel("Code from your authenticator app").FillAsync(totp.ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(TenantHome("hampshire"));
        await Assertions.Expect(page.Locator("#roles")).ToContainTextAsync("Facilitator");
    }

    private Regex TenantHome(string slug) => new($"^{Regex.Escape(portal.BaseUrl)}/t/{slug}$");

    /// <summary>A code the authenticator would not show in any step Identity accepts (current, previous and next).</summary>
    private static string WrongCode(Totp totp)
    {
        var now = DateTime.UtcNow;
        var accepted = new[] { totp.ComputeTotp(now.AddSeconds(-90)), totp.ComputeTotp(now.AddSeconds(-60)), totp.ComputeTotp(now.AddSeconds(-30)),
            totp.ComputeTotp(now), totp.ComputeTotp(now.AddSeconds(30)), totp.ComputeTotp(now.AddSeconds(60)), totp.ComputeTotp(now.AddSeconds(90)) };
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .First(code => !accepted.Contains(code));
    }
}
