using ClusterSync.Core.Matching;
using ClusterSync.Synthetic;

namespace ClusterSync.Core.Tests.Matching;

public class ModelEstimationTests
{
    [Test]
    public void Comparisons_besides_names_are_learned_from_pairs_with_nearly_identical_names_not_from_pairs_in_one_town()
    {
        // In the generator's data a duplicate keeps its phone and its site; many organisations of one town share a
        // name word (the town's). Learned from every pair sharing a name word, EM found "one town" and the
        // plausibility check put every comparison back to its defaults (different phones: m = 0.25).
        var (inputs, _) = OversizedBlockTests.Generated(new SyntheticOptions { Count = 10_000, Seed = 42 });
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load(inputs, []);

        var model = engine.DescribeModel().Comparisons;
        var differentPhones = model.Single(c => c.Name == "phone").Levels.Single(l => l.Level == "different numbers").M;
        var differentSites = model.Single(c => c.Name == "domain").Levels.Single(l => l.Level == "different web domains").M;

        Assert.Multiple(() =>
        {
            Assert.That(differentPhones, Is.LessThan(0.1), "duplicates rarely have different phones");
            Assert.That(differentSites, Is.LessThan(0.05), "duplicates rarely have different sites");
        });
    }

    [Test]
    public void With_names_and_an_address_alone_the_address_is_not_learned_from_nearly_identical_names()
    {
        // Town, postal code, street and country are one indicator (one address): over nearly identical names EM
        // fits "the same street" (here different streets get m = 0.04; 0.001 with names and streets alone) and
        // loses the duplicates that moved. Such data keeps learning from every pair that shares a name word (here
        // the estimate is implausible and the default, 0.15, stays).
        var (inputs, _) = OversizedBlockTests.Generated(new SyntheticOptions { Count = 10_000, Seed = 42 });
        var addressesOnly = inputs.Select(i => new MatchInput
        {
            Key = i.Key,
            Name = i.Name,
            Country = i.Country,
            Locality = i.Locality,
            PostalCode = i.PostalCode,
            Street = i.Street,
        }).ToList();
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load(addressesOnly, []);

        var street = engine.DescribeModel().Comparisons.Single(c => c.Name == "street").Levels.Single(l => l.Level == "different street").M;

        Assert.That(street, Is.GreaterThan(0.1));
    }
}
