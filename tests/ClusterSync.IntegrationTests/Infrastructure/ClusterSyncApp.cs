using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ClusterSync.IntegrationTests.Infrastructure;

/// <summary>The real host, in process, over its HTTP interface, with extra configuration; its log kept in <paramref name="logs"/> when given.</summary>
public sealed class ClusterSyncApp(IReadOnlyDictionary<string, string?> settings, LogCapture? logs = null) : WebApplicationFactory<Program>
{
    public const string OperatorKey = "csk_test0000_operator-secret-for-tests";
    public const string ReaderKey = "csk_test0001_reader-secret-for-tests";

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
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
    }

    public HttpClient CreateOperatorClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        return client;
    }
}
