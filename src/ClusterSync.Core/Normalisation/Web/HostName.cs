using System.Globalization;

namespace ClusterSync.Core.Normalisation.Web;

/// <summary>Conversions of domain names between their Unicode and A-label (punycode) forms.</summary>
internal static class HostName
{
    private static readonly IdnMapping Idn = new();

    /// <summary>The lower-case A-label form of <paramref name="host"/>, or null when it is no valid domain name.</summary>
    public static string? ToAscii(string host)
    {
        if (System.Text.Ascii.IsValid(host))
        {
            return host.ToLowerInvariant();
        }

        try
        {
            return Idn.GetAscii(host).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The Unicode form of an A-label host, or null when a label is invalid punycode.</summary>
    public static string? ToUnicode(string asciiHost)
    {
        if (!asciiHost.Contains("xn--", StringComparison.Ordinal))
        {
            return asciiHost;
        }

        try
        {
            return Idn.GetUnicode(asciiHost);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
