using System.Text;
using LineGov.Payouts;
using LineGov.Payouts.Zengin;
using LineGov.Samples.Municipality.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LineGov.Samples.Municipality.Tests.Browser;

/// <summary>
/// A staff member in a real browser (Debian's Chromium): the login, the review queue, select all and bulk approve, a
/// Zengin payout run and the file's download; screenshots of each step.
/// </summary>
public sealed class StaffBrowserTests(ITestOutputHelper output)
{
    private const int Applicants = 4;

    [SampleFact]
    public async Task Staff_log_in_review_bulk_approve_run_a_Zengin_payout_and_download_the_file()
    {
        await using var host = await TestHost.StartAsync(TestStore.Sqlite);
        var simulator = host.App.Simulator;
        var applicants = simulator.Families().Take(Applicants).Select(f => f[0]).ToList();
        foreach (var resident in applicants)
        {
            await simulator.FollowAsync(resident.LineUserId);
            (await simulator.ApplyAsync(resident.ResidentId, resident.LineUserId)).Status.ShouldBe(Statuses.Received);
        }

        await using var browser = await Chromium.LaunchAsync(nameof(StaffBrowserTests), output);
        var page = await browser.PageAsync();
        var baseAddress = host.App.BaseAddress;

        // Anonymous: the login.
        await page.GotoAsync(new Uri(baseAddress, "staff").ToString());
        page.Url.ShouldContain("/staff/login");
        page.Url.ShouldContain("ReturnUrl=");
        await browser.ScreenshotAsync(page, "login");

        await page.FillAsync("#username", StaffClient.Approver);
        await page.FillAsync("#password", StaffClient.ApproverPassword);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(url => !url.Contains("/staff/login", StringComparison.Ordinal));
        await browser.ScreenshotAsync(page, "dashboard-before");

        // The review queue: every received application, names masked; select all; bulk approve.
        await page.GotoAsync(new Uri(baseAddress, "staff/review").ToString());
        (await page.Locator("tr.application").CountAsync()).ShouldBeGreaterThanOrEqualTo(Applicants);
        var queueText = await page.InnerTextAsync("body");
        foreach (var resident in applicants)
        {
            queueText.ShouldNotContain(host.Register.GivenNameOf(resident.ResidentId), Case.Sensitive, "names are masked in the queue");
        }

        await page.ClickAsync("#select-all");
        var boxes = page.Locator("input[type=checkbox][name=selected]");
        var total = await boxes.CountAsync();
        (await page.Locator("input[type=checkbox][name=selected]:checked").CountAsync()).ShouldBe(total, "select all checks every row");
        await browser.ScreenshotAsync(page, "review-selected");
        await page.ClickAsync("#bulk-approve");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await browser.ScreenshotAsync(page, "review-approved");
        (await host.Payouts.SummaryAsync()).CountOf(PayoutState.Approved).ShouldBe(Applicants);

        // A Zengin run; the file downloads through the link.
        await page.GotoAsync(new Uri(baseAddress, "staff/payouts").ToString());
        await browser.ScreenshotAsync(page, "payouts");
        await page.ClickAsync("#run-zengin");
        await page.WaitForSelectorAsync("a#download-zengin");
        (await page.InnerTextAsync("#payout-result")).ShouldNotBeNullOrWhiteSpace();
        await browser.ScreenshotAsync(page, "zengin-run");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a#download-zengin"));
        var saved = Path.Combine(browser.Screenshots, "zengin-" + download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        output.WriteLine($"downloaded: {saved}");
        var bytes = await File.ReadAllBytesAsync(saved);
        var file = ZenginChecks.Check(bytes);
        file.Transfers.Count.ShouldBe(Applicants);
        file.Transfers.Sum(t => t.Amount).ShouldBe(Applicants * 30_000L);

        // Paid: each applicant is told on LINE; the dashboard counts it.
        foreach (var resident in applicants)
        {
            (await host.Line.WaitForTextAsync(resident.LineUserId, 0, Inbox.IsPaidNotice)).ShouldNotBeNull("the paid notice on LINE");
        }

        await page.GotoAsync(new Uri(baseAddress, "staff").ToString());
        (await page.Locator("svg#chart-per-day").IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator("svg#chart-by-channel").IsVisibleAsync()).ShouldBeTrue();
        await browser.ScreenshotAsync(page, "dashboard-after");
    }
}

/// <summary>What makes bytes a 全銀 総合振込 file: fixed 120-byte records (122 with CR LF), 1 header, 2 data, 8 trailer, 9 end.</summary>
public static class ZenginChecks
{
    /// <summary>Checks the record layout and parses the file with <see cref="ZenginReader"/>.</summary>
    public static ZenginFile Check(byte[] bytes)
    {
        bytes.Length.ShouldBeGreaterThanOrEqualTo(4 * 120);
        var recordLength = bytes[120] == (byte)'\r' && bytes[121] == (byte)'\n' ? 122 : 120;
        var records = new List<byte>();
        for (var offset = 0; offset + 120 <= bytes.Length; offset += recordLength)
        {
            records.Add(bytes[offset]);
            if (bytes[offset] == (byte)'9')
            {
                break;
            }
        }

        records[0].ShouldBe((byte)'1', "the header record");
        records[1].ShouldBe((byte)'2', "the record after the header is a data record");
        records[^2].ShouldBe((byte)'8', "the trailer record");
        records[^1].ShouldBe((byte)'9', "the end record");
        records.Skip(1).Take(records.Count - 3).ShouldAllBe(r => r == (byte)'2');
        Encoding.ASCII.GetString(bytes, 1, 2).ShouldBe("21", "種別コード 21: 総合振込");
        return ZenginReader.Parse(bytes);
    }
}
