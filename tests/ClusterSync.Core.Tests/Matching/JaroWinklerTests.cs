using ClusterSync.Core.Matching;

namespace ClusterSync.Core.Tests.Matching;

public class JaroWinklerTests
{
    // Reference values from Winkler (1990) and the record-linkage literature.
    [TestCase("MARTHA", "MARHTA", 0.961)]
    [TestCase("DWAYNE", "DUANE", 0.840)]
    [TestCase("DIXON", "DICKSONX", 0.813)]
    [TestCase("abc", "abc", 1.0)]
    [TestCase("abc", "xyz", 0.0)]
    public void Similarity_matches_published_values(string a, string b, double expected)
    {
        Assert.That(JaroWinkler.Similarity(a, b), Is.EqualTo(expected).Within(0.001));
    }

    [Test]
    public void Similarity_is_symmetric_and_the_length_bound_holds()
    {
        var forward = JaroWinkler.Similarity("photonics", "photnoics");
        var backward = JaroWinkler.Similarity("photnoics", "photonics");

        Assert.That(forward, Is.EqualTo(backward));
        Assert.That(JaroWinkler.UpperBound(9, 4), Is.GreaterThanOrEqualTo(JaroWinkler.Similarity("photonics", "phot")));
    }
}
