using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Sync;
using ClusterSync.Host.Apis;
using ClusterSync.Host.Feed;
using ClusterSync.Host.Health;
using ClusterSync.Host.OpenApi;
using ClusterSync.Host.Security;
using ClusterSync.Host.Sync;
using ClusterSync.Host.Web;
using ClusterSync.Host.Webhooks;
using ClusterSync.Sources.Recorded;
using ClusterSync.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ClusterSync.Host;

/// <summary>What the host is made of, one extension per part, in the order <c>Program.cs</c> adds them.</summary>
public static class Extensions
{
    public const string OperatorPolicy = ScopePolicies.Operator;
    public const string ReadPolicy = ScopePolicies.Read;

    /// <summary>Configuration: with <c>Replay:Enabled=true</c>, serves the recorded upstreams locally and points the sources at them.</summary>
    /// <returns>The replay servers to dispose when the host stops; null when replay is off.</returns>
    public static async Task<RecordedUpstreams?> AddReplayAsync(this WebApplicationBuilder builder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Configuration.GetValue<bool>("Replay:Enabled"))
        {
            return null;
        }

        var sources = RecordedUpstreams.SourcesToReplay(builder.Configuration["Replay:Sources"]);
        var replay = await RecordedUpstreams.StartAsync(cancellationToken);
        var settings = new Dictionary<string, string?>(replay.SettingsFor(sources));
        if (builder.Configuration["Sync:RunOnStartup"] is null)
        {
            settings["Sync:RunOnStartup"] = "true";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        return replay;
    }

    /// <summary>Storage: the provider's context factory, the stores, and readiness (database reachable, schema current, no source stuck partial).</summary>
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddClusterSyncStorage(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"])
            .AddCheck<PartialRunsCheck>("sync-runs", tags: ["ready"]);
        return builder;
    }

    /// <summary>Sources: one connector per enabled upstream, each with its Refit client and resilience pipeline.</summary>
    public static WebApplicationBuilder AddSources(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddClusterSyncSources(builder.Configuration);
        return builder;
    }

    /// <summary>Matching and publication: the resolver, survivorship, the warm index, Core's sync pipeline and the hosted syncs.</summary>
    public static WebApplicationBuilder AddMatching(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<MatchingSettings>().BindConfiguration("Matching");
        services.AddSingleton<IEntityResolverFactory, ConfiguredResolverFactory>();
        services.AddOptions<SurvivorshipPolicy>().BindConfiguration("Survivorship");
        services.AddSingleton(sp => new Survivorship(sp.GetRequiredService<IOptions<SurvivorshipPolicy>>().Value));
        services.AddSingleton(sp => new DirectoryReconciler(sp.GetRequiredService<Survivorship>(), DirectoryIds.New));
        services.AddSingleton<DirectoryIndex>();
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new SyncPipeline(
            sp.GetRequiredService<ISyncRunStore>(),
            sp.GetRequiredService<ISourceRecordStore>(),
            sp.GetRequiredService<IDirectoryStore>(),
            sp.GetRequiredService<DirectoryIndex>(),
            sp.GetRequiredService<DirectoryReconciler>(),
            () => sp.GetRequiredService<IOptionsMonitor<SyncOptions>>().CurrentValue.ToPolicy(),
            sp.GetRequiredService<ILogger<SyncPipeline>>(),
            sp.GetService<ISyncProbe>()));
        if (builder.Configuration[PausingSyncProbe.Setting] is { Length: > 0 } pauseAt)
        {
            services.AddSingleton<ISyncProbe>(new PausingSyncProbe(pauseAt));
        }

        services.AddSingleton<SyncService>();
        services.AddSingleton<DecisionService>();
        services.AddSingleton(sp => new DirectoryLookup(sp.GetRequiredService<DirectoryIndex>()));
        services.AddSingleton<Reconciliation.ReconciliationService>();
        services.AddHostedService<StartupSync>();
        return builder;
    }

    /// <summary>APIs: problem details, OpenAPI with the API key scheme, API key authentication and the operator policy.</summary>
    public static WebApplicationBuilder AddApis(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
        services.AddClusterSyncCors(builder.Configuration);
        services.AddOpenApi(o => o.AddClusterSyncDocument());
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName);
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        ScopePolicies.Add(services.AddAuthorizationBuilder());
        services.AddHttpContextAccessor();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, ScopeOrAnonymousHandler>();
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRequestLimits();
        services.AddHostedService<ChangeListener>();
        services.AddWebhooks();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue<long?>("Access:MaxRequestBodyBytes") ?? new AccessOptions().MaxRequestBodyBytes);

        // A refused key is logged once at debug level (ApiKeyAuthenticationHandler.RefusalCategory), not by the framework at information.
        builder.Logging.AddFilter(typeof(ApiKeyAuthenticationHandler).FullName, LogLevel.Warning);
        return builder;
    }

    /// <summary>Applies pending migrations at start when <c>Storage:MigrateOnStartup</c> is set.</summary>
    public static async Task PrepareDatabaseAsync(this IHost app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.MigrateOnStartup)
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }
    }

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTelemetryCore();
    }

    private static WebApplicationBuilder AddTelemetryCore(this WebApplicationBuilder builder)
    {
        if (string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole();
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("clustersync"))
            .WithTracing(t => t
                .AddSource("ClusterSync.*")
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(m => m
                .AddMeter("ClusterSync.*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation());
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
        });
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }

    public static WebApplication MapApis(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestSizeLimit();
        app.UseHeadAsGet();
        app.UseWebPage();
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapOrganisationsApi();
        app.MapSectorsApi();
        app.MapOperationsApi();
        app.MapMatchingApi();
        app.MapChangesApi();
        app.MapKeysApi();
        app.MapWebhooksApi();
        app.MapReconciliationApi();
        app.MapApiReference();
        return app;
    }
}

/// <summary>Ready when the database answers and has every migration applied.</summary>
internal sealed class DatabaseReadyCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await migrator.GetPendingMigrationsAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable; schema current.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending: {string.Join(", ", pending)}. Run the migrate command.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable: " + ex.Message);
        }
    }
}

/// <summary>Chooses the resolver: the matching engine, or none when <c>Matching:Enabled=false</c>.</summary>
internal sealed class ConfiguredResolverFactory(IOptions<MatchingSettings> settings) : IEntityResolverFactory
{
    public IEntityResolver Create() => settings.Value.Enabled ? new EntityResolver(settings.Value) : new IdentityResolver();
}
