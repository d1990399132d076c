using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LineGov.Samples.Municipality.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium, installed by .ci/run) driven by Playwright. The tests never download a
/// browser: they pass the executable path. Outside CI a machine without it skips the browser tests (with the reason);
/// under CI=true they fail.
/// </summary>
public static class Chromium
{
    /// <summary>The browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Null when the browser tests can run; otherwise why they are skipped.</summary>
    public static string? SkipReason { get; } =
        File.Exists(ExecutablePath) || IsCi ? null : $"{ExecutablePath} is not installed (apt-get install chromium); .ci/run installs it.";

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Starts a headless Chromium with a fresh profile; screenshots go to TestResults/screenshots/<paramref name="testName"/>.</summary>
    public static async Task<BrowserSession> LaunchAsync(string testName, ITestOutputHelper output)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium package (the tests never download a browser).");
        }

        var profile = Path.Combine(Path.GetTempPath(), "linegov-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        var downloads = Path.Combine(profile, "downloads");
        Directory.CreateDirectory(downloads);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args =
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                ],
                AcceptDownloads = true,
                DownloadsPath = downloads,
                Locale = "ja-JP",
                TimezoneId = "Asia/Tokyo",
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            });
            context.SetDefaultTimeout(30_000);
            return new BrowserSession(playwright, context, profile, Artifacts.Folder("screenshots", testName), output);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}

/// <summary>A running browser with its profile; saves and lists screenshots.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly string _profile;
    private readonly ITestOutputHelper _output;
    private int _shots;

    internal BrowserSession(IPlaywright playwright, IBrowserContext context, string profile, string screenshots, ITestOutputHelper output)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
        Screenshots = screenshots;
        _output = output;
    }

    /// <summary>The browser context (a fresh profile).</summary>
    public IBrowserContext Context { get; }

    /// <summary>The folder of this test's screenshots.</summary>
    public string Screenshots { get; }

    /// <summary>The page the persistent context opened, or a new one.</summary>
    public async Task<IPage> PageAsync() => Context.Pages.Count > 0 ? Context.Pages[0] : await Context.NewPageAsync();

    /// <summary>Saves a full-page screenshot as NN-<paramref name="name"/>.png and writes its path to the test output.</summary>
    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(Screenshots, $"{++_shots:D2}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _output.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
