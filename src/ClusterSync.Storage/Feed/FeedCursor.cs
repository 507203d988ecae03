using System.Buffers.Binary;
using System.Buffers.Text;

namespace ClusterSync.Storage.Feed;

/// <summary>
/// The opaque position in the change feed handed to clients: a version byte and the sequence of the last event read,
/// base64url-encoded. Clients compare cursors by nothing but equality; only this type reads them.
/// </summary>
public static class FeedCursor
{
    private const byte Version = 1;
    private const int Length = 9;

    /// <summary>The cursor of the position after the event numbered <paramref name="sequence"/> (0: the start).</summary>
    public static string Encode(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], sequence);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads a cursor this type wrote; false for anything else.</summary>
    public static bool TryDecode(string? cursor, out long sequence)
    {
        sequence = 0;
        Span<byte> bytes = stackalloc byte[Length + 3];
        if (cursor is not { Length: 12 } || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written)
            || written != Length || bytes[0] != Version)
        {
            return false;
        }

        var value = BinaryPrimitives.ReadInt64BigEndian(bytes[1..Length]);
        if (value < 0 || Encode(value) != cursor)
        {
            return false;
        }

        sequence = value;
        return true;
    }
}
