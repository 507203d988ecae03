using System.Net;
using System.Text;
using ClusterSync.Host.Webhooks;

namespace ClusterSync.IntegrationTests.Webhooks;

/// <summary>Deliveries signed here are verified by the specification's own verifier (npm standardwebhooks) over HTTP.</summary>
public class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"specversion\":\"1.0\",\"type\":\"organisation.created\",\"id\":\"1\",\"source\":\"urn:clustersync:directory\"}");

    private static async Task<HttpStatusCode> SendAsync(Uri endpoint, byte[] body, string id, DateTimeOffset timestamp, params string[] secrets)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/cloudevents+json");
        WebhookSignature.AddHeaders(request, id, timestamp, body, secrets);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Test]
    public async Task A_signed_delivery_verifies_with_the_subscribers_secret()
    {
        var secret = WebhookSignature.NewSecret();
        await using var receiver = await StandardWebhooksVerifier.StartAsync(secret);

        var status = await SendAsync(receiver.Endpoint, Body, "msg_1", DateTimeOffset.UtcNow, secret);

        Assert.That(status, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task During_a_rotation_a_receiver_holding_either_secret_verifies()
    {
        var old = WebhookSignature.NewSecret();
        var rotated = WebhookSignature.NewSecret();
        await using var holdsOld = await StandardWebhooksVerifier.StartAsync(old);
        await using var holdsNew = await StandardWebhooksVerifier.StartAsync(rotated);

        var toOld = await SendAsync(holdsOld.Endpoint, Body, "msg_2", DateTimeOffset.UtcNow, rotated, old);
        var toNew = await SendAsync(holdsNew.Endpoint, Body, "msg_2", DateTimeOffset.UtcNow, rotated, old);

        Assert.That((toOld, toNew), Is.EqualTo((HttpStatusCode.NoContent, HttpStatusCode.NoContent)));
    }

    [Test]
    public async Task A_tampered_body_another_secret_or_a_stale_timestamp_does_not_verify()
    {
        var secret = WebhookSignature.NewSecret();
        await using var receiver = await StandardWebhooksVerifier.StartAsync(secret);
        var tampered = Body.ToArray();
        tampered[^2] = (byte)'X';

        var otherSecret = await SendAsync(receiver.Endpoint, Body, "msg_3", DateTimeOffset.UtcNow, WebhookSignature.NewSecret());
        var stale = await SendAsync(receiver.Endpoint, Body, "msg_4", DateTimeOffset.UtcNow.AddHours(-1), secret);
        var signedThenTampered = await SendTamperedAsync(receiver.Endpoint, secret, tampered);

        Assert.That(new[] { otherSecret, stale, signedThenTampered }, Is.All.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static async Task<HttpStatusCode> SendTamperedAsync(Uri endpoint, string secret, byte[] tampered)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(tampered) };
        WebhookSignature.AddHeaders(request, "msg_5", DateTimeOffset.UtcNow, Body, [secret]);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
