using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClusterSync.IntegrationTests.Host;

/// <summary>The golden-record source priority is the host's configuration, not a list in Core.</summary>
public sealed class SurvivorshipSettingsTests
{
    private TestDatabase _db = null!;

    [SetUp]
    public async Task CreateDatabase() => _db = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);

    [TearDown]
    public async Task DropDatabase() => await _db.DisposeAsync();

    [Test]
    public async Task The_shipped_settings_trust_eccp_before_the_registry()
    {
        await using var app = new ClusterSyncApp(_db.Settings);

        var policy = app.Services.GetRequiredService<IOptions<SurvivorshipPolicy>>().Value;

        Assert.That(policy.SourcePriority, Is.EqualTo(new[] { EccpRegistration.SourceId, UsClusterMappingRegistration.SourceId }));
    }

    [Test]
    public async Task A_configured_source_priority_replaces_the_shipped_one()
    {
        var settings = new Dictionary<string, string?>(_db.Settings)
        {
            ["Survivorship:SourcePriority:0"] = UsClusterMappingRegistration.SourceId,
            ["Survivorship:SourcePriority:1"] = EccpRegistration.SourceId,
        };
        await using var app = new ClusterSyncApp(settings);

        var policy = app.Services.GetRequiredService<IOptions<SurvivorshipPolicy>>().Value;
        var golden = app.Services.GetRequiredService<Survivorship>().Build([Member(EccpRegistration.SourceId, "Photonics Cluster Inc."), Member(UsClusterMappingRegistration.SourceId, "Photonics Cluster")]);

        Assert.That(policy.SourcePriority, Is.EqualTo(new[] { UsClusterMappingRegistration.SourceId, EccpRegistration.SourceId }));
        Assert.That(golden.Provenance["name"].Source, Is.EqualTo(UsClusterMappingRegistration.SourceId));
    }

    private static SourceRecord Member(string source, string name) => new() { Source = source, SourceId = "1", Name = name };
}
