using ClusterSync.Core.Matching;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Tests.Publication;

/// <summary>Ids survive operators' decisions, old ids redirect only to their records' organisation, and source order does not matter.</summary>
public class IdsAndOrderTests
{
    private static SourceRecord Record(string source, string id, string name, string city, string? website = null)
    {
        var raw = new RawOrganisation { Source = source, SourceId = id, Name = name, Country = "DE", Locality = city, Website = website };
        return OrganisationNormaliser.Default.Normalise(raw).Record!;
    }

    private static List<SourceRecord> Background()
    {
        string[] subjects = ["Photonics", "Maritime", "Aerospace", "Biotech", "Textile", "Food", "Energy", "Software", "Robotics", "Automotive"];
        string[] cities = ["Berlin", "Hamburg", "Munich", "Dresden", "Bremen", "Kassel", "Jena", "Kiel"];
        return [.. subjects.SelectMany(s => cities.Select(c => Record("bg", $"{s}-{c}", $"{s} Cluster {c}", c, $"https://{s.ToLowerInvariant()}-{c.ToLowerInvariant()}.de")))];
    }

    /// <summary>A resolver, its published directory, and a way to publish decisions as the service does.</summary>
    private sealed class Directory
    {
        private readonly DirectoryReconciler _reconciler = new(Survivorship.Default, DirectoryIds.New);
        private readonly List<MatchDecision> _decisions = [];

        public Directory(IEnumerable<SourceRecord> records)
        {
            Resolver.Load([.. records], []);
            Publish([.. Membership_Keys()]);

            IEnumerable<SourceRecordKey> Membership_Keys() => Background().Select(r => r.Key).Concat(records.Select(r => r.Key)).Distinct();
        }

        public EntityResolver Resolver { get; } = new(new MatchingSettings());

        public DirectoryMembership Membership { get; } = new();

        public Reconciliation Decide(SourceRecordKey a, SourceRecordKey b, string kind)
        {
            _decisions.RemoveAll(d => d.Pair == new MatchDecision(a, b, kind).Pair);
            _decisions.Add(new MatchDecision(a, b, kind));
            return Publish(Resolver.Apply([], [], [.. _decisions]));
        }

        public Reconciliation Remove(SourceRecordKey key) => Publish(Resolver.Apply([], [key], [.. _decisions]));

        public string OrganisationOf(SourceRecordKey key) => Membership.TryGetOrganisation(key, out var id) ? id : "none";

        private Reconciliation Publish(IReadOnlyCollection<SourceRecordKey> dirty)
        {
            var reconciliation = _reconciler.Reconcile(Resolver, Membership, dirty);
            Membership.Apply(reconciliation);
            return reconciliation;
        }
    }

    private static readonly SourceRecord Alpha = Record("eccp", "a", "Hydrogen Valley Nordhessen", "Kassel", "https://h2-nordhessen.de");
    private static readonly SourceRecord Beta = Record("registry", "b", "Wasserstoff-Netzwerk Nordhessen", "Kassel", "https://wasserstoff-kassel.de");
    private static readonly SourceRecord Gamma = Record("registry", "c", "Quantum Sensing Alliance", "Jena", "https://quantum-sensing.de");

    [Test]
    public void A_record_that_leaves_takes_back_the_id_it_had_before_it_joined_and_the_split_is_an_event()
    {
        var directory = new Directory([.. Background(), Alpha, Beta]);
        var (alpha, beta) = (directory.OrganisationOf(Alpha.Key), directory.OrganisationOf(Beta.Key));
        Assert.That(alpha, Is.Not.EqualTo(beta), "two organisations to begin with");

        var merge = directory.Decide(Alpha.Key, Beta.Key, MatchDecisionKinds.MustLink);
        var survivor = directory.OrganisationOf(Alpha.Key);
        var merged = survivor == alpha ? beta : alpha;
        var split = directory.Decide(Alpha.Key, Beta.Key, MatchDecisionKinds.CannotLink);

        Assert.That(merge.Organisations.Single(o => o.Id == merged).EventType, Is.EqualTo(ChangeEventTypes.Merged));
        Assert.That(directory.OrganisationOf(Alpha.Key), Is.EqualTo(alpha));
        Assert.That(directory.OrganisationOf(Beta.Key), Is.EqualTo(beta));
        var revived = split.Organisations.Single(o => o.Id == merged);
        Assert.That(revived.EventType, Is.EqualTo(ChangeEventTypes.Split));
        Assert.That(revived.Status, Is.EqualTo(OrganisationStatus.Active));
        Assert.That(revived.Version, Is.EqualTo(3), "created, merged, split");
        Assert.That(split.Organisations.Single(o => o.Id == survivor).EventType, Is.EqualTo(ChangeEventTypes.Updated));
    }

    [Test]
    public void Ids_survive_any_number_of_must_link_and_cannot_link_cycles()
    {
        var directory = new Directory([.. Background(), Alpha, Beta]);
        var ids = new[] { directory.OrganisationOf(Alpha.Key), directory.OrganisationOf(Beta.Key) };

        for (var cycle = 0; cycle < 6; cycle++)
        {
            directory.Decide(Alpha.Key, Beta.Key, MatchDecisionKinds.MustLink);
            directory.Decide(Alpha.Key, Beta.Key, MatchDecisionKinds.CannotLink);
        }

        Assert.That(new[] { directory.OrganisationOf(Alpha.Key), directory.OrganisationOf(Beta.Key) }, Is.EqualTo(ids));
    }

    [Test]
    public void A_record_split_off_that_never_had_an_id_gets_a_new_one_and_a_split_event()
    {
        var twin = Record("registry", "a2", "Hydrogen Valley Nordhessen", "Kassel", "https://h2-nordhessen.de");
        var directory = new Directory([.. Background(), Alpha, twin]);
        var joint = directory.OrganisationOf(Alpha.Key);
        Assert.That(directory.OrganisationOf(twin.Key), Is.EqualTo(joint));

        var split = directory.Decide(Alpha.Key, twin.Key, MatchDecisionKinds.CannotLink);

        var left = split.Organisations.Single(o => o.Status == OrganisationStatus.Active && o.Id != joint);
        Assert.That(left.EventType, Is.EqualTo(ChangeEventTypes.Split));
        Assert.That(new[] { directory.OrganisationOf(Alpha.Key), directory.OrganisationOf(twin.Key) }, Does.Contain(joint).And.Contain(left.Id));
    }

    [Test]
    public void An_old_id_redirects_to_the_organisation_that_now_holds_its_records()
    {
        // Beta's organisation "cs-m" was merged into "cs-s"; now Beta leaves "cs-s" for Gamma's "cs-z".
        var resolver = new EntityResolver(new MatchingSettings());
        resolver.Load([.. Background(), Alpha, Beta, Gamma],
            [new MatchDecision(Alpha.Key, Beta.Key, MatchDecisionKinds.CannotLink), new MatchDecision(Beta.Key, Gamma.Key, MatchDecisionKinds.MustLink)]);
        var membership = new DirectoryMembership();
        membership.Add("cs-s", 2, "hash-s", [Alpha.Key, Beta.Key]);
        membership.Add("cs-z", 1, "hash-z", [Gamma.Key]);
        membership.Former.Add(new FormerOrganisation("cs-m", 2, "cs-s", [Beta.Key]));

        var reconciliation = new DirectoryReconciler(Survivorship.Default, DirectoryIds.New).Reconcile(resolver, membership, [Alpha.Key, Beta.Key, Gamma.Key]);
        membership.Apply(reconciliation);

        Assert.That(membership.TryGetOrganisation(Alpha.Key, out var alpha) ? alpha : null, Is.EqualTo("cs-s"));
        Assert.That(membership.TryGetOrganisation(Beta.Key, out var beta) ? beta : null, Is.EqualTo("cs-z"));
        var redirect = reconciliation.Organisations.Single(o => o.Id == "cs-m");
        Assert.That(redirect.Status, Is.EqualTo(OrganisationStatus.Merged));
        Assert.That(redirect.SurvivorId, Is.EqualTo("cs-z"), "not the survivor that no longer holds its record");
        Assert.That(redirect.Version, Is.EqualTo(3));
        Assert.That(membership.Former.TryGet("cs-m", out var former) ? former.RedirectTo : null, Is.EqualTo("cs-z"));
    }

    [Test]
    public void An_old_id_whose_records_are_gone_is_deleted()
    {
        var directory = new Directory([.. Background(), Alpha, Beta]);
        directory.Decide(Alpha.Key, Beta.Key, MatchDecisionKinds.MustLink);
        var mergedRecord = directory.Membership.Former.Of(Alpha.Key).Count > 0 ? Alpha : Beta;
        var merged = directory.Membership.Former.Of(mergedRecord.Key).Single();

        var removal = directory.Remove(mergedRecord.Key);

        Assert.That(removal.Organisations.Single(o => o.Id == merged).Status, Is.EqualTo(OrganisationStatus.Deleted));
        Assert.That(directory.Membership.Former.TryGet(merged, out _), Is.False);
    }

    [Test]
    public void The_same_records_give_the_same_directory_whatever_order_the_sources_sync_in()
    {
        var records = Background().Concat([Alpha, Beta, Gamma,
            Record("registry", "p1", "Photonics Cluster Jena e.V.", "Jena", "https://photonics-jena.de"),
            Record("registry", "m1", "Maritimes Cluster Kiel", "Kiel", "https://maritime-kiel.de")]).ToList();
        var bySource = records.GroupBy(r => r.Source).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList()).ToList();

        var forwards = SyncInOrder(bySource);
        bySource.Reverse();
        var backwards = SyncInOrder(bySource);

        Assert.That(backwards, Is.EquivalentTo(forwards));
    }

    /// <summary>Syncs each source in turn into an empty directory, as the service does; returns the directory's member sets.</summary>
    private static List<string> SyncInOrder(IEnumerable<List<SourceRecord>> sources)
    {
        var resolver = new EntityResolver(new MatchingSettings());
        resolver.Load([], []);
        var membership = new DirectoryMembership();
        var reconciler = new DirectoryReconciler(Survivorship.Default, DirectoryIds.New);
        foreach (var source in sources)
        {
            membership.Apply(reconciler.Reconcile(resolver, membership, resolver.Apply(source, [], [])));
        }

        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var record in sources.SelectMany(s => s))
        {
            membership.TryGetOrganisation(record.Key, out var id);
            (members.TryGetValue(id, out var list) ? list : members[id] = []).Add(record.Key.ToString());
        }

        return [.. members.Values.Select(m => string.Join(" ", m.Order(StringComparer.Ordinal)))];
    }
}
