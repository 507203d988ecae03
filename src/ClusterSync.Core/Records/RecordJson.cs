using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClusterSync.Core.Publication;

namespace ClusterSync.Core.Records;

/// <summary>The one JSON form of schema v1 records, and their content hash.</summary>
public static class RecordJson
{
    private const int MaximumKeptBuffer = 64 * 1024;

    // The same writer settings JsonSerializer.SerializeToUtf8Bytes derives from the context's options.
    private static readonly JsonWriterOptions HashWriterOptions = new()
    {
        Encoder = RecordJsonContext.Default.Options.Encoder,
        Indented = RecordJsonContext.Default.Options.WriteIndented,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? hashBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? hashWriter;

    public static JsonSerializerOptions Options => RecordJsonContext.Default.Options;

    public static string Serialize(SourceRecord record) =>
        JsonSerializer.Serialize(record, RecordJsonContext.Default.SourceRecord);

    public static SourceRecord Deserialize(string json) =>
        JsonSerializer.Deserialize(json, RecordJsonContext.Default.SourceRecord)
        ?? throw new JsonException("A source record cannot be null.");

    /// <summary>
    /// SHA-256 over the record's JSON with <see cref="SourceRecord.ContentHash"/> emptied, as
    /// <c>sha256:</c> followed by lower-case hex. Equal content gives an equal hash.
    /// </summary>
    public static string ComputeContentHash(SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);

        // Hashing runs once per record on every sync: serialise into a per-thread buffer instead of a new array.
        var buffer = hashBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = hashWriter ??= new Utf8JsonWriter(buffer, HashWriterOptions);
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, record.ContentHash.Length == 0 ? record : record with { ContentHash = "" }, RecordJsonContext.Default.SourceRecord);
        writer.Flush();

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        if (buffer.Capacity > MaximumKeptBuffer)
        {
            (hashBuffer, hashWriter) = (null, null);
        }

        return string.Concat("sha256:", Convert.ToHexStringLower(hash));
    }

    public static string Serialize(GoldenRecord record) =>
        JsonSerializer.Serialize(record, RecordJsonContext.Default.GoldenRecord);

    public static GoldenRecord DeserializeGolden(string json) =>
        JsonSerializer.Deserialize(json, RecordJsonContext.Default.GoldenRecord)
        ?? throw new JsonException("A golden record cannot be null.");

    /// <summary>The record with its content hash set.</summary>
    public static SourceRecord WithContentHash(SourceRecord record) =>
        record with { ContentHash = ComputeContentHash(record) };
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(SourceRecord))]
[JsonSerializable(typeof(RawOrganisation))]
[JsonSerializable(typeof(List<SourceRecord>))]
[JsonSerializable(typeof(GoldenRecord))]
internal sealed partial class RecordJsonContext : JsonSerializerContext;
