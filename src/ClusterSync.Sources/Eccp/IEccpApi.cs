using Refit;

namespace ClusterSync.Sources.Eccp;

/// <summary>
/// The ECCP listing as ClusterSync models it on Drupal core's JSON:API
/// (<c>contracts/upstream/eccp-jsonapi.openapi.yaml</c>; an assumption, ECCP publishes no API).
/// Bodies are returned raw, because each resource of a page is read on its own.
/// </summary>
public interface IEccpApi
{
    /// <summary>The client the calls go through; its base address is the configured one.</summary>
    HttpClient Client { get; }

    /// <summary>The first page of cluster organisations.</summary>
    [Get("/jsonapi/node/cluster_organisation")]
    Task<HttpResponseMessage> ListClusterOrganisationsAsync([Query] ClusterOrganisationQuery query, CancellationToken cancellationToken);

    /// <summary>A following page, by the absolute link the previous page gave (after origin rewriting).</summary>
    [Get("")]
    Task<HttpResponseMessage> FollowAsync([Url] Uri next, CancellationToken cancellationToken);
}
