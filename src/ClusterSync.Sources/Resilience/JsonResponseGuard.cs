using System.Text.Json;
using ClusterSync.Sources.Telemetry;

namespace ClusterSync.Sources.Resilience;

/// <summary>
/// Innermost handler of an upstream client: counts each attempt and reads the whole body inside it, so
/// that a stalled body, a body shorter than its Content-Length and a success body that is not JSON are
/// faults the attempt timeout and the retry strategy see (outside the pipeline they would not be retried).
/// </summary>
internal sealed class JsonResponseGuard(string source) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SourcesTelemetry.RecordRequest(source);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
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
