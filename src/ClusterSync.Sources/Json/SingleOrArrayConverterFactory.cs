using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterSync.Sources.Json;

/// <summary>
/// Reads any <see cref="IReadOnlyList{T}"/> from either a JSON array or a single bare value, because the
/// U.S. Cluster Mapping API returns one matching document as a bare object and zero or several as an
/// array (the same holds for Solr multi-valued fields written by hand). Writes an array.
/// </summary>
public sealed class SingleOrArrayConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(IReadOnlyList<>);
    }

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        var itemType = typeToConvert.GetGenericArguments()[0];
        return (JsonConverter)Activator.CreateInstance(typeof(SingleOrArrayConverter<>).MakeGenericType(itemType))!;
    }

    private sealed class SingleOrArrayConverter<T> : JsonConverter<IReadOnlyList<T>>
    {
        public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return [JsonSerializer.Deserialize<T>(ref reader, options)!];
            }

            var items = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                items.Add(JsonSerializer.Deserialize<T>(ref reader, options)!);
            }

            return items;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var item in value)
            {
                JsonSerializer.Serialize(writer, item, options);
            }

            writer.WriteEndArray();
        }
    }
}
