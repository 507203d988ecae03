using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ClusterSync.IntegrationTests.Sources;

/// <summary>
/// Serves one request before the source tests, so that the first test's attempt timeouts measure the
/// client rather than WireMock's and the runtime's first-use costs.
/// </summary>
[SetUpFixture]
public sealed class SourcesWarmUp
{
    [OneTimeSetUp]
    public async Task WarmUpAsync()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/warm-up").UsingGet()).RespondWith(Response.Create().WithBody("{}"));
        using var client = new HttpClient();
        await client.GetStringAsync(new Uri(server.Url + "/warm-up"));
    }
}
