using ClusterSync.Core.Matching;

namespace ClusterSync.Core.Tests.Matching;

public class ClusterBuilderTests
{
    [Test]
    public void A_long_chain_of_links_is_split_at_its_weakest_link()
    {
        // 0-1-2 are tightly linked; 3-4-5 too; a single weak auto-match edge joins 2 and 3.
        var edges = new List<MatchEdge> { new(0, 1, 20), new(1, 2, 20), new(0, 2, 20), new(3, 4, 20), new(4, 5, 20), new(3, 5, 20), new(2, 3, 5) };
        var linked = edges.Select(e => (e.A, e.B)).ToHashSet();

        var clusters = ClusterBuilder.Cluster([0, 1, 2, 3, 4, 5], edges, (a, b) => linked.Contains((Math.Min(a, b), Math.Max(a, b))), (_, _) => false, 0.5);

        Assert.That(clusters, Is.EqualTo(new[] { new[] { 0, 1, 2 }, new[] { 3, 4, 5 } }));
    }

    [Test]
    public void A_cohesive_cluster_is_kept_whole()
    {
        var edges = new List<MatchEdge> { new(0, 1, 20), new(1, 2, 20), new(0, 2, 20) };

        var clusters = ClusterBuilder.Cluster([0, 1, 2], edges, (_, _) => true, (_, _) => false, 0.5);

        Assert.That(clusters, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_cannot_link_blocks_every_path_between_two_records()
    {
        // 0 and 2 must stay apart although 1 links strongly to both.
        var edges = new List<MatchEdge> { new(0, 1, 20), new(1, 2, 19) };

        var clusters = ClusterBuilder.Cluster([0, 1, 2], edges, (_, _) => true, (a, b) => (a, b) is (0, 2) or (2, 0), 0.5);

        Assert.That(clusters, Is.EqualTo(new[] { new[] { 0, 1 }, new[] { 2 } }));
    }
}
