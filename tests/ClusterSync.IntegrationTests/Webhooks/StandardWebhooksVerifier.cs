using System.Diagnostics;

namespace ClusterSync.IntegrationTests.Webhooks;

/// <summary>
/// The npm <c>standardwebhooks</c> package, pinned, installed once per test run into the test output folder, and a node
/// receiver (receiver.js) that verifies each request with it. Without node the tests are skipped locally and fail on CI.
/// </summary>
internal sealed class StandardWebhooksVerifier : IAsyncDisposable
{
    public const string PackageVersion = "1.1.1";

    private static readonly SemaphoreSlim Installing = new(1, 1);
    private readonly Process _node;

    private StandardWebhooksVerifier(Process node, int port)
    {
        _node = node;
        Endpoint = new Uri($"http://127.0.0.1:{port}/hook");
    }

    public Uri Endpoint { get; }

    public static async Task<StandardWebhooksVerifier> StartAsync(params string[] secrets)
    {
        var folder = await InstallAsync();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Webhooks", "receiver.js"));
        foreach (var secret in secrets)
        {
            start.ArgumentList.Add(secret);
        }

        start.Environment["STANDARDWEBHOOKS_MODULE"] = Path.Combine(folder, "node_modules", "standardwebhooks");
        var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var port = await node.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The receiver printed no port: " + await node.StandardError.ReadToEndAsync());
        return new StandardWebhooksVerifier(node, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<string> InstallAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "npm-standardwebhooks-" + PackageVersion);
        await Installing.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(folder, "node_modules", "standardwebhooks")))
            {
                return folder;
            }

            Directory.CreateDirectory(folder);
            var npm = new ProcessStartInfo("npm") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "install", "--prefix", folder, "--no-audit", "--no-fund", "--no-save", "standardwebhooks@" + PackageVersion })
            {
                npm.ArgumentList.Add(argument);
            }

            Process? process;
            try
            {
                process = Process.Start(npm);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                process = null;
                Skip("npm is not installed: " + ex.Message);
            }

            await process!.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                Skip("npm install standardwebhooks failed: " + await process.StandardError.ReadToEndAsync());
            }

            return folder;
        }
        finally
        {
            Installing.Release();
        }
    }

    private static void Skip(string message)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }

    public async ValueTask DisposeAsync()
    {
        _node.Kill();
        await _node.WaitForExitAsync();
        _node.Dispose();
    }
}
