using ClusterSync.Sources.Resilience;

namespace ClusterSync.Sources.UsClusterMapping;

/// <summary>Settings of the U.S. Cluster Mapping connector, bound from <see cref="UsClusterMappingRegistration.SectionName"/>.</summary>
public sealed class UsClusterMappingOptions : UpstreamOptions
{
    /// <summary>Defaults: the documented production base, five requests per second.</summary>
    public UsClusterMappingOptions()
    {
        BaseAddress = new Uri("http://clustermapping.us/data");
        RequestsPerSecond = 5;
    }

    /// <summary>Documents per registry page (<c>limit</c>); the server's own default is 10,000.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Public site that <c>path_alias</c> is relative to, for each record's source URL.</summary>
    public Uri SiteAddress { get; set; } = new("http://clustermapping.us/");
}

internal sealed class UsClusterMappingOptionsValidator()
    : UpstreamOptionsValidator<UsClusterMappingOptions>(UsClusterMappingRegistration.SectionName)
{
    protected override void AddSpecificFailures(List<string> failures, UsClusterMappingOptions options)
    {
        Require(failures, options.PageSize is > 0 and <= 10_000, nameof(options.PageSize), "must be between 1 and 10000.");
        Require(failures, options.SiteAddress is { IsAbsoluteUri: true }, nameof(options.SiteAddress), "must be an absolute address.");
    }
}
