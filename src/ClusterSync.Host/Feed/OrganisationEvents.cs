using System.Net.Mime;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using ClusterSync.Storage.Feed;

namespace ClusterSync.Host.Feed;

/// <summary>
/// Change events as CloudEvents 1.0: type <c>organisation.{created|updated|merged|split|restored|deleted}</c>, subject the
/// organisation id, id the event's sequence, extension <c>cursor</c> the feed position after the event, and data that
/// applies the change without another call (schemas in <c>contracts/events/</c>).
/// </summary>
public static class OrganisationEvents
{
    public const string BatchContentType = "application/cloudevents-batch+json";
    public const string TypePrefix = "organisation.";
    public const string SchemaPrefix = "urn:clustersync:events:";

    /// <summary>The CloudEvents <c>source</c> of every directory event.</summary>
    public static readonly Uri Source = new("urn:clustersync:directory");

    /// <summary>The feed position after an event; pass it as <c>after</c> to continue from there.</summary>
    public static readonly CloudEventAttribute Cursor = CloudEventAttribute.CreateExtension("cursor", CloudEventAttributeType.String);

    /// <summary>Every event type the feed and webhooks carry.</summary>
    public static readonly IReadOnlyList<string> Types =
        [.. new[] { "created", "updated", "merged", "split", "restored", "deleted" }.Select(t => TypePrefix + t)];

    internal static readonly JsonSerializerOptions DataOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly JsonEventFormatter Formatter = new(DataOptions, default);

    public static CloudEvent ToCloudEvent(ChangeEventView change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var type = TypePrefix + change.Type;
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [Cursor])
        {
            Id = change.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Source = Source,
            Type = type,
            Subject = change.OrganisationId,
            Time = change.OccurredAt,
            DataContentType = MediaTypeNames.Application.Json,
            DataSchema = new Uri(SchemaPrefix + type + ".v1"),
            Data = Data(change),
        };
        cloudEvent[Cursor] = FeedCursor.Encode(change.Sequence);
        return cloudEvent;
    }

    /// <summary>Whether an event of this type (without its prefix) carries the whole golden record in its data.</summary>
    internal static bool CarriesRecord(string type) => type is "created" or "updated" or "restored" or "split";

    private static OrganisationEventData Data(ChangeEventView change)
    {
        return new OrganisationEventData(
            change.OrganisationId,
            change.Version,
            change.Type == "merged" ? change.SurvivorId : null,
            change.Type == "split" ? change.SurvivorId : null,
            CarriesRecord(change.Type) ? new StoredJson(change.PayloadJson) : null);
    }
}

/// <summary>JSON the database stored (and the service wrote): copied into the event as it is, not parsed again.</summary>
[JsonConverter(typeof(StoredJsonConverter))]
public sealed record StoredJson(string Json);

internal sealed class StoredJsonConverter : JsonConverter<StoredJson>
{
    public override StoredJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new StoredJson(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, StoredJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}

/// <summary>The <c>data</c> of an organisation event.</summary>
/// <param name="Id">The organisation's directory id.</param>
/// <param name="Version">The organisation's version after the change; apply an event only over an older version.</param>
/// <param name="SurvivorId">For <c>merged</c>: the organisation it became part of (its id now redirects there).</param>
/// <param name="SplitFrom">For <c>split</c>: the organisation the records of this one left.</param>
/// <param name="Organisation">For <c>created</c>, <c>updated</c>, <c>restored</c> and <c>split</c>: the whole golden record.</param>
public sealed record OrganisationEventData(string Id, long Version, string? SurvivorId, string? SplitFrom, StoredJson? Organisation);
