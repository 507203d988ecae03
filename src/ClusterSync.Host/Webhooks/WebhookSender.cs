using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Mime;
using System.Net.Sockets;
using CloudNative.CloudEvents;
using ClusterSync.Host.Feed;
using ClusterSync.Storage.Feed;
using ClusterSync.Storage.Webhooks;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Webhooks;

/// <summary>
/// Sends one signed message to one subscription and reports how it went. Each message is one CloudEvent in structured mode
/// (<c>application/cloudevents+json</c>), the same event the feed serves; 2xx is success, anything else (a redirect
/// included: none is followed) is a failure.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time, IOptionsMonitor<WebhookOptions> options)
{
    /// <summary>The named <see cref="HttpClient"/> deliveries use (no redirects, no proxy, addresses checked at connect).</summary>
    public const string ClientName = "webhooks";

    public const string ContentType = "application/cloudevents+json";

    /// <summary>The type of the event <c>POST /v1/webhooks/{id}/ping</c> sends.</summary>
    public const string PingType = "webhook.ping";

    private static readonly Uri PingSource = new("urn:clustersync:webhooks");

    /// <summary>The <c>webhook-id</c> of an event sent to a subscription: the same on every attempt, so receivers can de-duplicate.</summary>
    public static string MessageId(string subscriptionId, long sequence) =>
        $"msg_{subscriptionId}_{sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>A fresh <c>webhook-id</c> for a ping.</summary>
    public static string PingMessageId(string subscriptionId) =>
        $"msg_{subscriptionId}_ping_{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}";

    /// <summary>The body of a change event: the feed's CloudEvent for it.</summary>
    public static ReadOnlyMemory<byte> EventBody(ChangeEventView change) =>
        OrganisationEvents.Formatter.EncodeStructuredModeMessage(OrganisationEvents.ToCloudEvent(change), out _);

    /// <summary>The body of a ping.</summary>
    public ReadOnlyMemory<byte> PingBody(string subscriptionId, string messageId)
    {
        var ping = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = messageId,
            Source = PingSource,
            Type = PingType,
            Subject = subscriptionId,
            Time = time.GetUtcNow(),
            DataContentType = MediaTypeNames.Application.Json,
            Data = new PingData(subscriptionId),
        };
        return OrganisationEvents.Formatter.EncodeStructuredModeMessage(ping, out _);
    }

    public async Task<SendResult> SendAsync(WebhookTarget target, string messageId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var started = Stopwatch.GetTimestamp();
        var timeout = options.CurrentValue.Timeout;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ReadOnlyMemoryContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType) { CharSet = "utf-8" };
            WebhookSignature.AddHeaders(request, messageId, time.GetUtcNow(), body.Span, target.Secrets);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var status = (int)response.StatusCode;
            var error = status switch
            {
                >= 200 and < 300 => null,
                >= 300 and < 400 => $"HTTP {status}: a redirect, which is not followed.",
                _ => $"HTTP {status}.",
            };
            return new SendResult(error is null, status, error, Elapsed(started));
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refused)
        {
            return new SendResult(false, null, "Refused: " + refused.Message, Elapsed(started));
        }
        catch (HttpRequestException ex)
        {
            return new SendResult(false, null, ex.Message, Elapsed(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(false, null, $"No response within {timeout.TotalSeconds:0.###} s.", Elapsed(started));
        }
        catch (InvalidOperationException ex)
        {
            return new SendResult(false, null, ex.Message, Elapsed(started));
        }
    }

    /// <summary>The primary handler of <see cref="ClientName"/>: connects only to addresses the target policy allows, at every connection.</summary>
    internal static SocketsHttpHandler CreateHandler(WebhookTargetPolicy policy) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await policy.AllowedAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync([.. addresses], context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static WebhookTargetRefusedException? Refusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is WebhookTargetRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static int Elapsed(long started) => (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    private sealed record PingData(string SubscriptionId);
}

/// <summary>How one send went: <see cref="StatusCode"/> is null when no response came.</summary>
public sealed record SendResult(bool Succeeded, int? StatusCode, string? Error, int DurationMs);
