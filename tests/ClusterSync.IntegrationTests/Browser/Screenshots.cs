using ClusterSync.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ClusterSync.IntegrationTests.Browser;

/// <summary>
/// Writes screenshots of the main pages (wide and 375 px) to the folder named by <see cref="FolderVariable"/>. Explicit: it
/// runs only when asked for, with the command in the README.
/// </summary>
[TestFixture]
[Explicit("Writes docs/screenshots; run it with the README's command.")]
[NonParallelizable]
public sealed class Screenshots : BrowserTest
{
    public const string FolderVariable = "CLUSTERSYNC_SCREENSHOTS";

    [Test]
    public async Task Write_screenshots_of_the_main_pages()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        Assert.That(folder, Is.Not.Null.And.Not.Empty, $"set {FolderVariable} to the folder to write to");
        Directory.CreateDirectory(folder!);

        foreach (var (width, suffix) in new[] { (1280, ""), (375, "-375") })
        {
            await Page.SetViewportSizeAsync(width, 900);
            await ShootAsync("#/?country=PL", $"search{suffix}.png", folder!);
            await ShootAsync("#/?q=" + Uri.EscapeDataString("Śląski"), null, folder!);
            await Page.Locator("#results a").GetByText("Śląski Klaster Energetyczny").ClickAsync();
            await Page.Locator("#partners").WaitForAsync();
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder!, $"organisation{suffix}.png"), FullPage = true });
            await ShootAsync("#/operator", null, folder!);
            if (await Page.GetByLabel("Operator API key").CountAsync() > 0)
            {
                await Page.GetByLabel("Operator API key").FillAsync(ClusterSyncApp.OperatorKey);
                await Page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
            }

            await Page.GetByRole(AriaRole.Heading, new() { Name = "Review queue" }).WaitForAsync();
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder!, $"operator{suffix}.png"), FullPage = true });
        }

        await Page.SetViewportSizeAsync(1280, 900);
        await Page.GotoAsync("/docs/");
        await Page.GetByText("Searches and lists active directory organisations").First.WaitForAsync(new() { Timeout = 30_000 });
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder!, "api-reference.png") });
        Assert.That(Directory.GetFiles(folder!, "*.png"), Has.Length.GreaterThanOrEqualTo(7));
    }

    private async Task ShootAsync(string route, string? file, string folder)
    {
        // A full load each time: a change of the hash alone would leave the previous view on screen until the new one renders.
        await Page.GotoAsync("about:blank");
        await Page.GotoAsync("/" + route);
        await Page.Locator("main h1").WaitForAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (file is not null)
        {
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, file), FullPage = true });
        }
    }
}
