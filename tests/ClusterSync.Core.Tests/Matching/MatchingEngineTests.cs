using ClusterSync.Core.Matching;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Tests.Matching;

public class MatchingEngineTests
{
    private static MatchInput Org(string id, string name, string? domain = null, string? city = null, string country = "DE",
        string? acronym = null, string? postal = null, double? lat = null, double? lon = null, string? phone = null) => new()
        {
            Key = new SourceRecordKey("t", id),
            Name = name,
            WebsiteDomain = domain,
            Locality = city,
            Country = country,
            Acronym = acronym,
            PostalCode = postal,
            Latitude = lat,
            Longitude = lon,
            Phone = phone,
        };

    /// <summary>A small directory of distinct organisations around the records under test, so the model has a population.</summary>
    private static List<MatchInput> Background()
    {
        string[] sectors = ["Automotive", "Photonics", "Aerospace", "Biotech", "Maritime", "Textile", "Food", "Energy", "Software", "Robotics"];
        string[] places = ["Bavaria", "Saxony", "Hesse", "Bremen", "Berlin", "Hamburg", "Thuringia", "Baden", "Saarland", "Brandenburg"];
        var list = new List<MatchInput>();
        var n = 0;
        foreach (var sector in sectors)
        {
            foreach (var place in places)
            {
                n++;
                list.Add(Org($"bg{n}", $"{place} {sector} Cluster", $"{place.ToLowerInvariant()}-{sector.ToLowerInvariant()}.de", place, postal: $"{10000 + (n * 7)}"));
            }
        }

        return list;
    }

    private static Dictionary<string, int> Resolve(IEnumerable<MatchInput> records, IReadOnlyCollection<MatchDecision>? decisions = null)
    {
        var inputs = records.ToList();
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load(inputs, decisions ?? []);
        var clusters = engine.ClusterAll();
        return inputs.Select((r, i) => (r.Key.SourceId, clusters[i])).ToDictionary(x => x.SourceId, x => x.Item2);
    }

    [Test]
    public void The_same_organisation_with_and_without_legal_form_and_www_is_one_cluster()
    {
        var clusters = Resolve([.. Background(),
            Org("a", "Kompetenznetz Optische Technologien Nordhessen e.V.", "optonet-nordhessen.de", "Kassel", postal: "34117"),
            Org("b", "Kompetenznetz Optische Technologien Nordhessen", "optonet-nordhessen.de", "Kassel", postal: "34117")]);

        Assert.That(clusters["a"], Is.EqualTo(clusters["b"]));
    }

    [Test]
    public void Distinct_organisations_with_similar_names_in_different_places_stay_apart()
    {
        var clusters = Resolve(Background());

        Assert.That(clusters.Values.Distinct().Count(), Is.EqualTo(100));
    }

    [Test]
    public void Programmes_sharing_an_agency_domain_are_not_glued_together()
    {
        var programmes = new[] { "Hydrogen Valley Programme", "Smart Textiles Initiative", "Blue Economy Accelerator", "Rural Broadband Taskforce", "Circular Plastics Platform" }
            .Select((name, i) => Org($"p{i}", name, "regional-agency.de", "Kassel", postal: "34117"));

        var clusters = Resolve([.. Background(), .. programmes]);

        Assert.That(Enumerable.Range(0, 5).Select(i => clusters[$"p{i}"]).Distinct().Count(), Is.EqualTo(5));
    }

    [Test]
    public void A_cannot_link_decision_keeps_two_identical_records_apart()
    {
        var a = Org("a", "Cluster Nanotechnologie Sachsen", "nano-sachsen.de", "Dresden");
        var b = Org("b", "Cluster Nanotechnologie Sachsen", "nano-sachsen.de", "Dresden");
        var decision = new MatchDecision(a.Key, b.Key, MatchDecisionKinds.CannotLink);

        var without = Resolve([.. Background(), a, b]);
        var with = Resolve([.. Background(), a, b], [decision]);

        Assert.That(without["a"], Is.EqualTo(without["b"]));
        Assert.That(with["a"], Is.Not.EqualTo(with["b"]));
    }

    [Test]
    public void A_must_link_decision_joins_records_the_score_keeps_apart()
    {
        var a = Org("a", "Bioregion Rhein-Neckar", "biorn.org", "Heidelberg");
        var b = Org("b", "BioRN Life Science Network", null, "Mannheim");
        var decision = new MatchDecision(a.Key, b.Key, MatchDecisionKinds.MustLink);

        var with = Resolve([.. Background(), a, b], [decision]);

        Assert.That(with["a"], Is.EqualTo(with["b"]));
    }

    [Test]
    public void An_explanation_adds_up_to_its_weight()
    {
        var engine = new MatchingEngine(new MatchingSettings());
        var a = Org("a", "Aerospace Cluster Bremen", "aero-bremen.de", "Bremen", postal: "28195");
        var b = Org("b", "Aerospace Cluster Bremen e.V.", "aero-bremen.de", "Bremen", postal: "28195");
        engine.Load([.. Background(), a, b], []);

        var explanation = engine.Explain(a.Key, b.Key);

        Assert.That(explanation.Steps, Has.Count.EqualTo(10), "no gate step for related names");
        Assert.That(explanation.PriorWeight + explanation.Steps.Sum(s => s.Weight), Is.EqualTo(explanation.Weight).Within(0.01));
        Assert.That(explanation.Outcome, Is.EqualTo("match"));
        Assert.That(explanation.Blocked, Is.True);
        Assert.That(explanation.Steps.Single(s => s.Comparison == "domain").Weight, Is.GreaterThan(0));
    }

    [Test]
    public void An_incremental_change_links_a_new_duplicate_and_reports_the_old_record_dirty()
    {
        var engine = new MatchingEngine(new MatchingSettings());
        var a = Org("a", "Maritime Cluster Northern Germany", "maritimes-cluster.de", "Hamburg", postal: "20457");
        engine.Load([.. Background(), a], []);
        var b = Org("b", "Maritimes Cluster Norddeutschland e.V.", "maritimes-cluster.de", "Hamburg", postal: "20457");

        var dirty = engine.Apply([b], [], []);
        var clusters = engine.ClustersContaining([b.Key]);

        Assert.That(dirty, Does.Contain(a.Key).And.Contain(b.Key));
        Assert.That(clusters.Single(c => c.Contains(b.Key)), Does.Contain(a.Key));
    }

    [Test]
    public void Removing_a_record_leaves_its_former_partner_alone()
    {
        var engine = new MatchingEngine(new MatchingSettings());
        var a = Org("a", "Energy Cluster Saarland", "energy-saar.de", "Saarbrücken");
        var b = Org("b", "Energy Cluster Saarland", "energy-saar.de", "Saarbrücken");
        engine.Load([.. Background(), a, b], []);

        var dirty = engine.Apply([], [b.Key], []);

        Assert.That(dirty, Does.Contain(a.Key));
        Assert.That(engine.ClustersContaining([a.Key]).Single(), Is.EqualTo(new[] { a.Key }));
    }

    [Test]
    public void Blocking_quality_counts_true_pairs_that_share_a_block()
    {
        var engine = new MatchingEngine(new MatchingSettings());
        var a = Org("a", "Energy Cluster Saarland", "energy-saar.de", "Saarbrücken");
        var b = Org("b", "Energie-Cluster Saar", "energy-saar.de", "Saarbrücken");
        var c = Org("c", "Kinetic Quantum Fabric Initiative", "kqfi.example", "Flensburg", country: "DK");
        var inputs = new List<MatchInput>([.. Background(), a, b, c]);
        engine.Load(inputs, []);
        var truth = inputs.Select(i => i.Key.SourceId is "b" or "c" ? "a" : i.Key.SourceId).ToList();

        var quality = BlockingQuality.Measure(engine, [.. inputs.Select(i => i.Key)], truth);

        Assert.That(engine.AreCandidates(a.Key, b.Key), Is.True, "shared registrable domain");
        Assert.That(engine.AreCandidates(b.Key, a.Key), Is.True);
        Assert.That(engine.AreCandidates(a.Key, c.Key), Is.False, "nothing in common");
        Assert.That(engine.AreCandidates(a.Key, new SourceRecordKey("t", "unknown")), Is.False);
        Assert.That(quality.TruePairs, Is.EqualTo(3));
        Assert.That(quality.TruePairsBlocked, Is.EqualTo(1));
        Assert.That(quality.PairCompleteness, Is.EqualTo(1.0 / 3).Within(1e-9));
        Assert.That(engine.CandidatePairCount, Is.GreaterThan(0));
        var all = inputs.Count * (inputs.Count - 1) / 2.0;
        Assert.That(quality.ReductionRatio, Is.EqualTo(1 - (engine.CandidatePairCount / all)).Within(1e-9));
    }

    [Test]
    public void A_key_loaded_twice_keeps_its_last_record()
    {
        var engine = new MatchingEngine(new MatchingSettings());
        var first = Org("a", "Energy Cluster Saarland", "energy-saar.de", "Saarbrücken");
        var second = Org("a", "Photonics Cluster Berlin", "photonics.berlin", "Berlin");
        var partner = Org("p", "Photonics Cluster Berlin", "photonics.berlin", "Berlin");

        engine.Load([.. Background(), first, second, partner], []);

        Assert.That(engine.Count, Is.EqualTo(Background().Count + 2));
        Assert.That(engine.ClustersContaining([partner.Key]).Single(), Does.Contain(first.Key));
    }

    [Test]
    public void A_place_named_in_both_names_does_not_hide_their_different_subjects()
    {
        // One record has moved out of the town its name carries; the town's rare words must not outweigh
        // "Plastics" against "Creative Industries" (both common words here, as sector words are).
        string[] towns = ["Mesa", "Tempe", "Yuma", "Chandler", "Gilbert", "Tucson", "Phoenix", "Flagstaff", "Prescott", "Sedona"];
        var subjects = towns.SelectMany(town => new[]
        {
            Org($"p-{town}", $"{town} Plastics Innovation Center", $"{town.ToLowerInvariant()}-plastics.org", town, country: "US"),
            Org($"c-{town}", $"{town} Creative Industries Innovation Centre", $"{town.ToLowerInvariant()}-creative.org", town, country: "US"),
        });
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load([.. Background(), .. subjects,
            Org("a", "Casa Grande Center for Plastics Innovation", "cgcpi.org", "Maricopa", country: "US"),
            Org("b", "Casa Grande Centre for Creative Industries Innovation", "cgc-creative.com", "Casa Grande", country: "US")], []);

        var explanation = engine.Explain(new SourceRecordKey("t", "a"), new SourceRecordKey("t", "b"));

        Assert.That(explanation.Steps.Single(s => s.Comparison == "name").Level, Does.StartWith("similar but each has distinctive words"));
        Assert.That(explanation.Outcome, Is.Not.EqualTo("match"));
    }

    [Test]
    public void Name_weights_keep_the_order_of_their_levels()
    {
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load(Background(), []);

        var name = engine.DescribeModel().Comparisons.Single(c => c.Name == "name").Levels.Select(l => l.Weight).ToList();

        Assert.That(name[1], Is.LessThanOrEqualTo(3), "names with distinctive words each");
        Assert.That(name[2], Is.LessThanOrEqualTo(6).And.LessThanOrEqualTo(name[3]), "weakly similar");
        Assert.That(name[3], Is.LessThanOrEqualTo(9).And.LessThanOrEqualTo(name[4]), "similar");
    }

    [Test]
    public void An_assumed_country_may_agree_but_never_disagrees()
    {
        // The U.S. registry gives no country; ClusterSync assumes US. One of its organisations is in Türkiye.
        var registry = new MatchInput { Key = new SourceRecordKey("registry", "1"), Name = "OSTIM Medical Industry Cluster", Country = "US", CountryAssumed = true };
        var stated = new MatchInput { Key = new SourceRecordKey("registry", "2"), Name = "OSTIM Medical Industry Cluster", Country = "US" };
        var profile = Org("p", "OSTIM Medical Industry Cluster", "ostim-medikal.example", "Ankara", country: "TR");
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load([.. Background(), registry, stated, profile], []);

        var assumed = engine.Explain(registry.Key, profile.Key);
        var contradicted = engine.Explain(stated.Key, profile.Key);

        Assert.That(assumed.Steps.Single(s => s.Comparison == "country").Weight, Is.Zero);
        Assert.That(assumed.Steps.Single(s => s.Comparison == "country").Detail, Does.Contain("US (assumed) vs TR"));
        Assert.That(contradicted.Steps.Single(s => s.Comparison == "country").Weight, Is.Negative);
        Assert.That(assumed.Weight, Is.GreaterThan(contradicted.Weight));
    }

    [TestCase("names only")]
    [TestCase("names and e-mail domains")]
    [TestCase("names and coordinates")]
    [TestCase("names and regions")]
    public void Data_of_few_columns_still_links_the_same_name_written_twice(string columns)
    {
        // Little or nothing to corroborate a name with: the prior must not fall to its floor.
        MatchInput Reduce(MatchInput b, int i, string id, string suffix) => new()
        {
            Key = new SourceRecordKey("t", id),
            Name = b.Name + suffix,
            Country = b.Country,
            EmailDomain = columns == "names and e-mail domains" ? $"org{i}.example" : null,
            Latitude = columns == "names and coordinates" ? 47.0 + (i * 0.05) : null,
            Longitude = columns == "names and coordinates" ? 8.0 + (i * 0.05) : null,
            Region = columns == "names and regions" ? b.Locality : null,
        };
        var originals = Background();
        var background = originals.Select((b, i) => Reduce(b, i, b.Key.SourceId, "")).ToList();
        var copies = originals.Select((b, i) => (b, i)).Where(x => x.i % 7 == 0)
            .Select(x => Reduce(x.b, x.i, "copy-" + x.b.Key.SourceId, " e.V.")).ToList();

        var clusters = Resolve([.. background, .. copies]);

        Assert.That(copies.Select(c => clusters[c.Key.SourceId] == clusters[c.Key.SourceId["copy-".Length..]]), Is.All.True);
        Assert.That(clusters.Values.Distinct().Count(), Is.EqualTo(background.Count), "nothing else is linked");
    }

    [Test]
    public void Names_with_conflicting_words_at_one_address_go_to_review_not_to_a_link()
    {
        // One building, one switchboard; "cluster" is a common word here, "Northwest" and "Council" are not.
        var a = Org("a", "Environmental Business Cluster", city: "Seattle", country: "US", postal: "98101", phone: "+1 206 555 0100") with { Street = "1 Main Street" };
        var b = Org("b", "Northwest Environmental Business Council", city: "Seattle", country: "US", postal: "98101", phone: "+1 206 555 0100") with { Street = "1 Main Street" };
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load([.. Background(), a, b], []);

        var explanation = engine.Explain(a.Key, b.Key);

        Assert.That(explanation.Steps.Single(s => s.Comparison == "name").Level, Does.StartWith("similar but each has distinctive words"));
        Assert.That(explanation.Outcome, Is.EqualTo("review"));
        Assert.That(engine.ClustersContaining([a.Key]).Single(), Is.EqualTo(new[] { a.Key }));
    }

    [Test]
    public void A_load_fed_in_chunks_as_rows_are_read_resolves_as_one_load_of_every_row()
    {
        List<MatchInput> records =
        [
            .. Background(),
            Org("d1", "Photonics Network Jena", "photonics-jena.example", "Jena"),
            Org("d2", "Photonics Netzwerk Jena e.V.", "photonics-jena.example", "Jena"),
            Org("d3", "PNJ", "photonics-jena.example", "Jena", acronym: "PNJ"),
        ];
        var whole = new MatchingEngine(new MatchingSettings());
        whole.Load(records, []);
        var prepared = records.Select(r => PreparedInput.From(r)).ToArray();
        var fed = new MatchingEngine(new MatchingSettings());

        foreach (var chunk in prepared.Chunk(7))
        {
            fed.AddPrepared(chunk);
        }

        fed.CompleteLoad([]);

        Assert.That(fed.Count, Is.EqualTo(records.Count));
        Assert.That(fed.CandidatePairCount, Is.EqualTo(whole.CandidatePairCount));
        Assert.That(fed.ClusterAll(), Is.EqualTo(whole.ClusterAll()));
        Assert.That(fed.ClustersContaining([records[^1].Key]).Single(), Has.Count.EqualTo(3));
    }

    [Test]
    public void A_part_named_after_its_own_city_elsewhere_is_not_linked_to_the_organisation_it_split_from()
    {
        // The part kept the old site; its name adds the city it is in, where the other is not.
        var parent = Org("parent", "Ostsee Maritim Netzwerk", "ostsee-maritim.example", "Rostock", postal: "18055", phone: "0381 555 0100") with { Street = "Am Strande 3" };
        var part = Org("part", "Ostsee Maritim Netzwerk Stralsund", "ostsee-maritim.example", "Stralsund", postal: "18439", phone: "03831 555 0200") with { Street = "Hafenstraße 12" };
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load([.. Background(), parent, part], []);

        var explanation = engine.Explain(parent.Key, part.Key);

        Assert.That(explanation.Steps.Single(s => s.Comparison == "name").Level, Does.StartWith("similar but each has distinctive words"));
        Assert.That(explanation.Outcome, Is.Not.EqualTo("match"));
        Assert.That(engine.ClustersContaining([parent.Key]).Single(), Is.EqualTo(new[] { parent.Key }));
    }

    [Test]
    public void A_record_that_adds_its_own_city_to_the_name_in_that_city_is_the_same_organisation()
    {
        var a = Org("a", "Ostsee Maritim Netzwerk", "ostsee-maritim.example", "Rostock", postal: "18055", phone: "0381 555 0100") with { Street = "Am Strande 3" };
        var b = Org("b", "Ostsee Maritim Netzwerk Rostock", "ostsee-maritim.example", "Rostock", postal: "18055", phone: "0381 555 0100") with { Street = "Am Strande 3" };

        var clusters = Resolve([.. Background(), a, b]);

        Assert.That(clusters["a"], Is.EqualTo(clusters["b"]));
    }

    [Test]
    public void Programmes_of_one_agency_at_its_address_with_its_site_are_not_linked()
    {
        var a = Org("a", "Hydrogen Valley Programme", "agency.example", "Kassel", postal: "34117", phone: "0561 555 0100") with { Street = "Ständeplatz 1" };
        var b = Org("b", "Hydrogen Skills Programme", "agency.example", "Kassel", postal: "34117", phone: "0561 555 0100") with { Street = "Ständeplatz 1" };

        var clusters = Resolve([.. Background(), a, b]);

        Assert.That(clusters["a"], Is.Not.EqualTo(clusters["b"]));
    }

    [Test]
    public void The_prior_is_estimated_for_each_kind_of_evidence_a_pair_offers()
    {
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load(Background(), []);

        var priors = engine.DescribeModel().PriorsByEvidence;

        Assert.That(priors, Has.Count.EqualTo(2));
        Assert.That(priors.Select(p => p.PriorMatchProbability), Is.All.InRange(1e-9, 0.5));
    }

    [Test]
    public void A_typo_in_a_name_is_not_a_conflicting_word()
    {
        var a = Org("a", "Northwest Environmental Business Council", city: "Seattle", country: "US", postal: "98101", phone: "+1 206 555 0100") with { Street = "1 Main Street" };
        var b = Org("b", "Nortwest Environmental Busines Council", city: "Seattle", country: "US", postal: "98101", phone: "+1 206 555 0100") with { Street = "1 Main Street" };
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load([.. Background(), a, b], []);

        var explanation = engine.Explain(a.Key, b.Key);

        Assert.That(explanation.Steps.Single(s => s.Comparison == "name").Level, Does.Not.StartWith("similar but each has distinctive words"));
        Assert.That(explanation.Outcome, Is.EqualTo("match"));
    }

    [Test]
    public void The_same_locality_with_different_postal_codes_is_a_weaker_level_than_the_same_locality()
    {
        var a = Org("a", "Hydrogen Valley Cluster", city: "Kassel", postal: "34117");
        var b = Org("b", "Hydrogen Valley Cluster", city: "Kassel", postal: "34121");
        var c = Org("c", "Hydrogen Valley Cluster", city: "Kassel");
        var engine = new MatchingEngine(new MatchingSettings());
        engine.Load([.. Background(), a, b, c], []);

        Assert.That(engine.Explain(a.Key, b.Key).Steps.Single(s => s.Comparison == "place").Level, Is.EqualTo("same locality, different postal codes"));
        Assert.That(engine.Explain(a.Key, c.Key).Steps.Single(s => s.Comparison == "place").Level, Is.EqualTo("same locality"));
    }

    [TestCase("unibiodois", "unbiodois", true)]
    [TestCase("amart", "smart", true)]
    [TestCase("cluster", "culster", true)]
    [TestCase("health", "wealth", true)]
    [TestCase("cluster", "council", false)]
    [TestCase("acme", "acme", false)]
    [TestCase("abc", "abd", false)]
    public void Words_one_edit_apart(string a, string b, bool expected) =>
        Assert.That(NameComparison.OneEditApart(a, b), Is.EqualTo(expected));
}
