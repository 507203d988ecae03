using ClusterSync.Synthetic;

namespace ClusterSync.Core.Tests.Synthetic;

public class SyntheticResourcesTests
{
    [Test]
    public void Vocabulary_and_cities_are_embedded_under_their_logical_names()
    {
        var names = typeof(SyntheticDirectory).Assembly.GetManifestResourceNames();

        Assert.That(names, Is.SupersetOf(new[]
        {
            "ClusterSync.Synthetic.Resources.geo/cities.csv",
            "ClusterSync.Synthetic.Resources.geo/local-names.tsv",
            "ClusterSync.Synthetic.Resources.registry/registry_org_clusters.dedup.csv",
            "ClusterSync.Synthetic.Resources.vocabulary/templates.tsv",
        }));
        Assert.That(names.Any(n => n.EndsWith(".md", StringComparison.Ordinal)), Is.False);
    }
}
