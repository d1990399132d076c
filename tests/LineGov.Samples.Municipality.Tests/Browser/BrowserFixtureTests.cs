using LineGov.Samples.Municipality.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LineGov.Samples.Municipality.Tests.Browser;

/// <summary>The browser infrastructure: Debian's Chromium starts headless and renders the host's front page.</summary>
public sealed class BrowserFixtureTests(ITestOutputHelper output)
{
    [SampleFact]
    public async Task Chromium_renders_the_front_page_in_Japanese_and_saves_a_screenshot()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        await using var browser = await Chromium.LaunchAsync(nameof(Chromium_renders_the_front_page_in_Japanese_and_saves_a_screenshot), output);
        var page = await browser.PageAsync();
        var response = await page.GotoAsync(host.App.BaseAddress.ToString());
        response.ShouldNotBeNull().Status.ShouldBe(200);
        Inbox.IsJapanese(await page.InnerTextAsync("body")).ShouldBeTrue();
        var shot = await browser.ScreenshotAsync(page, "front-page");
        new FileInfo(shot).Length.ShouldBeGreaterThan(1_000);
    }
}
