using System.Security.Cryptography;
using System.Text;

namespace ClusterSync.Host.Security;

/// <summary>
/// API keys look like <c>csk_{id}_{secret}</c>. Only a SHA-256 hash of the whole key is stored: keys are
/// 160-bit random strings, so a fast hash is safe (no password-style stretching is needed).
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "csk_";

    /// <summary>Scope for operator actions: overrides, reviews, sync triggers.</summary>
    public const string OperatorScope = "operator";

    /// <summary>Scope for reading the directory, sectors, sources and runs.</summary>
    public const string ReadScope = "read";

    /// <summary>Scope for partner systems: <c>read</c>, the change feed and their own webhook subscriptions.</summary>
    public const string PartnerScope = "partner";

    /// <summary>Scope for everything, key management included.</summary>
    public const string AdminScope = "admin";

    public static readonly IReadOnlyList<string> KnownScopes = [ReadScope, PartnerScope, OperatorScope, AdminScope];

    /// <summary>The scopes that include reading (every scope does).</summary>
    public static readonly IReadOnlyList<string> ReadingScopes = [ReadScope, PartnerScope, OperatorScope, AdminScope];

    /// <summary>The scopes that include operations.</summary>
    public static readonly IReadOnlyList<string> OperatingScopes = [OperatorScope, AdminScope];

    /// <summary>Creates a new key; returns its id (public) and the full key (shown once).</summary>
    public static (string Id, string Key) Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var secret = Base32(RandomNumberGenerator.GetBytes(20));
        return (id, $"{Prefix}{id}_{secret}");
    }

    public static string Hash(string key) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The key's id, or null when the text is not shaped like a key.</summary>
    public static string? IdOf(string? key)
    {
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = key.IndexOf('_', Prefix.Length);
        return end > Prefix.Length ? key[Prefix.Length..end] : null;
    }

    public static bool Verify(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base32(byte[] bytes)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var builder = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                builder.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            builder.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }

        return builder.ToString();
    }
}

/// <summary>Keys given in configuration (section <c>ApiKeys</c>), besides those created with the CLI.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "ApiKeys";

    public IList<ConfiguredApiKey> Keys { get; init; } = [];
}

/// <summary>A configured key: give <see cref="Hash"/> (preferred) or the plain <see cref="Key"/>.</summary>
public sealed class ConfiguredApiKey
{
    public string Name { get; set; } = "";
    public string? Key { get; set; }
    public string? Hash { get; set; }
    public IList<string> Scopes { get; init; } = [];
}
