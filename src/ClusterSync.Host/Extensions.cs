using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Sync;
using ClusterSync.Host.Apis;
using ClusterSync.Host.OpenApi;
using ClusterSync.Host.Security;
using ClusterSync.Host.Sync;
using ClusterSync.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ClusterSync.Host;

/// <summary>What the host is made of.</summary>
public static class Extensions
{
    public const string OperatorPolicy = "operator";

    public static WebApplicationBuilder AddClusterSyncServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        services.AddClusterSyncStorage(configuration);
        services.AddClusterSyncSources(configuration);
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SurvivorshipPolicy>().BindConfiguration("Survivorship");
        services.AddSingleton(sp => new Survivorship(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SurvivorshipPolicy>>().Value));
        services.AddSingleton(sp => new DirectoryReconciler(sp.GetRequiredService<Survivorship>(), DirectoryIds.New));
        services.AddSingleton<IEntityResolverFactory, ConfiguredResolverFactory>();
        services.AddSingleton<DirectoryIndex>();
        services.AddSingleton(sp => new SyncPipeline(
            sp.GetRequiredService<ISyncRunStore>(),
            sp.GetRequiredService<ISourceRecordStore>(),
            sp.GetRequiredService<IDirectoryStore>(),
            sp.GetRequiredService<DirectoryIndex>(),
            sp.GetRequiredService<DirectoryReconciler>(),
            () => sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<SyncOptions>>().CurrentValue.ToPolicy(),
            sp.GetRequiredService<ILogger<SyncPipeline>>()));
        services.AddSingleton<SyncService>();
        services.AddSingleton<DecisionService>();
        services.AddOptions<MatchingSettings>().BindConfiguration("Matching");
        services.AddHostedService<StartupSync>();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<ApiKeySecurityTransformer>();
            o.AddOperationTransformer<ApiKeySecurityTransformer>();
        });
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName);
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, p => p.RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiKeys.OperatorScope));

        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

        builder.AddClusterSyncTelemetry();
        return builder;
    }

    private static void AddClusterSyncTelemetry(this WebApplicationBuilder builder)
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
    }

    public static WebApplication MapClusterSyncEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapOrganisationsApi();
        app.MapOperationsApi();
        app.MapMatchingApi();
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
internal sealed class ConfiguredResolverFactory(Microsoft.Extensions.Options.IOptions<MatchingSettings> settings) : IEntityResolverFactory
{
    public IEntityResolver Create() => settings.Value.Enabled ? new EntityResolver(settings.Value) : new IdentityResolver();
}
