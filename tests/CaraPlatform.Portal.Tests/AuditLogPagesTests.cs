using CaraPlatform.Web.Features.DemoData;
using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

public sealed class AuditLogPagesTests(PortalFixture portal) : BrowserTest
{
    [Fact]
    public async Task A_DPO_filters_the_audit_log_by_action_and_exports_it_as_CSV()
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, "dpo@hampshire.demo", DemoSeed.Password);
        await page.GotoAsync("/t/hampshire");

        await page.Locator("#nav-audit").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeVisibleAsync();
        await PortalFixture.CheckAsync(page);

        await page.GetByLabel("Action").SelectOptionAsync("audit-log-viewed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        var rows = page.Locator("#audit-events tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("dpo@hampshire.demo");
        await Assertions.Expect(rows.First).ToContainTextAsync("audit-log-viewed");
        Assert.Equal(await rows.CountAsync(), await rows.Filter(new() { HasText = "audit-log-viewed" }).CountAsync());
        await PortalFixture.CheckAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
        Assert.Equal("audit-log-hampshire.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("occurred_at,action,outcome,actor,subject,detail,reason,ip_address", csv, StringComparison.Ordinal);
        Assert.Contains(",audit-log-viewed,success,dpo@hampshire.demo,audit-log,", csv, StringComparison.Ordinal);
    }
}
