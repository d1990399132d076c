using LineGov.Samples.Municipality.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LineGov.Samples.Municipality.Tests.Browser;

/// <summary>A resident in a real browser (Debian's Chromium): the front page, the simulator page, the LIFF application page.</summary>
public sealed class ResidentBrowserTests(ITestOutputHelper output)
{
    private const string ResultSelector = "#result[data-status]:not([data-status=''])";

    [SampleFact]
    public async Task A_resident_applies_on_the_LIFF_page_and_a_second_member_is_told_already_applied()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        await using var browser = await Chromium.LaunchAsync(nameof(ResidentBrowserTests), output);
        var page = await browser.PageAsync();
        var simulator = host.App.Simulator;
        var household = simulator.Families()[0];

        await page.GotoAsync(host.App.BaseAddress.ToString());
        (await page.GetAttributeAsync("a#apply-link", "href")).ShouldNotBeNull().ShouldContain("/liff/apply");
        await browser.ScreenshotAsync(page, "front-page");

        await page.GotoAsync(new Uri(host.App.BaseAddress, "simulator").ToString());
        Inbox.IsJapanese(await page.InnerTextAsync("body")).ShouldBeTrue();
        await browser.ScreenshotAsync(page, "simulator");

        // The first member follows the account and applies through the LIFF page.
        await simulator.FollowAsync(household[0].LineUserId);
        var status = await ApplyOnPageAsync(page, host, household[0], browser, "first-member");
        status.ShouldBe(Statuses.Received);
        Inbox.IsReceivedNotice(await page.InnerTextAsync("#result")).ShouldBeTrue();
        (await host.Line.WaitForTextAsync(household[0].LineUserId, 0, Inbox.IsReceivedNotice)).ShouldNotBeNull("the received notice on LINE");

        // The second member of the household is told at once, on the page, when and how the household applied.
        status = await ApplyOnPageAsync(page, host, household[1], browser, "second-member");
        status.ShouldBe(Statuses.AlreadyApplied);
        var text = await page.InnerTextAsync("#result");
        text.ShouldContain(TestHost.NowDateJapanese);
        text.ShouldContain("LINE");
    }

    private static async Task<string> ApplyOnPageAsync(IPage page, TestHost host, SimulatedResident resident, BrowserSession browser, string name)
    {
        var url = new Uri(host.App.BaseAddress, $"liff/apply?resident={Uri.EscapeDataString(resident.ResidentId)}&user={Uri.EscapeDataString(resident.LineUserId)}");
        var response = await page.GotoAsync(url.ToString());
        response.ShouldNotBeNull().Status.ShouldBe(200);
        await browser.ScreenshotAsync(page, $"{name}-liff");
        await page.ClickAsync("#apply");
        await page.WaitForSelectorAsync(ResultSelector);
        await browser.ScreenshotAsync(page, $"{name}-result");
        return (await page.GetAttributeAsync("#result", "data-status")).ShouldNotBeNull();
    }
}
