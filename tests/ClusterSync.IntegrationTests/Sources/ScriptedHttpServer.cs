using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClusterSync.IntegrationTests.Sources;

/// <summary>
/// A raw TCP HTTP/1.1 server that answers each connection with the next scripted reply, for faults WireMock
/// cannot fake: a connection reset, a body shorter than its Content-Length, a chunked body of unknown length.
/// One request per connection.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Queue<Func<Socket, Task>> _replies;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    private ScriptedHttpServer(IEnumerable<Func<Socket, Task>> replies)
    {
        _replies = new Queue<Func<Socket, Task>>(replies);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Requests => Volatile.Read(ref _requests);

    public static ScriptedHttpServer Start(params Func<Socket, Task>[] replies) => new(replies);

    /// <summary>Resets the connection (TCP RST) after reading the request.</summary>
    public static Func<Socket, Task> Reset() => socket =>
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
        return Task.CompletedTask;
    };

    /// <summary>Declares the whole body's length but sends only part of it, then closes.</summary>
    public static Func<Socket, Task> Truncated(string body) => async socket =>
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await socket.SendAsync(Head(bytes.Length));
        await socket.SendAsync(bytes.AsMemory(0, bytes.Length / 2));
        socket.Shutdown(SocketShutdown.Both);
        socket.Close();
    };

    public static Func<Socket, Task> Json(string body) => async socket =>
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await socket.SendAsync(Head(bytes.Length));
        await socket.SendAsync(bytes);
        socket.Shutdown(SocketShutdown.Both);
        socket.Close();
    };

    /// <summary>Sends the body in chunks without a Content-Length, so its size is only known by reading it.</summary>
    public static Func<Socket, Task> Chunked(string body) => async socket =>
    {
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.api+json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"));
        foreach (var chunk in body.Chunk(4096))
        {
            var bytes = Encoding.UTF8.GetBytes(chunk);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"{bytes.Length:x}\r\n"));
            await socket.SendAsync(bytes);
            await socket.SendAsync(Encoding.ASCII.GetBytes("\r\n"));
        }

        await socket.SendAsync(Encoding.ASCII.GetBytes("0\r\n\r\n"));
        socket.Shutdown(SocketShutdown.Both);
        socket.Close();
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static byte[] Head(int length) => Encoding.ASCII.GetBytes(
        $"HTTP/1.1 200 OK\r\nContent-Type: application/vnd.api+json\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n");

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (socket)
            {
                await ReadRequestAsync(socket);
                Interlocked.Increment(ref _requests);
                var reply = _replies.Count > 1 ? _replies.Dequeue() : _replies.Peek();
                await reply(socket);
            }
        }
    }

    private async Task ReadRequestAsync(Socket socket)
    {
        var buffer = new byte[8192];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
