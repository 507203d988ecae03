using ClusterSync.Sources.UsClusterMapping;

namespace ClusterSync.Sources.Recorded.UsClusterMapping;

/// <summary>The recorded U.S. Cluster Registry sample, served under <c>/data/</c> like clustermapping.us.</summary>
public sealed class UsClusterMappingReplay() : UpstreamReplay(new UsClusterMappingRegistration())
{
    /// <summary>Replayed unless <c>Replay:Sources</c> says otherwise: it is real registry data.</summary>
    public override bool ReplayedByDefault => true;

    /// <inheritdoc />
    public override RecordedResponse? Respond(string pathAndQuery) => RecordedUsClusterMapping.Respond(pathAndQuery);

    /// <inheritdoc />
    protected override Uri BaseAddress(Uri server) => new(server, "/data/");
}
