using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Webhooks;

/// <summary>Resolves host names; replaceable so that tests can change what a name resolves to.</summary>
public interface IWebhookHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

internal sealed class DnsWebhookHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>
/// Which URLs a subscription may target: https to hosts that resolve only to public addresses (no loopback, private,
/// link-local, unique-local, CGNAT, multicast or reserved ones), unless <see cref="WebhookOptions.AllowedHosts"/> lists
/// the host (then http is allowed too). Checked when a subscription is made and again when each delivery connects.
/// </summary>
public sealed class WebhookTargetPolicy(IOptionsMonitor<WebhookOptions> options, IWebhookHostResolver resolver)
{
    /// <summary>The reason <paramref name="url"/> is not a target a subscription may have, or null when it may.</summary>
    public async Task<string?> RefusalAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "url must be an absolute https URL of at most 2000 characters.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && IsAllowlisted(uri.IdnHost)))
        {
            return "url must use https (http only for a host in Webhooks:AllowedHosts).";
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "url must carry no user information and no fragment.";
        }

        try
        {
            _ = await AllowedAddressesAsync(uri.IdnHost, cancellationToken);
            return null;
        }
        catch (WebhookTargetRefusedException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The addresses a delivery to <paramref name="host"/> may connect to.</summary>
    /// <exception cref="WebhookTargetRefusedException">The host does not resolve, or resolves to an address that is not public.</exception>
    public async Task<IReadOnlyList<IPAddress>> AllowedAddressesAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var allowlisted = IsAllowlisted(host);
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(host, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new WebhookTargetRefusedException($"The host '{host}' does not resolve: {ex.Message}");
            }
        }

        if (addresses.Length == 0)
        {
            throw new WebhookTargetRefusedException($"The host '{host}' does not resolve.");
        }

        // Every address must be public: a name that resolves to one public and one private address could be steered to the latter.
        if (!allowlisted && addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused)
        {
            throw new WebhookTargetRefusedException(
                $"The host '{host}' resolves to {refused}, which is not a public address (add the host to Webhooks:AllowedHosts to allow it).");
        }

        return addresses;
    }

    private bool IsAllowlisted(string host) =>
        options.CurrentValue.AllowedHosts.Any(h => string.Equals(h.Trim().Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="address"/> is a public unicast address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224 // this network, private, loopback, multicast and reserved (240/4), broadcast
                || (b[0] == 100 && b[1] is >= 64 and <= 127) // CGNAT 100.64/10
                || (b[0] == 169 && b[1] == 254) // link-local
                || (b[0] == 172 && b[1] is >= 16 and <= 31) // private
                || (b[0] == 192 && b[1] == 168) // private
                || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
                || (b[0] == 198 && b[1] is 18 or 19)); // benchmarking
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var v6 = address.GetAddressBytes();
        return !(IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (v6[0] & 0xfe) == 0xfc // unique-local fc00::/7
            || (v6[0] == 0x20 && v6[1] == 0x02) // 6to4, which can embed any IPv4 address
            || (v6[0] == 0 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b)); // NAT64, likewise
    }
}

/// <summary>A webhook target that may not be reached: not public, not resolvable, or not allowed.</summary>
public sealed class WebhookTargetRefusedException : Exception
{
    public WebhookTargetRefusedException()
    {
    }

    public WebhookTargetRefusedException(string message)
        : base(message)
    {
    }

    public WebhookTargetRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
