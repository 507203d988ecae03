using System.Diagnostics;
using System.Net.Http.Json;

namespace ClusterSync.IntegrationTests.Webhooks;

/// <summary>
/// The npm <c>standardwebhooks</c> package, pinned, installed once per test run into the test output folder, and a node
/// receiver (receiver.js) that verifies each request with it. Without node the tests are skipped locally and fail on CI.
/// </summary>
internal sealed class StandardWebhooksVerifier : IAsyncDisposable
{
    public const string PackageVersion = "1.1.1";

    private static readonly SemaphoreSlim Installing = new(1, 1);
    private static readonly HttpClient Control = new();
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);
    private readonly Process _node;

    private StandardWebhooksVerifier(Process node, int port)
    {
        _node = node;
        Endpoint = new Uri($"http://127.0.0.1:{port}/hook");
    }

    public Uri Endpoint { get; }

    /// <summary>Verify with these secrets from now on.</summary>
    public async Task SetSecretsAsync(params string[] secrets)
    {
        using var response = await Control.PutAsJsonAsync(new Uri(Endpoint, "/control/secrets"), secrets);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Answer the next <paramref name="count"/> deliveries with <paramref name="status"/>.</summary>
    public async Task FailNextAsync(int count, int status = 503)
    {
        using var response = await Control.PostAsync(new Uri(Endpoint, $"/control/fail?count={count}&status={status}"), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Answer deliveries with a redirect (307) while <paramref name="on"/>.</summary>
    public async Task RedirectAsync(bool on)
    {
        using var response = await Control.PostAsync(new Uri(Endpoint, "/control/redirect?on=" + (on ? "1" : "0")), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How many deliveries were received so far.</summary>
    public async Task<int> CountAsync() =>
        int.Parse(await Control.GetStringAsync(new Uri(Endpoint, "/control/count")), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every delivery received so far, in arrival order.</summary>
    public async Task<IReadOnlyList<ReceivedDelivery>> ReceivedAsync() =>
        await Control.GetFromJsonAsync<List<ReceivedDelivery>>(new Uri(Endpoint, "/control/received"), Json) ?? [];

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

/// <summary>One delivery as the receiver saw it: whether a signature verified, and the status it answered.</summary>
internal sealed record ReceivedDelivery(string WebhookId, string EventId, string Type, bool Verified, int Status);
