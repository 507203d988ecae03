using Microsoft.Playwright;

namespace ClusterSync.IntegrationTests.Browser;

/// <summary>
/// A fresh browser context and page per test against the shared host. Every test also fails on any console error, uncaught
/// page error or request to another host than the service (the page must work offline).
/// </summary>
public abstract class BrowserTest
{
    private readonly List<string> _problems = [];
    private readonly List<string> _expectedConsoleErrors = [];
    private IBrowserContext _context = null!;

    internal BrowserHost Host { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected virtual ViewportSize Viewport => new() { Width = 1280, Height = 900 };

    [SetUp]
    public async Task OpenPage()
    {
        var browser = await Chromium.GetAsync();
        Host = await BrowserHost.GetAsync();
        _problems.Clear();
        _expectedConsoleErrors.Clear();
        _context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Host.Address.ToString(), ViewportSize = Viewport, Locale = "en-GB" });
        _context.SetDefaultTimeout(15_000);
        Page = await _context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" && !_expectedConsoleErrors.Any(message.Text.Contains))
            {
                _problems.Add($"console error on {Page.Url}: {message.Text}");
            }
        };
        Page.PageError += (_, error) => _problems.Add($"page error on {Page.Url}: {error}");
        Page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "http" or "https" && url.Authority != Host.Address.Authority)
            {
                _problems.Add($"request to another host: {request.Url}");
            }
        };
    }

    [TearDown]
    public async Task ClosePage()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        Assert.That(_problems, Is.Empty, "the page logged errors or reached another host");
    }

    /// <summary>A console error this test causes on purpose (Chromium logs every refused request, e.g. a 403).</summary>
    protected void ExpectConsoleError(string text) => _expectedConsoleErrors.Add(text);

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    /// <summary>Opens a route of the page (a hash route such as <c>#/operator</c>) and waits for its heading.</summary>
    protected async Task OpenAsync(string route = "")
    {
        await Page.GotoAsync("/" + route);
        await Expect(Page.Locator("main h1")).ToBeVisibleAsync();
    }
}
