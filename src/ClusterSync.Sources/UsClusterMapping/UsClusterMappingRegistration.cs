using Microsoft.Extensions.Options;
using Refit;

namespace ClusterSync.Sources.UsClusterMapping;

/// <summary>The U.S. Cluster Mapping Project registry (clustermapping.us).</summary>
public sealed class UsClusterMappingRegistration()
    : SourceRegistration<UsClusterMappingOptions, IUsClusterMappingApi, UsClusterMappingConnector>(SourceId, SectionName)
{
    /// <summary>The source id written on every registry record.</summary>
    public const string SourceId = "us-cluster-mapping";

    /// <summary>The configuration section <see cref="UsClusterMappingOptions"/> are bound from.</summary>
    public const string SectionName = "Sources:UsClusterMapping";

    /// <summary>Weekly, Mondays at 04:00 UTC: the registry changes rarely.</summary>
    public override string DefaultSchedule => "0 0 4 ? * MON";

    private protected override IValidateOptions<UsClusterMappingOptions> Validator { get; } = new UsClusterMappingOptionsValidator();

    private protected override RefitSettings RefitSettings => new(new SystemTextJsonContentSerializer(UsClusterMappingJson.Options));
}
