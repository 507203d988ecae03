using System.Buffers.Text;
using System.Text;

namespace ClusterSync.Storage.Paging;

/// <summary>
/// A keyset position: the sort it belongs to, the last item's sort key and id, and a scope (for relevance, a hash
/// of the search words: such a cursor is valid within one query only). Opaque to clients (base64url).
/// </summary>
public sealed record KeysetCursor(string Sort, string Key, string Id, string Scope)
{
    private const string Version = "k1";

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', Version, Sort, Key, Id, Scope)));

    public static bool TryDecode(string? text, out KeysetCursor cursor)
    {
        cursor = null!;
        if (string.IsNullOrEmpty(text) || text.Length > 2000 || !Base64Url.IsValid(text))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(text));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }

        var parts = decoded.Split('\n');
        if (parts.Length != 5 || parts[0] != Version || parts[3].Length == 0)
        {
            return false;
        }

        cursor = new KeysetCursor(parts[1], parts[2], parts[3], parts[4]);
        return true;
    }
}
