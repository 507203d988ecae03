using System.Reflection;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using Refit;

namespace ClusterSync.IntegrationTests.Sources;

/// <summary>The upstream contracts in <c>contracts/upstream/</c> describe every route the clients call.</summary>
[TestFixture]
public sealed class UpstreamContractTests
{
    [TestCase(typeof(IUsClusterMappingApi), "us-cluster-mapping.openapi.yaml")]
    [TestCase(typeof(IEccpApi), "eccp-jsonapi.openapi.yaml")]
    public void Every_route_of_the_client_is_a_path_of_its_contract(Type api, string contract)
    {
        var text = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "contracts", "upstream", contract));

        var routes = api.GetMethods()
            .Select(m => m.GetCustomAttribute<GetAttribute>()?.Path)
            .Where(p => !string.IsNullOrEmpty(p))
            .ToList();

        Assert.That(routes, Is.Not.Empty);
        Assert.That(routes.Select(r => $"\n  {r}:"), Has.All.Matches<string>(text.Contains));
    }

    [TestCase("us-cluster-mapping.openapi.yaml")]
    [TestCase("eccp-jsonapi.openapi.yaml")]
    public void Each_contract_states_what_is_verified_inferred_and_assumed(string contract)
    {
        var text = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "contracts", "upstream", contract));

        Assert.That(text, Does.StartWith("openapi: 3.").And.Contain("[V]").And.Contain("[I]").And.Contain("[U]"));
    }
}
