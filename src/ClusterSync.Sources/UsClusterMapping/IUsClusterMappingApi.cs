using ClusterSync.Sources.UsClusterMapping.Dtos;
using Refit;

namespace ClusterSync.Sources.UsClusterMapping;

/// <summary>
/// The routes ClusterSync calls on the U.S. Cluster Mapping data services, relative to the base address
/// <c>{host}/data</c> (<c>contracts/upstream/us-cluster-mapping.openapi.yaml</c>). Lists may arrive as a
/// bare object when exactly one document matches; <see cref="UsClusterMappingJson.Options"/> reads both.
/// </summary>
public interface IUsClusterMappingApi
{
    /// <summary>The client the calls go through; its base address is the configured one.</summary>
    HttpClient Client { get; }

    /// <summary>The 67 benchmark clusters with their sub-clusters and NAICS maps.</summary>
    [Get("/meta/clusters")]
    Task<IReadOnlyList<BenchmarkCluster>> GetBenchmarkClustersAsync(CancellationToken cancellationToken);

    /// <summary>Every region (counties, MSAs, economic areas, states, countries, territories).</summary>
    [Get("/region")]
    Task<IReadOnlyList<Region>> GetRegionsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One page of Cluster Registry organisations as raw Solr documents; the body is a JSON array, or a
    /// bare object when exactly one document is on the page. A page shorter than <paramref name="limit"/> is the last.
    /// </summary>
    [Get("/content/organization")]
    Task<HttpResponseMessage> GetOrganisationsAsync(int start, int limit, CancellationToken cancellationToken);
}
