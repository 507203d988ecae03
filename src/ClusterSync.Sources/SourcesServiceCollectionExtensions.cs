using ClusterSync.Core.Sync;
using ClusterSync.Sources;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ClusterSync's upstream connectors.</summary>
public static class SourcesServiceCollectionExtensions
{
    /// <summary>The platforms ClusterSync reads, in registration order: a new platform is a folder and a line here.</summary>
    public static IReadOnlyList<SourceRegistration> Registrations { get; } =
    [
        new UsClusterMappingRegistration(),
        new EccpRegistration(),
    ];

    /// <summary>
    /// For each platform: binds and validates (on start) its section (<c>Sources:&lt;Platform&gt;</c>), and,
    /// unless disabled, registers its connector as <see cref="ISourceConnector"/> (also keyed by its source
    /// id) and its Refit client with one resilience pipeline; then a <see cref="SourceConnectorCatalog"/>.
    /// A client's base address is read from <see cref="IOptionsMonitor{TOptions}"/> each time a client is
    /// created, so it may be changed after registration (e.g. to a local replay server).
    /// </summary>
    public static IServiceCollection AddClusterSyncSources(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<SourceConnectorCatalog>();
        services.TryAddSingleton<ClusterSync.Sources.Resilience.UpstreamCircuits>();
        foreach (var registration in Registrations)
        {
            services.AddSingleton(registration);
            registration.Register(services, configuration);
        }

        return services;
    }
}
