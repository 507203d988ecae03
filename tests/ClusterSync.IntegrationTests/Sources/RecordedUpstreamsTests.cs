using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.Recorded;
using ClusterSync.Sources.Recorded.Eccp;
using ClusterSync.Sources.Recorded.UsClusterMapping;
using ClusterSync.Sources.UsClusterMapping;

namespace ClusterSync.IntegrationTests.Sources;

[TestFixture]
public sealed class RecordedUpstreamsTests
{
    [Test]
    public async Task Each_replayed_source_reads_every_recorded_record_from_its_own_server()
    {
        await using var upstreams = await RecordedUpstreams.StartAsync(CancellationToken.None);
        using var provider = SourcesHarness.Build(new Dictionary<string, string?>(
            upstreams.SettingsFor([UsClusterMappingRegistration.SourceId, EccpRegistration.SourceId])));

        var registry = await provider.Connector(UsClusterMappingRegistration.SourceId).ReadAllAsync();
        var eccp = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(registry, Has.Count.EqualTo(RecordedUsClusterMapping.OrganisationCount));
        Assert.That(eccp, Has.Count.EqualTo(RecordedEccp.ResourceCount));
    }

    [Test]
    public async Task A_source_not_chosen_is_disabled()
    {
        await using var upstreams = await RecordedUpstreams.StartAsync(CancellationToken.None);

        var settings = upstreams.SettingsFor([EccpRegistration.SourceId]);

        Assert.That(settings[$"{UsClusterMappingRegistration.SectionName}:Enabled"], Is.EqualTo("false"));
        Assert.That(settings[$"{EccpRegistration.SectionName}:Enabled"], Is.EqualTo("true"));
    }

    [Test]
    public void Without_Replay_Sources_only_the_registry_is_replayed()
    {
        Assert.That(RecordedUpstreams.SourcesToReplay(null), Is.EqualTo(new[] { UsClusterMappingRegistration.SourceId }));
        Assert.That(RecordedUpstreams.SourcesToReplay(" us-cluster-mapping , eccp "), Is.EqualTo(new[] { UsClusterMappingRegistration.SourceId, EccpRegistration.SourceId }));
    }
}
