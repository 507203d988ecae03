using ClusterSync.Sources.Eccp;

namespace ClusterSync.Sources.Recorded.Eccp;

/// <summary>The MODELLED ECCP fixture, paged like Drupal's JSON:API.</summary>
public sealed class EccpReplay() : UpstreamReplay(new EccpRegistration())
{
    /// <summary>ECCP's site writes next links on this host; the connector must rewrite them.</summary>
    private static readonly Uri MisconfiguredLinkHost = new("http://default/");

    /// <inheritdoc />
    public override RecordedResponse? Respond(string pathAndQuery) => RecordedEccp.Respond(pathAndQuery, MisconfiguredLinkHost);
}
