using System.Globalization;
using System.Text.Json;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.Recorded.Eccp;
using ClusterSync.Sources.Recorded.UsClusterMapping;
using ClusterSync.Sources.UsClusterMapping;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>What the recorded upstreams truly hold, from the ECCP ground truth and the registry's documents.</summary>
internal static class FixtureTruth
{
    public const string Readable = "readable";

    /// <summary>The invented contact person and personal e-mail local part of the ECCP fixture (nid 1501).</summary>
    public static readonly IReadOnlyList<string> PersonalData = ["Anna", "Przykładowa", "Przykladowa", "anna.przykladowa"];

    public static IEnumerable<EccpGroundTruth> EccpReadable => RecordedEccp.GroundTruth.Where(t => t.Expected == Readable);

    public static IEnumerable<EccpGroundTruth> EccpFaulty => RecordedEccp.GroundTruth.Where(t => t.Expected != Readable);

    public static string Key(string source, string sourceId) => $"{source}:{sourceId}";

    public static string EccpKey(EccpGroundTruth truth) => Key(EccpRegistration.SourceId, Text(truth.Nid));

    public static string RegistryKey(string id) => Key(UsClusterMappingRegistration.SourceId, id);

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The real-world organisation of every readable record, as <c>source:sourceId</c> → entity: ECCP records by
    /// their ground-truth entity, registry records by the ECCP entity that names them, else each its own.
    /// </summary>
    public static IReadOnlyDictionary<string, string> EntityOf(IEnumerable<string> registryIds)
    {
        var entities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var truth in EccpReadable)
        {
            entities[EccpKey(truth)] = truth.Entity;
            foreach (var id in truth.UsRegistryOrgIds)
            {
                entities[RegistryKey(id)] = truth.Entity;
            }
        }

        foreach (var id in registryIds)
        {
            entities.TryAdd(RegistryKey(id), "US-" + id);
        }

        return entities;
    }

    /// <summary>Number of distinct organisations among the registry's documents (the ground truth names its duplicates).</summary>
    public static int DistinctRegistryOrganisations(IReadOnlyCollection<string> registryIds)
    {
        var entities = EntityOf(registryIds);
        return registryIds.Select(id => entities[RegistryKey(id)]).Distinct(StringComparer.Ordinal).Count();
    }

    public static int RegistryDocumentCount => RecordedUsClusterMapping.OrganisationCount;

    /// <summary>The <c>entity_id</c> of every recorded registry document, as the listing serves them.</summary>
    public static IReadOnlyList<string> RegistryIds { get; } = ReadRegistryIds();

    private static List<string> ReadRegistryIds()
    {
        using var listing = JsonDocument.Parse(RecordedUsClusterMapping.Respond("/content/organization?start=0&limit=10000")!.Body);
        return [.. listing.RootElement.EnumerateArray().Select(d => Text(d.GetProperty("entity_id").GetInt64()))];
    }
}
