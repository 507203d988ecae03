using ClusterSync.Core.Matching;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Tests.Publication;

public class DirectoryLookupTests
{
    private static SourceRecord Record(string id, string name, string country, string city, string? website = null)
    {
        var raw = new RawOrganisation { Source = "eccp", SourceId = id, Name = name, Country = country, Locality = city, Website = website };
        return OrganisationNormaliser.Default.Normalise(raw).Record!;
    }

    private static (EntityResolver Resolver, DirectoryMembership Membership) Directory()
    {
        string[] subjects = ["Photonics", "Maritime", "Aerospace", "Biotech", "Textile", "Food", "Energy", "Software", "Robotics", "Automotive"];
        string[] cities = ["Berlin", "Hamburg", "Munich", "Dresden", "Bremen", "Kassel", "Jena", "Kiel"];
        var records = subjects.SelectMany(s => cities.Select(c => Record($"{s}-{c}", $"{s} Cluster {c}", "DE", c,
            $"https://{s.ToLowerInvariant()}-{c.ToLowerInvariant()}.de"))).ToList();
        records.Add(Record("dup", "Photonics Cluster Jena e.V.", "DE", "Jena", "https://www.photonics-jena.de/"));
        var resolver = new EntityResolver(new MatchingSettings());
        resolver.Load(records, []);
        var membership = new DirectoryMembership();
        membership.Apply(new DirectoryReconciler(Survivorship.Default, DirectoryIds.New).Reconcile(resolver, membership, [.. records.Select(r => r.Key)]));
        return (resolver, membership);
    }

    [Test]
    public void A_record_is_scored_against_the_directory_best_organisation_first_with_explanations()
    {
        var (resolver, membership) = Directory();
        var probe = new RawOrganisation { Source = "analyst", SourceId = "row-7", Name = "Photonics Cluster Jena", Website = "photonics-jena.de" };

        var result = DirectoryLookup.Score(resolver, membership, probe, 3);

        Assert.That(result.RejectedBecause, Is.Null);
        Assert.That(result.Candidates, Has.Count.InRange(1, 3));
        var best = result.Candidates[0];
        membership.TryGetOrganisation(new SourceRecordKey("eccp", "Photonics-Jena"), out var expected);
        Assert.That(best.OrganisationId, Is.EqualTo(expected));
        Assert.That(best.Outcome, Is.EqualTo("match"));
        Assert.That(best.Records.Select(r => r.Key.SourceId), Is.EquivalentTo(new[] { "Photonics-Jena", "dup" }));
        Assert.That(best.Records[0].Explanation.Steps.Select(s => s.Comparison), Does.Contain("name").And.Contain("domain"));
        Assert.That(result.Candidates.Select(c => c.Probability), Is.Ordered.Descending);
    }

    [Test]
    public void Scoring_a_record_changes_nothing_held()
    {
        var (resolver, membership) = Directory();
        var before = resolver.ClustersContaining([new SourceRecordKey("eccp", "Photonics-Jena")]).Single().Members;

        DirectoryLookup.Score(resolver, membership, new RawOrganisation { Source = "analyst", SourceId = "1", Name = "Photonics Cluster Jena" }, 5);

        Assert.That(resolver.Count, Is.EqualTo(81));
        Assert.That(resolver.ClustersContaining([new SourceRecordKey("eccp", "Photonics-Jena")]).Single().Members, Is.EquivalentTo(before));
    }

    [Test]
    public void A_record_without_a_name_is_rejected_with_its_reason()
    {
        var (resolver, membership) = Directory();

        var result = DirectoryLookup.Score(resolver, membership, new RawOrganisation { Source = "analyst", SourceId = "1", Locality = "Jena" }, 5);

        Assert.That(result.Candidates, Is.Empty);
        Assert.That(result.RejectedBecause, Does.Contain("name"));
    }

    [Test]
    public void A_name_alone_without_a_country_finds_its_organisation()
    {
        var (resolver, membership) = Directory();

        var result = DirectoryLookup.Score(resolver, membership, new RawOrganisation { Source = "analyst", SourceId = "1", Name = "Maritime Cluster Kiel" }, 1);

        membership.TryGetOrganisation(new SourceRecordKey("eccp", "Maritime-Kiel"), out var expected);
        Assert.That(result.Candidates.Single().OrganisationId, Is.EqualTo(expected));
    }
}
