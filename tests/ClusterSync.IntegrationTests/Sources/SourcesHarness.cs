using System.Text;
using ClusterSync.Core.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace ClusterSync.IntegrationTests.Sources;

/// <summary>Builds the sources' services from settings, with short timeouts, as a test needs them.</summary>
internal static class SourcesHarness
{
    public const string UsSection = "Sources:UsClusterMapping";
    public const string EccpSection = "Sources:Eccp";

    /// <summary>Settings that make faults quick: short timeouts and delays, no rate limit, a lenient breaker.</summary>
    public static Dictionary<string, string?> FastSettings(string section, string baseAddress) => new()
    {
        [$"{section}:BaseAddress"] = baseAddress,
        [$"{section}:AttemptTimeout"] = "00:00:02",
        [$"{section}:TotalTimeout"] = "00:00:20",
        [$"{section}:MaxRetryAttempts"] = "3",
        [$"{section}:BaseDelay"] = "00:00:00.010",
        [$"{section}:MaxDelay"] = "00:00:05",
        [$"{section}:RequestsPerSecond"] = "1000",
        [$"{section}:CircuitBreaker:MinimumThroughput"] = "100",
        [$"{section}:CircuitBreaker:SamplingDuration"] = "00:00:30",
        [$"{section}:CircuitBreaker:BreakDuration"] = "00:00:30",
    };

    public static ServiceProvider Build(IDictionary<string, string?> settings, LogCapture? logs = null) =>
        Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), logs);

    public static ServiceProvider Build(IConfiguration configuration, LogCapture? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Debug);
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        services.AddClusterSyncSources(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static ISourceConnector Connector(this ServiceProvider provider, string source) =>
        provider.GetRequiredKeyedService<ISourceConnector>(source);

    public static async Task<List<SourceItem>> ReadAllAsync(this ISourceConnector connector, ReadRequest? request = null)
    {
        var items = new List<SourceItem>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var item in connector.ReadAsync(request ?? ReadRequest.Full, timeout.Token))
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>The path and query of a request WireMock received, query starting with '?'.</summary>
    public static string PathAndQuery(IRequestMessage request)
    {
        var query = request.RawQuery ?? "";
        return request.Path + (query.Length == 0 || query.StartsWith('?') ? query : "?" + query);
    }

    /// <summary>The query WireMock received, keys and values decoded (WireMock keeps <c>page%5Blimit%5D</c> as is).</summary>
    public static Dictionary<string, string> Query(IRequestMessage request) =>
        QueryHelpers.ParseQuery(request.RawQuery).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    public static ResponseMessage Json(int status, string body, string contentType = "application/json")
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        response.AddHeader("Content-Type", contentType);
        return response;
    }

    public static IReadOnlyList<DateTime> RequestTimes(this WireMockServer server) =>
        [.. server.LogEntries.Select(e => e.RequestMessage.DateTime).Order()];
}
