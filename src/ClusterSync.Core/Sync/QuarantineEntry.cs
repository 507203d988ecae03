using System.Security.Cryptography;
using System.Text;

namespace ClusterSync.Core.Sync;

/// <summary>An item quarantined in a run, with the reason an operator reads.</summary>
public sealed record QuarantineEntry(string? SourceId, string RawPayload, string Reason)
{
    /// <summary>SHA-256 of the raw payload: the same bad payload is quarantined once, not once per run.</summary>
    public string PayloadHash => HashOf(RawPayload);

    public static string HashOf(string rawPayload)
    {
        ArgumentNullException.ThrowIfNull(rawPayload);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawPayload)));
    }
}
