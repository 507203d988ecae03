using System.Text.Json;
using System.Text.Json.Serialization;
using ClusterSync.Sources.Json;

namespace ClusterSync.Sources.UsClusterMapping;

/// <summary>JSON settings for the U.S. Cluster Mapping API's Solr documents.</summary>
public static class UsClusterMappingJson
{
    /// <summary>
    /// Lists accept a bare value or an array, strings accept numbers (codes stay text), numbers accept
    /// numeric strings; unknown fields are ignored by the DTOs and kept in the raw payload.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new SingleOrArrayConverterFactory());
        options.Converters.Add(new StringOrNumberConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
