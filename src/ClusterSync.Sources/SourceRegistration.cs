using ClusterSync.Core.Sync;
using ClusterSync.Sources.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace ClusterSync.Sources;

/// <summary>
/// One upstream platform as the service knows it: the source id its records carry, the configuration
/// section its settings are bound from, and how its connector is registered.
/// </summary>
public abstract class SourceRegistration
{
    private protected SourceRegistration(string source, string section)
    {
        Source = source;
        Section = section;
    }

    /// <summary>The source id written on every record the platform's connector reads.</summary>
    public string Source { get; }

    /// <summary>The configuration section the platform's settings are bound from, e.g. <c>Sources:Eccp</c>.</summary>
    public string Section { get; }

    /// <summary>
    /// When the platform is synced unless <c>Sources:&lt;Platform&gt;:Schedule</c> says otherwise: a Quartz cron
    /// expression (seconds first) in UTC.
    /// </summary>
    public abstract string DefaultSchedule { get; }

    /// <summary>Whether the platform is enabled in <paramref name="configuration"/>.</summary>
    public bool IsEnabled(IConfiguration configuration) =>
        configuration.GetSection(Section).GetValue(nameof(UpstreamOptions.Enabled), true);

    /// <summary>The platform's sync schedule in <paramref name="configuration"/> (a Quartz cron expression, UTC).</summary>
    public string ScheduleIn(IConfiguration configuration) =>
        configuration.GetSection(Section)[nameof(UpstreamOptions.Schedule)] is { Length: > 0 } configured ? configured.Trim() : DefaultSchedule;

    /// <summary>Binds and validates the settings and, unless they say <c>Enabled: false</c>, registers the connector.</summary>
    internal abstract void Register(IServiceCollection services, IConfiguration configuration);
}

/// <summary>
/// A platform read through a Refit client <typeparamref name="TApi"/> with the upstream resilience
/// pipeline, by a connector <typeparamref name="TConnector"/>, configured by <typeparamref name="TOptions"/>.
/// </summary>
public abstract class SourceRegistration<TOptions, TApi, TConnector> : SourceRegistration
    where TOptions : UpstreamOptions
    where TApi : class
    where TConnector : class, ISourceConnector
{
    private protected SourceRegistration(string source, string section)
        : base(source, section)
    {
    }

    /// <summary>Checks the platform's settings on start.</summary>
    private protected abstract IValidateOptions<TOptions> Validator { get; }

    /// <summary>How the Refit client reads and writes bodies.</summary>
    private protected virtual RefitSettings RefitSettings => new();

    internal sealed override void Register(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton(Validator);
        if (!section.GetValue(nameof(UpstreamOptions.Enabled), true))
        {
            return;
        }

        var source = Source;
        services
            .AddRefitGeneratedClient<TApi>(RefitSettings)
            .ConfigureHttpClient((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue;
                client.BaseAddress = options.BaseAddress;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddUpstreamResilience<TOptions>(source, Section);
        services.AddKeyedTransient<ISourceConnector, TConnector>(source);
        services.AddTransient(provider => provider.GetRequiredKeyedService<ISourceConnector>(source));
    }
}
