using System.Globalization;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Records;
using ClusterSync.Synthetic;

namespace ClusterSync.Core.Tests.Matching;

public class OversizedBlockTests
{
    /// <summary>Generated records as the engine sees them after the service's normaliser, with their true clusters.</summary>
    internal static (List<MatchInput> Inputs, List<string> Truth) Generated(SyntheticOptions options)
    {
        var inputs = new List<MatchInput>();
        var truth = new List<string>();
        foreach (var r in SyntheticDirectory.Generate(options))
        {
            var raw = new RawOrganisation
            {
                Source = "synthetic",
                SourceId = r.Id,
                Name = r.Name,
                Acronym = r.Acronym,
                Country = r.Country,
                CountryRequired = false,
                Region = r.Region,
                Locality = r.City,
                PostalCode = r.PostalCode,
                Street = r.Street,
                Website = r.Website,
                Email = r.Email,
                Phone = r.Phone,
                Latitude = r.Latitude?.ToString(CultureInfo.InvariantCulture),
                Longitude = r.Longitude?.ToString(CultureInfo.InvariantCulture),
            };
            if (OrganisationNormaliser.Default.Normalise(raw).Record is { } record)
            {
                inputs.Add(MatchInput.From(record));
                truth.Add(r.TrueCluster);
            }
        }

        return (inputs, truth);
    }

    private static MatchInput Org(string id, string name, string? domain = null, string? city = null, string? postal = null, string country = "US") => new()
    {
        Key = new SourceRecordKey("t", id),
        Name = name,
        WebsiteDomain = domain,
        Locality = city,
        PostalCode = postal,
        Country = country,
    };

    [Test]
    public void A_name_written_two_thousand_times_among_three_thousand_others_is_one_organisation()
    {
        var (inputs, truth) = Generated(new SyntheticOptions { Count = 5_000, FrequentNameCopies = 2_000, Seed = 42 });
        var engine = new MatchingEngine(new MatchingSettings());

        engine.Load(inputs, []);
        var clusters = engine.ClusterAll();

        var frequent = Enumerable.Range(0, inputs.Count).Where(i => truth[i] == "e0000000").ToList();
        Assert.That(frequent, Has.Count.GreaterThan(2_000));
        Assert.That(frequent.Select(i => clusters[i]).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void A_name_written_ten_thousand_times_costs_comparisons_in_proportion_to_its_records()
    {
        var (withName, _) = Generated(new SyntheticOptions { Count = 20_000, FrequentNameCopies = 10_000, Seed = 42 });
        var (without, _) = Generated(new SyntheticOptions { Count = 20_000, Seed = 42 });
        var engine = new MatchingEngine(new MatchingSettings { KeepReviewPairs = false });
        var baseline = new MatchingEngine(new MatchingSettings { KeepReviewPairs = false });

        engine.Load(withName, []);
        baseline.Load(without, []);

        // All pairs of the name alone would be 50 million.
        Assert.That(engine.CandidatePairCount, Is.LessThan(baseline.CandidatePairCount + (10_000L * 2 * SortedNeighbourhood.Window * SortedNeighbourhood.Passes)));
    }

    [Test]
    public void Records_of_one_frequent_name_with_different_web_sites_are_not_united()
    {
        var records = Enumerable.Range(0, 80).Select(i => Org($"r{i}", "Regional Innovation Partnership", i < 40 ? "rip-east.org" : "rip-west.org",
            i < 40 ? "Dayton" : "Fresno")).ToList();
        var engine = new MatchingEngine(new MatchingSettings());

        engine.Load(records, []);
        var clusters = engine.ClusterAll();

        Assert.That(clusters.Take(40).Distinct().Count(), Is.EqualTo(1));
        Assert.That(clusters.Skip(40).Distinct().Count(), Is.EqualTo(1));
        Assert.That(clusters[0], Is.Not.EqualTo(clusters[79]));
    }

    [Test]
    public void The_exact_key_union_is_explained_and_yields_to_a_cannot_link()
    {
        var records = Enumerable.Range(0, 60).Select(i => Org($"r{i}", "Regional Innovation Partnership", city: $"Town {i}")).ToList();
        var decision = new MatchDecision(records[0].Key, records[1].Key, MatchDecisionKinds.CannotLink);
        var engine = new MatchingEngine(new MatchingSettings());

        engine.Load(records, [decision]);
        var explanation = engine.Explain(records[2].Key, records[3].Key);
        var clusters = engine.ClusterAll();

        Assert.That(explanation.Steps.Select(s => s.Comparison), Does.Contain("exact-key union"));
        Assert.That(explanation.Outcome, Is.EqualTo("match"));
        Assert.That(clusters[0], Is.Not.EqualTo(clusters[1]));
        Assert.That(clusters.Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public void A_record_added_to_the_warm_index_joins_its_frequent_name()
    {
        var records = Enumerable.Range(0, 60).Select(i => Org($"r{i}", "Regional Innovation Partnership", city: $"Town {i}")).ToList();
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load(records, []);
        var added = Org("new", "Regional Innovation Partnership", city: "Elsewhere");

        engine.Apply([added], [], []);

        Assert.That(engine.ClustersContaining([added.Key]).Single(), Has.Count.EqualTo(61));
    }

    [Test]
    public void Blocking_quality_counts_the_true_pairs_that_only_an_oversized_block_shares()
    {
        // Fifteen different names of one prefix at one postal code: only the capped "postal code + name
        // prefix" block holds them together.
        var records = Enumerable.Range(0, 15).Select(i => Org($"r{i}", $"Quasar{(char)('a' + i)}{(char)('k' + i)} Works", postal: "10001")).ToList();
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load(records, []);

        var quality = BlockingQuality.Measure(engine, [.. records.Select(r => r.Key)], [.. records.Select(_ => "one")]);

        Assert.That(quality.TruePairs, Is.EqualTo(105));
        Assert.That(quality.TruePairsBlocked, Is.Zero);
        Assert.That(quality.TruePairsLostToCaps, Is.EqualTo(105));
    }

    [Test]
    public void A_record_scored_against_a_frequent_name_meets_a_few_of_its_records_and_matches_them()
    {
        var records = Enumerable.Range(0, 500).Select(i => Org($"r{i}", "Regional Innovation Partnership", city: $"Town {i}")).ToList();
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load(records, []);

        var candidates = engine.ScoreAgainst(Org("probe", "Regional Innovation Partnership", city: "Town 7"), 100);

        Assert.That(candidates, Has.Count.InRange(1, 2 * SortedNeighbourhood.Window * SortedNeighbourhood.Passes));
        Assert.That(candidates.Select(c => c.Outcome), Is.All.EqualTo("match"));
        Assert.That(engine.Count, Is.EqualTo(500));
    }
}
