using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClusterSync.Core.Directory;

namespace ClusterSync.Core.Records;

/// <summary>The one JSON form of schema v1 records, and their content hash.</summary>
public static class RecordJson
{
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
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record with { ContentHash = "" }, RecordJsonContext.Default.SourceRecord);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
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
