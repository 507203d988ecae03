using Microsoft.Playwright;

namespace ClusterSync.IntegrationTests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright through its executable path: Playwright never downloads a browser here. Without
/// Chromium the browser tests are skipped locally and FAIL under CI=true (.ci/run installs it).
/// </summary>
internal static class Chromium
{
    public const string PathVariable = "CLUSTERSYNC_CHROMIUM";
    public const string DefaultPath = "/usr/bin/chromium";

    private static Task<(IPlaywright Playwright, IBrowser Browser)>? _shared;

    /// <summary>The shared browser, launched once.</summary>
    public static async Task<IBrowser> GetAsync()
    {
        var executable = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : DefaultPath;
        if (!File.Exists(executable))
        {
            var message = $"Chromium is not installed at {executable} (apt-get install chromium, or set {PathVariable}).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        Task<(IPlaywright, IBrowser)> shared;
        lock (typeof(Chromium))
        {
            shared = _shared ??= LaunchAsync(executable);
        }

        return (await shared).Item2;
    }

    public static async Task DisposeSharedAsync()
    {
        Task<(IPlaywright Playwright, IBrowser Browser)>? shared;
        lock (typeof(Chromium))
        {
            shared = _shared;
            _shared = null;
        }

        if (shared is { IsCompletedSuccessfully: true })
        {
            await shared.Result.Browser.CloseAsync();
            shared.Result.Playwright.Dispose();
        }
    }

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync(string executable)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling out, and a closed network refuses it.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }
}
