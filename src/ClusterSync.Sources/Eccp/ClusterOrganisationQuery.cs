using ClusterSync.Core.Sync;
using Refit;

namespace ClusterSync.Sources.Eccp;

/// <summary>
/// Query of the first page of <c>GET /jsonapi/node/cluster_organisation</c>: page size, a stable sort,
/// the included taxonomy terms and, for incremental reads, a <c>changed &gt;= value</c> condition.
/// Later pages are whatever <c>links.next</c> says.
/// </summary>
public sealed record ClusterOrganisationQuery
{
    /// <summary>The sort that makes offset paging stable while records change: oldest change first, node id breaking ties.</summary>
    public const string StableSort = "changed,drupal_internal__nid";

    /// <summary>The relationships whose taxonomy terms are included in each page.</summary>
    public const string IncludedRelationships = "field_ecosystems,field_sectors";

    /// <summary>Resources per page, at most 50.</summary>
    [AliasAs("page[limit]")]
    public int PageLimit { get; init; } = EccpOptions.MaximumPageLimit;

    /// <summary>Sort fields, comma-separated.</summary>
    [AliasAs("sort")]
    public string Sort { get; init; } = StableSort;

    /// <summary>Field the change condition tests: <c>changed</c>, or null for no condition.</summary>
    [AliasAs("filter[changed][condition][path]")]
    public string? ChangedPath { get; init; }

    /// <summary>Operator of the change condition: <c>&gt;=</c>.</summary>
    [AliasAs("filter[changed][condition][operator]")]
    public string? ChangedOperator { get; init; }

    /// <summary>Unix seconds; records changed at or after it are listed.</summary>
    [AliasAs("filter[changed][condition][value]")]
    public long? ChangedSinceUnixSeconds { get; init; }

    /// <summary>Relationships whose resources are included, comma-separated.</summary>
    [AliasAs("include")]
    public string Include { get; init; } = IncludedRelationships;

    /// <summary>
    /// The query for a read: no filter for a full read; for an incremental read, changed at or after
    /// <c>ChangedSince − overlap</c> (rounded down to the second).
    /// </summary>
    public static ClusterOrganisationQuery For(ReadRequest request, int pageLimit, TimeSpan overlap)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new ClusterOrganisationQuery { PageLimit = pageLimit };
        if (request.Mode != ReadMode.Incremental || request.ChangedSince is not { } since)
        {
            return query;
        }

        return query with
        {
            ChangedPath = "changed",
            ChangedOperator = ">=",
            ChangedSinceUnixSeconds = (since - overlap).ToUnixTimeSeconds(),
        };
    }

    /// <summary>The query as readable text (brackets not escaped), for messages.</summary>
    public override string ToString()
    {
        var text = FormattableString.Invariant($"page[limit]={PageLimit}&sort={Sort}");
        if (ChangedSinceUnixSeconds is { } value)
        {
            text += FormattableString.Invariant(
                $"&filter[changed][condition][path]={ChangedPath}&filter[changed][condition][operator]={ChangedOperator}&filter[changed][condition][value]={value}");
        }

        return text + "&include=" + Include;
    }
}
