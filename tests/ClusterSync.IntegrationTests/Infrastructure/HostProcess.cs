using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClusterSync.IntegrationTests.Infrastructure;

/// <summary>Runs the built host executable (or the lab's) as a child process, as a user would.</summary>
public static class HostProcess
{
    public static string HostDll => Path.Combine(TestContext.CurrentContext.TestDirectory, "ClusterSync.Host.dll");

    public static string LabDll => Path.Combine(TestContext.CurrentContext.TestDirectory, "ClusterSync.Lab.dll");

    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(
        IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null) =>
        RunDllAsync(HostDll, args, workingDirectory, timeout);

    /// <summary>Runs <c>ClusterSync.Lab</c> with <paramref name="args"/> and collects its output.</summary>
    public static Task<(int ExitCode, string StdOut, string StdErr)> RunLabAsync(IEnumerable<string> args, TimeSpan? timeout = null) =>
        RunDllAsync(LabDll, args, workingDirectory: null, timeout);

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunDllAsync(
        string dll, IEnumerable<string> args, string? workingDirectory, TimeSpan? timeout)
    {
        using var process = Process.Start(StartInfo(dll, args, workingDirectory))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the host serving on a free loopback port; dispose (or <see cref="RunningHost.Kill"/>) ends it.</summary>
    public static RunningHost Start(IEnumerable<string> args, string? workingDirectory = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var given = args.ToList();
        var keyed = given.Any(a => a.StartsWith("--ApiKeys:", StringComparison.Ordinal)) ? given : [.. given, .. OperatorKeyArguments];
        var info = StartInfo(HostDll, [.. keyed, $"--urls={address}"], workingDirectory);
        return new RunningHost(Process.Start(info)!, address);
    }

    /// <summary>Starts a one-shot verb as a child process (it serves nothing); <see cref="RunningHost.Output"/> collects what it writes.</summary>
    public static RunningHost StartVerb(IEnumerable<string> args, string? workingDirectory = null) =>
        new(Process.Start(StartInfo(HostDll, args, workingDirectory))!, new Uri("http://127.0.0.1:9/"));

    /// <summary>Configures <see cref="ClusterSyncApp.OperatorKey"/> as an operator key; <see cref="RunningHost.Client"/> sends it.</summary>
    public static IReadOnlyList<string> OperatorKeyArguments { get; } =
    [
        "--ApiKeys:Keys:0:Name=test operator",
        "--ApiKeys:Keys:0:Key=" + ClusterSyncApp.OperatorKey,
        "--ApiKeys:Keys:0:Scopes:0=operator",
    ];

    private static ProcessStartInfo StartInfo(string dll, IEnumerable<string> args, string? workingDirectory)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A host child process; its output is collected for failure messages.</summary>
public sealed class RunningHost : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    internal RunningHost(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        Client.DefaultRequestHeaders.Add("X-Api-Key", ClusterSyncApp.OperatorKey);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>A client for the host's HTTP interface, sending the operator key the host is started with.</summary>
    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Asks the process to stop, as an orchestrator does (SIGTERM).</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }

    /// <summary>Waits for the process to exit; false when it is still running after <paramref name="timeout"/>.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Waits until the process writes a line containing <paramref name="text"/>; fails with its output when it exits first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal) && !HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        if (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.Fail($"The host never wrote '{text}' (exited: {HasExited}).\n{Output}");
        }
    }

    /// <summary>What the process wrote so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Ends the process at once, as a crash would (no graceful shutdown).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Waits for <paramref name="task"/>; fails with the host's output when the host exits first or time runs out.</summary>
    public async Task WaitForAsync(Task task, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!task.IsCompleted && !HasExited && DateTime.UtcNow < deadline)
        {
            await Task.WhenAny(task, Task.Delay(100));
        }

        if (!task.IsCompleted)
        {
            Assert.Fail($"The host never reached: {what} (exited: {HasExited}).\n{Output}");
        }

        await task;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with the host's output when it never does.</summary>
    public async Task WaitUntilAsync(Func<HttpClient, Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !HasExited)
        {
            try
            {
                if (await condition(Client))
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or busy starting.
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The host never reached: {what} (exited: {HasExited}).\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public void Dispose()
    {
        Kill();
        Client.Dispose();
        _process.Dispose();
    }
}
