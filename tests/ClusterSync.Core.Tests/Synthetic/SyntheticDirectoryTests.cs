using ClusterSync.Synthetic;

namespace ClusterSync.Core.Tests.Synthetic;

public class SyntheticDirectoryTests
{
    [Test]
    public void Same_seed_gives_identical_records()
    {
        var options = new SyntheticOptions { Count = 2_000, Seed = 7 };

        var first = SyntheticDirectory.Generate(options).ToList();
        var second = SyntheticDirectory.Generate(options).ToList();

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Different_seeds_give_different_records()
    {
        var first = SyntheticDirectory.Generate(new SyntheticOptions { Count = 500, Seed = 1 }).Select(r => r.Name).ToList();
        var second = SyntheticDirectory.Generate(new SyntheticOptions { Count = 500, Seed = 2 }).Select(r => r.Name).ToList();

        Assert.That(second.Intersect(first).Count(), Is.LessThan(25));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(999)]
    [TestCase(12_345)]
    public void Produces_exactly_the_requested_count(int count)
    {
        var records = SyntheticDirectory.Generate(new SyntheticOptions { Count = count }).ToList();

        Assert.That(records, Has.Count.EqualTo(count));
        Assert.That(records.Select(r => r.Id).Distinct().Count(), Is.EqualTo(count));
    }

    [Test]
    public void Duplicate_rate_is_within_one_percent_at_ten_thousand()
    {
        var records = SyntheticSample.Records;

        var extraCopies = records.Count - records.Select(r => r.TrueCluster).Distinct().Count();

        Assert.That(extraCopies / (double)records.Count, Is.EqualTo(0.20).Within(0.01));
    }

    [TestCase(0.0)]
    [TestCase(0.35)]
    [TestCase(SyntheticOptions.MaxDuplicateRate)]
    public void Duplicate_rate_follows_the_option(double rate)
    {
        var records = SyntheticDirectory.Generate(new SyntheticOptions { Count = 5_000, DuplicateRate = rate, Seed = 3 }).ToList();

        var extraCopies = records.Count - records.Select(r => r.TrueCluster).Distinct().Count();

        Assert.That(extraCopies / (double)records.Count, Is.EqualTo(rate).Within(0.01));
    }

    [Test]
    public void Each_cluster_has_one_first_record_and_distinct_copy_numbers()
    {
        var clusters = SyntheticSample.Records.GroupBy(r => r.TrueCluster).ToList();

        Assert.That(clusters.All(c => c.Count(r => r.CopyIndex == 0) == 1), Is.True);
        Assert.That(clusters.All(c => c.Select(r => r.CopyIndex).Distinct().Count() == c.Count()), Is.True);
    }

    [Test]
    public void Copies_of_an_entity_keep_its_country_and_traits()
    {
        var inconsistent = SyntheticSample.Records
            .GroupBy(r => r.TrueCluster)
            .Where(c => c.Select(r => (r.Country, r.Traits, r.HardNegativeOf)).Distinct().Count() > 1)
            .Select(c => c.Key)
            .ToList();

        Assert.That(inconsistent, Is.Empty);
    }

    [Test]
    public void Copies_of_an_entity_are_not_adjacent()
    {
        var records = SyntheticSample.Records;

        var adjacent = records.Zip(records.Skip(1)).Count(pair => pair.First.TrueCluster == pair.Second.TrueCluster);

        Assert.That(adjacent, Is.LessThan(records.Count / 100));
    }

    [Test]
    public void Without_noise_a_duplicate_equals_its_first_record_apart_from_id()
    {
        var records = SyntheticDirectory.Generate(new SyntheticOptions { Count = 2_000, Noise = NoiseRates.None }).ToList();

        var differing = records
            .GroupBy(r => r.TrueCluster)
            .Where(c => c.Select(r => r with { Id = "", CopyIndex = 0 }).Distinct().Count() > 1)
            .ToList();

        Assert.That(differing, Is.Empty);
    }

    [Test]
    public void With_default_noise_most_duplicates_differ_from_their_first_record()
    {
        var firsts = SyntheticSample.Originals.ToDictionary(r => r.TrueCluster);
        var duplicates = SyntheticSample.Records.Where(r => r.CopyIndex > 0).ToList();

        var changed = duplicates.Count(d => d with { Id = "", CopyIndex = 0, Noise = NoiseKinds.None } != firsts[d.TrueCluster] with { Id = "" });

        Assert.That(changed / (double)duplicates.Count, Is.GreaterThan(0.9));
    }

    [Test]
    public void Noise_is_reported_only_where_it_changed_the_record()
    {
        var options = new SyntheticOptions { Count = 3_000, Noise = NoiseRates.None with { PhoneMissing = 1 } };
        var records = SyntheticDirectory.Generate(options).ToList();
        var firsts = records.Where(r => r.CopyIndex == 0).ToDictionary(r => r.TrueCluster);

        var duplicates = records.Where(r => r.CopyIndex > 0).ToList();

        Assert.That(duplicates.All(d => d.Phone is null), Is.True);
        Assert.That(duplicates.All(d => d.Noise == (firsts[d.TrueCluster].Phone is null ? NoiseKinds.None : NoiseKinds.PhoneMissing)), Is.True);
    }

    [Test]
    public void Rejects_a_duplicate_rate_above_the_maximum_before_enumeration()
    {
        var options = new SyntheticOptions { DuplicateRate = 0.61 };

        Assert.That(() => SyntheticDirectory.Generate(options),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("DuplicateRate"));
    }

    [Test]
    public void Rejects_a_negative_count()
    {
        Assert.That(() => SyntheticDirectory.Generate(new SyntheticOptions { Count = -1 }),
            Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Rejects_a_noise_rate_that_is_not_a_probability()
    {
        var options = new SyntheticOptions { Noise = new NoiseRates { NameTypo = 1.5 } };

        Assert.That(() => SyntheticDirectory.Generate(options),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("NameTypo"));
    }

    [Test]
    public void Rejects_a_trait_rate_that_is_not_a_probability()
    {
        var options = new SyntheticOptions { HardNegativeRate = -0.1 };

        Assert.That(() => SyntheticDirectory.Generate(options),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("HardNegativeRate"));
    }
}
