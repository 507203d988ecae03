using System.Diagnostics;
using System.Text.Json;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.Telemetry;

namespace ClusterSync.Sources.Resilience;

/// <summary>A page an upstream answered: where it came from and its parsed JSON (owned by the caller).</summary>
internal sealed record UpstreamJsonPage(Uri Url, JsonDocument Document);

/// <summary>
/// One page call through an upstream's client: an activity around it, the status checked, the body
/// parsed, and any failure turned into an <see cref="UpstreamException"/> naming the page.
/// </summary>
internal static class UpstreamPageCall
{
    /// <summary>A route under a base address as text, for messages about a page not yet answered.</summary>
    public static string Address(Uri? baseAddress, string route) =>
        baseAddress is null ? route : baseAddress.ToString().TrimEnd('/') + route;

    public static async Task<UpstreamJsonPage> GetJsonAsync(
        string source,
        string page,
        UpstreamOptions options,
        Func<CancellationToken, Task<HttpResponseMessage>> send,
        Func<JsonElement, int> countItems,
        CancellationToken cancellationToken)
    {
        using var activity = SourcesTelemetry.ActivitySource.StartActivity(SourcesTelemetry.PageActivityName, ActivityKind.Client);
        activity?.SetTag(SourcesTelemetry.SourceTag, source);
        activity?.SetTag(SourcesTelemetry.PageUrlTag, page);
        try
        {
            using var response = await send(cancellationToken).ConfigureAwait(false);
            var url = response.RequestMessage?.RequestUri
                ?? throw new InvalidOperationException("The response does not say which request it answers.");
            activity?.SetTag(SourcesTelemetry.PageUrlTag, url.ToString());
            if (!response.IsSuccessStatusCode)
            {
                throw new UpstreamException(
                    source,
                    $"{page} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} after {options.MaxRetryAttempts + 1} attempt(s).");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(JsonBody.WithoutByteOrderMark(body.AsMemory()));
            }
            catch (JsonException e)
            {
                throw new UpstreamException(source, $"{url} is not valid JSON: {e.Message}", e);
            }

            activity?.SetTag(SourcesTelemetry.PageItemsTag, countItems(document.RootElement));
            return new UpstreamJsonPage(url, document);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (UpstreamException e)
        {
            Fail(activity, source, e);
            throw;
        }
        catch (Exception e)
        {
            var fault = UpstreamFaults.Describe(source, page, options, e);
            Fail(activity, source, fault);
            throw fault;
        }
    }

    private static void Fail(Activity? activity, string source, UpstreamException fault)
    {
        SourcesTelemetry.RecordFailure(source);
        activity?.SetStatus(ActivityStatusCode.Error, fault.Message);
    }
}
