using ClusterSync.Core.Sync;
using ClusterSync.Sources;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.Server;

namespace ClusterSync.IntegrationTests.Sources;

[TestFixture]
public sealed class SourcesRegistrationTests
{
    [Test]
    public void Both_connectors_are_registered_by_default_and_found_by_source_id()
    {
        using var provider = SourcesHarness.Build(new Dictionary<string, string?>());

        var catalog = provider.GetRequiredService<SourceConnectorCatalog>();

        Assert.That(provider.GetServices<ISourceConnector>().Select(c => c.Source), Is.EqualTo(new[] { UsClusterMappingRegistration.SourceId, EccpRegistration.SourceId }));
        Assert.That(catalog.Get(EccpRegistration.SourceId), Is.InstanceOf<EccpConnector>());
        Assert.That(catalog.Find("unknown"), Is.Null);
    }

    [Test]
    public void A_disabled_connector_is_not_registered()
    {
        using var provider = SourcesHarness.Build(new Dictionary<string, string?> { [$"{SourcesHarness.EccpSection}:Enabled"] = "false" });

        var catalog = provider.GetRequiredService<SourceConnectorCatalog>();

        Assert.That(catalog.Sources, Is.EqualTo(new[] { UsClusterMappingRegistration.SourceId }));
        Assert.That(() => catalog.Get(EccpRegistration.SourceId), Throws.TypeOf<KeyNotFoundException>().With.Message.Contain(UsClusterMappingRegistration.SourceId));
    }

    [Test]
    public void Invalid_settings_fail_validation_on_start_naming_each_key()
    {
        using var provider = SourcesHarness.Build(new Dictionary<string, string?>
        {
            [$"{SourcesHarness.EccpSection}:PageLimit"] = "500",
            [$"{SourcesHarness.EccpSection}:AttemptTimeout"] = "00:01:00",
            [$"{SourcesHarness.EccpSection}:TotalTimeout"] = "00:00:10",
            [$"{SourcesHarness.UsSection}:BaseAddress"] = "ftp://example.org/data",
        });

        var failure = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var problems = failure!.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.That(problems, Has.Some.Contain("Sources:Eccp:PageLimit"));
        Assert.That(problems, Has.Some.Contain("Sources:Eccp:TotalTimeout"));
        Assert.That(problems, Has.Some.Contain("Sources:UsClusterMapping:BaseAddress"));
    }

    [Test]
    public async Task The_base_address_is_read_when_a_client_is_created_not_when_registered()
    {
        using var replay = WireMockServer.Start();
        replay.ServePages(JsonApiPages.Page(null, JsonApiPages.Resource(1, "Replayed")));
        var settings = SourcesHarness.FastSettings(SourcesHarness.EccpSection, "http://127.0.0.1:9/");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = SourcesHarness.Build(configuration);

        configuration[$"{SourcesHarness.EccpSection}:BaseAddress"] = replay.Url;
        configuration.Reload();
        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "Replayed" }));
    }
}
