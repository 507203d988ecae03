using ClusterSync.Core.Matching;

namespace ClusterSync.Core.Tests.Matching;

public class LinkageMetricsTests
{
    [Test]
    public void Perfect_clustering_scores_one()
    {
        var m = LinkageMetrics.Compute(["a", "a", "b"], ["x", "x", "y"]);

        Assert.That((m.Precision, m.Recall, m.F1, m.BCubedF1), Is.EqualTo((1.0, 1.0, 1.0, 1.0)));
    }

    [Test]
    public void Over_merging_costs_precision_and_splitting_costs_recall()
    {
        var merged = LinkageMetrics.Compute(["a", "a", "a", "a"], ["x", "x", "y", "y"]);
        var split = LinkageMetrics.Compute(["a", "b", "c", "d"], ["x", "x", "y", "y"]);

        Assert.That((merged.Precision, merged.Recall), Is.EqualTo((2.0 / 6, 1.0)));
        Assert.That((split.Precision, split.Recall), Is.EqualTo((1.0, 0.0)));
        Assert.That(merged.BCubedPrecision, Is.EqualTo(0.5));
    }
}
