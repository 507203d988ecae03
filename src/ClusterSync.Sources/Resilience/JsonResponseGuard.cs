using System.Text.Json;
using ClusterSync.Sources.Telemetry;

namespace ClusterSync.Sources.Resilience;

/// <summary>
/// Handler inside each attempt of an upstream client: counts the attempt and reads the whole body inside it, so
/// that a stalled body, a body shorter than its Content-Length and a success body that is not JSON are
/// faults the attempt timeout and the retry strategy see (outside the pipeline they would not be retried).
/// A body larger than <see cref="UpstreamOptions.MaxResponseBytes"/> is refused, never read whole.
/// </summary>
internal sealed class JsonResponseGuard(string source, string section, Func<UpstreamOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SourcesTelemetry.RecordRequest(source);
        var limit = options().MaxResponseBytes;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = await ReadCappedAsync(response, limit, section, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                EnsureJson(body);
            }

            return response;
        }
        catch (IOException e)
        {
            response.Dispose();
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"The response body could not be read: {e.Message}", e);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Reads the body into memory, at most <paramref name="limit"/> bytes, and puts it back as the response's content.</summary>
    private static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, long limit, string section, CancellationToken cancellationToken)
    {
        var url = response.RequestMessage?.RequestUri;
        if (response.Content.Headers.ContentLength is > 0 and var declared && declared > limit)
        {
            throw TooLarge(url, $"Content-Length {declared}", limit, section);
        }

        var buffer = new MemoryStream();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(url, "no Content-Length; reading stopped at the cap", limit, section);
                }

                buffer.Write(chunk, 0, read);
            }
        }

        var body = buffer.ToArray();
        var content = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content.Dispose();
        response.Content = content;
        return body;
    }

    private static ResponseRefusedException TooLarge(Uri? url, string what, long limit, string section) =>
        new($"the body of {url} is larger than the {limit} bytes {section}:MaxResponseBytes allows ({what}); it was not read.");

    /// <summary>Throws an <see cref="HttpRequestException"/> (invalid response) unless the body is one complete JSON value.</summary>
    internal static void EnsureJson(ReadOnlySpan<byte> body)
    {
        body = JsonBody.WithoutByteOrderMark(body);
        if (body.IsEmpty)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, "The response body is empty, expected JSON.");
        }

        try
        {
            var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, $"The response body is not valid JSON ({e.Message})", e);
        }
    }
}

/// <summary>Helpers for JSON bodies as upstreams send them.</summary>
internal static class JsonBody
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> body) =>
        body.StartsWith(Utf8Bom) ? body[Utf8Bom.Length..] : body;

    public static ReadOnlyMemory<byte> WithoutByteOrderMark(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith(Utf8Bom) ? body[Utf8Bom.Length..] : body;
}
