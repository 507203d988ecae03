using ClusterSync.Core.Sync;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.Resilience;
using ClusterSync.Sources.UsClusterMapping;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ClusterSync's upstream connectors.</summary>
public static class SourcesServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates (on start) <c>Sources:UsClusterMapping</c> and <c>Sources:Eccp</c>, and registers
    /// each enabled connector as <see cref="ISourceConnector"/> (also keyed by its source id), its Refit
    /// client with one resilience pipeline, and a <see cref="ClusterSync.Sources.SourceConnectorCatalog"/>.
    /// A client's base address is read from <see cref="IOptionsMonitor{TOptions}"/> each time a client is
    /// created, so it may be changed after registration (e.g. to a local replay server).
    /// </summary>
    public static IServiceCollection AddClusterSyncSources(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<ClusterSync.Sources.SourceConnectorCatalog>();

        AddUpstream<UsClusterMappingOptions, IUsClusterMappingApi, UsClusterMappingConnector>(
            services,
            configuration,
            UsClusterMappingOptions.SectionName,
            ClusterSync.Sources.SourceIds.UsClusterMapping,
            new UsClusterMappingOptionsValidator(),
            new RefitSettings(new SystemTextJsonContentSerializer(UsClusterMappingJson.Options)));
        AddUpstream<EccpOptions, IEccpApi, EccpConnector>(
            services,
            configuration,
            EccpOptions.SectionName,
            ClusterSync.Sources.SourceIds.Eccp,
            new EccpOptionsValidator(),
            new RefitSettings());
        return services;
    }

    private static void AddUpstream<TOptions, TApi, TConnector>(
        IServiceCollection services,
        IConfiguration configuration,
        string section,
        string source,
        IValidateOptions<TOptions> validator,
        RefitSettings refitSettings)
        where TOptions : UpstreamOptions
        where TApi : class
        where TConnector : class, ISourceConnector
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton(validator);
        if (!configuration.GetSection(section).GetValue(nameof(UpstreamOptions.Enabled), true))
        {
            return;
        }

        services
            .AddRefitGeneratedClient<TApi>(refitSettings)
            .ConfigureHttpClient((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue;
                client.BaseAddress = options.BaseAddress;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddUpstreamResilience<TOptions>(source);
        services.AddKeyedTransient<ISourceConnector, TConnector>(source);
        services.AddTransient(provider => provider.GetRequiredKeyedService<ISourceConnector>(source));
    }
}
