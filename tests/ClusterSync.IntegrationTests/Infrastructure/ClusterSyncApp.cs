using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClusterSync.IntegrationTests.Infrastructure;

/// <summary>
/// The real host, in process, over its HTTP interface, with extra configuration; its log kept in <paramref name="logs"/> when
/// given; <paramref name="services"/> replaces services (a fake clock, say) after the host's own registrations.
/// </summary>
public sealed class ClusterSyncApp(IReadOnlyDictionary<string, string?> settings, LogCapture? logs = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string OperatorKey = "csk_test0000_operator-secret-for-tests";
    public const string ReaderKey = "csk_test0001_reader-secret-for-tests";
    public const string PartnerKey = "csk_test0002_partner-secret-for-tests";
    public const string AdminKey = "csk_test0003_admin-secret-for-tests";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Sync:RunOnStartup", "false");
        builder.UseSetting("ApiKeys:Keys:0:Name", "test operator");
        builder.UseSetting("ApiKeys:Keys:0:Key", OperatorKey);
        builder.UseSetting("ApiKeys:Keys:0:Scopes:0", "operator");
        builder.UseSetting("ApiKeys:Keys:1:Name", "test reader");
        builder.UseSetting("ApiKeys:Keys:1:Hash", global::ClusterSync.Host.Security.ApiKeys.Hash(ReaderKey));
        builder.UseSetting("ApiKeys:Keys:1:Scopes:0", "read");
        builder.UseSetting("ApiKeys:Keys:2:Name", "test partner");
        builder.UseSetting("ApiKeys:Keys:2:Key", PartnerKey);
        builder.UseSetting("ApiKeys:Keys:2:Scopes:0", "partner");
        builder.UseSetting("ApiKeys:Keys:3:Name", "test admin");
        builder.UseSetting("ApiKeys:Keys:3:Key", AdminKey);
        builder.UseSetting("ApiKeys:Keys:3:Scopes:0", "admin");

        // Tests of other things make many requests; the rate-limit tests turn limits back on.
        builder.UseSetting("RateLimits:Enabled", "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }

        if (logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
    }

    public HttpClient CreateOperatorClient() => CreateClientWithKey(OperatorKey);

    /// <summary>A client that sends <paramref name="key"/> (none when null) and follows no redirect.</summary>
    public HttpClient CreateClientWithKey(string? key)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }
}
