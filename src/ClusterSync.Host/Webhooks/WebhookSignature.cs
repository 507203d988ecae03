using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ClusterSync.Host.Webhooks;

/// <summary>
/// Signs deliveries per the Standard Webhooks specification: headers <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix
/// seconds) and <c>webhook-signature</c>, the latter <c>v1,</c> + base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>
/// keyed with the secret's bytes; one signature per secret, space-separated, so that during a rotation's grace period
/// a receiver holding either the old or the new secret verifies the message.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret, <c>whsec_</c> + base64 of 32 random bytes, shown to its subscriber once.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> value for a message signed with each of <paramref name="secrets"/>.</summary>
    public static string Sign(string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(secrets);
        var prefix = Encoding.UTF8.GetBytes($"{messageId}.{Timestamp(timestamp)}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyOf(secret), content))));
    }

    /// <summary>Adds the three headers to a delivery request.</summary>
    public static void AddHeaders(HttpRequestMessage request, string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAddWithoutValidation(IdHeader, messageId);
        request.Headers.TryAddWithoutValidation(TimestampHeader, Timestamp(timestamp));
        request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(messageId, timestamp, body, secrets));
    }

    private static string Timestamp(DateTimeOffset timestamp) => timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static byte[] KeyOf(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
}
