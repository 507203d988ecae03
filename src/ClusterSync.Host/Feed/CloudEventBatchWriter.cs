using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using ClusterSync.Storage.Feed;

namespace ClusterSync.Host.Feed;

/// <summary>
/// Writes change events as <c>application/cloudevents-batch+json</c> straight to a response body, byte for byte what
/// <see cref="OrganisationEvents.Formatter"/> encodes for the events of <see cref="OrganisationEvents.ToCloudEvent"/>,
/// without building a <c>CloudEvent</c>, a URI or the data object for each event.
/// </summary>
public static class CloudEventBatchWriter
{
    /// <summary>Bytes buffered before they are handed to the body, so a large batch is not held whole in memory.</summary>
    public const int FlushThreshold = 32 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // As the SDK's writer: the encoder of the formatter's serializer options (null: the default one).
        Encoder = OrganisationEvents.DataOptions.Encoder,
        Indented = false,
        SkipValidation = true,
    };

    private static readonly JsonEncodedText SpecVersionName = Text("specversion");
    private static readonly JsonEncodedText SpecVersionValue = Text("1.0");
    private static readonly JsonEncodedText IdName = Text("id");
    private static readonly JsonEncodedText SourceName = Text("source");
    private static readonly JsonEncodedText SourceValue = Text(OrganisationEvents.Source.ToString());
    private static readonly JsonEncodedText TypeName = Text("type");
    private static readonly JsonEncodedText SubjectName = Text("subject");
    private static readonly JsonEncodedText TimeName = Text("time");
    private static readonly JsonEncodedText DataContentTypeName = Text("datacontenttype");
    private static readonly JsonEncodedText DataContentTypeValue = Text(System.Net.Mime.MediaTypeNames.Application.Json);
    private static readonly JsonEncodedText DataSchemaName = Text("dataschema");
    private static readonly JsonEncodedText CursorName = Text(OrganisationEvents.Cursor.Name);
    private static readonly JsonEncodedText DataName = Text("data");
    private static readonly JsonEncodedText VersionName = Text("version");
    private static readonly JsonEncodedText SurvivorIdName = Text("survivorId");
    private static readonly JsonEncodedText SplitFromName = Text("splitFrom");
    private static readonly JsonEncodedText OrganisationName = Text("organisation");

    private static readonly Dictionary<string, (JsonEncodedText Type, JsonEncodedText Schema)> KnownTypes =
        OrganisationEvents.Types.ToDictionary(t => t[OrganisationEvents.TypePrefix.Length..], Encoded, StringComparer.Ordinal);

    /// <summary>Writes the batch to <paramref name="body"/>, flushing it every <see cref="FlushThreshold"/> bytes and at the end.</summary>
    public static async Task WriteAsync(PipeWriter body, IReadOnlyList<ChangeEventView> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(changes);
        await using var writer = new Utf8JsonWriter(body, WriterOptions);
        writer.WriteStartArray();
        foreach (var change in changes)
        {
            WriteEvent(writer, change);
            if (writer.BytesPending >= FlushThreshold)
            {
                writer.Flush();
                await body.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.Flush();
        await body.FlushAsync(cancellationToken);
    }

    /// <summary>One event, in the SDK's order: spec version, the attributes in the order they are set, the cursor, the data.</summary>
    private static void WriteEvent(Utf8JsonWriter writer, ChangeEventView change)
    {
        var (type, schema) = KnownTypes.TryGetValue(change.Type, out var known) ? known : Encoded(OrganisationEvents.TypePrefix + change.Type);
        Span<byte> scratch = stackalloc byte[40];
        writer.WriteStartObject();
        writer.WriteString(SpecVersionName, SpecVersionValue);
        change.Sequence.TryFormat(scratch, out var written, default, CultureInfo.InvariantCulture);
        writer.WriteString(IdName, scratch[..written]);
        writer.WriteString(SourceName, SourceValue);
        writer.WriteString(TypeName, type);
        writer.WriteString(SubjectName, change.OrganisationId);
        writer.WriteString(TimeName, scratch[..FormatTimestamp(change.OccurredAt, scratch)]);
        writer.WriteString(DataContentTypeName, DataContentTypeValue);
        writer.WriteString(DataSchemaName, schema);
        writer.WriteString(CursorName, FeedCursor.Encode(change.Sequence));
        WriteData(writer, change);
        writer.WriteEndObject();
    }

    /// <summary>The data as the serializer writes <see cref="OrganisationEventData"/> (web names, nulls left out).</summary>
    private static void WriteData(Utf8JsonWriter writer, ChangeEventView change)
    {
        writer.WritePropertyName(DataName);
        writer.WriteStartObject();
        writer.WriteString(IdName, change.OrganisationId);
        writer.WriteNumber(VersionName, change.Version);
        if (change.Type == "merged" && change.SurvivorId is not null)
        {
            writer.WriteString(SurvivorIdName, change.SurvivorId);
        }

        if (change.Type == "split" && change.SurvivorId is not null)
        {
            writer.WriteString(SplitFromName, change.SurvivorId);
        }

        if (OrganisationEvents.CarriesRecord(change.Type))
        {
            writer.WritePropertyName(OrganisationName);
            writer.WriteRawValue(change.PayloadJson, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// RFC 3339 as the SDK formats a timestamp: no fraction for whole seconds, else 3, 6 or 7 digits, whichever is exact;
    /// <c>Z</c> for a zero offset, else <c>+hh:mm</c>.
    /// </summary>
    private static int FormatTimestamp(DateTimeOffset value, Span<byte> destination)
    {
        var ticks = value.Ticks;
        var utc = value.Offset == TimeSpan.Zero;
        var format = (ticks % TimeSpan.TicksPerSecond == 0, ticks % TimeSpan.TicksPerMillisecond == 0, ticks % TimeSpan.TicksPerMicrosecond == 0) switch
        {
            (true, _, _) => utc ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:sszzz",
            (_, true, _) => utc ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffzzz",
            (_, _, true) => utc ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz",
            _ => utc ? "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz",
        };
        if (!value.TryFormat(destination, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new FormatException($"The timestamp {value:O} does not fit the buffer.");
        }

        return written;
    }

    private static (JsonEncodedText Type, JsonEncodedText Schema) Encoded(string type) =>
        (Text(type), Text(OrganisationEvents.SchemaPrefix + type + ".v1"));

    private static JsonEncodedText Text(string value) => JsonEncodedText.Encode(value, OrganisationEvents.DataOptions.Encoder);
}
