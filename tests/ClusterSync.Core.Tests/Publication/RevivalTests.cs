using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Tests.Publication;

/// <summary>A record that was gone and comes back takes its organisation's id with it.</summary>
public class RevivalTests
{
    private static readonly SourceRecordKey Returning = new("s", "1");
    private static readonly SourceRecordKey Other = new("s", "2");

    [Test]
    public void A_returning_record_restores_the_deleted_organisation_it_last_belonged_to_under_the_same_id()
    {
        var (resolver, membership, reconciler) = Directory(new GroupedResolver());
        var id = Publish(resolver, membership, reconciler, upserts: [Record(Returning)]).Organisations.Single().Id;
        var deletion = Publish(resolver, membership, reconciler, removals: [Returning]);

        var revival = Publish(resolver, membership, reconciler, upserts: [Record(Returning)]);

        Assert.That(deletion.Organisations.Select(w => (w.Id, w.Status, w.Version)), Is.EqualTo(new[] { (id, OrganisationStatus.Deleted, 2L) }));
        Assert.That(revival.Organisations.Select(w => (w.Id, w.Status, w.EventType, w.Version)),
            Is.EqualTo(new[] { (id, OrganisationStatus.Active, ChangeEventTypes.Restored, 3L) }));
        Assert.That(revival.Links.Select(l => (l.Key, l.OrganisationId)), Is.EqualTo(new[] { (Returning, id) }));
    }

    [Test]
    public void A_returning_record_restores_its_organisation_from_a_membership_loaded_from_storage()
    {
        var (resolver, _, reconciler) = Directory(new GroupedResolver());
        var loaded = new DirectoryMembership();
        loaded.AddGone(Returning, "cs-old");
        loaded.AddDeleted("cs-old", 4);

        var revival = Publish(resolver, loaded, reconciler, upserts: [Record(Returning)]);

        Assert.That(revival.Organisations.Select(w => (w.Id, w.EventType, w.Version)), Is.EqualTo(new[] { ("cs-old", ChangeEventTypes.Restored, 5L) }));
    }

    [Test]
    public void A_returning_record_that_now_joins_another_organisation_redirects_its_old_id_to_that_one()
    {
        var groups = new GroupedResolver();
        var (resolver, membership, reconciler) = Directory(groups);
        var returningId = Publish(resolver, membership, reconciler, upserts: [Record(Returning)]).Organisations.Single().Id;
        Publish(resolver, membership, reconciler, removals: [Returning]);
        var otherId = Publish(resolver, membership, reconciler, upserts: [Record(Other)]).Organisations.Single().Id;
        groups.Join(Returning, Other);

        var revival = Publish(resolver, membership, reconciler, upserts: [Record(Returning)]);

        var survivor = revival.Organisations.Single(w => w.Status == OrganisationStatus.Active);
        var loser = revival.Organisations.Single(w => w.Status != OrganisationStatus.Active);
        Assert.That(new[] { survivor.Id, loser.Id }, Is.EquivalentTo(new[] { returningId, otherId }));
        Assert.That((loser.Status, loser.EventType, loser.SurvivorId), Is.EqualTo((OrganisationStatus.Merged, ChangeEventTypes.Merged, survivor.Id)));
        Assert.That(survivor.Members, Is.EquivalentTo(new[] { Returning, Other }));
    }

    [Test]
    public void A_new_record_never_takes_the_id_of_a_deleted_organisation()
    {
        var (resolver, membership, reconciler) = Directory(new GroupedResolver());
        var id = Publish(resolver, membership, reconciler, upserts: [Record(Returning)]).Organisations.Single().Id;
        Publish(resolver, membership, reconciler, removals: [Returning]);

        var created = Publish(resolver, membership, reconciler, upserts: [Record(Other)]);

        Assert.That(created.Organisations.Single().Id, Is.Not.EqualTo(id));
        Assert.That(created.Organisations.Single().EventType, Is.EqualTo(ChangeEventTypes.Created));
    }

    private static (IEntityResolver Resolver, DirectoryMembership Membership, DirectoryReconciler Reconciler) Directory(IEntityResolver resolver)
    {
        var n = 0;
        return (resolver, new DirectoryMembership(), new DirectoryReconciler(Survivorship.Default, () => $"cs-{++n}"));
    }

    private static Reconciliation Publish(
        IEntityResolver resolver, DirectoryMembership membership, DirectoryReconciler reconciler,
        SourceRecord[]? upserts = null, SourceRecordKey[]? removals = null)
    {
        var dirty = resolver.Apply(upserts ?? [], removals ?? [], []);
        var reconciliation = reconciler.Reconcile(resolver, membership, dirty);
        membership.Apply(reconciliation);
        return reconciliation;
    }

    private static SourceRecord Record(SourceRecordKey key) =>
        RecordJson.WithContentHash(new SourceRecord { Source = key.Source, SourceId = key.SourceId, Name = "Cluster " + key.SourceId });

    /// <summary>Every record on its own, except those a test joins.</summary>
    private sealed class GroupedResolver : IEntityResolver
    {
        private readonly IdentityResolver _records = new();
        private readonly List<HashSet<SourceRecordKey>> _groups = [];

        public int Count => _records.Count;

        public void Join(params SourceRecordKey[] keys) => _groups.Add([.. keys]);

        public bool TryGetRecord(SourceRecordKey key, out SourceRecord record) => _records.TryGetRecord(key, out record);

        public void Load(IReadOnlyCollection<SourceRecord> records, IReadOnlyCollection<MatchDecision> decisions) => _records.Load(records, decisions);

        public IReadOnlySet<SourceRecordKey> Apply(
            IReadOnlyCollection<SourceRecord> upserts, IReadOnlyCollection<SourceRecordKey> removals, IReadOnlyCollection<MatchDecision> decisions) =>
            _records.Apply(upserts, removals, decisions);

        public IReadOnlyList<ResolvedCluster> ClustersContaining(IEnumerable<SourceRecordKey> keys) =>
            [.. keys.Where(k => _records.TryGetRecord(k, out _))
                .Select(k => _groups.FirstOrDefault(g => g.Contains(k)) is { } group
                    ? [.. group.Where(m => _records.TryGetRecord(m, out _)).OrderBy(m => m.ToString(), StringComparer.Ordinal)]
                    : new List<SourceRecordKey> { k })
                .DistinctBy(members => members[0])
                .Select(members => new ResolvedCluster(members, []))];

        public IReadOnlyList<ScoredPair> ReviewPairs(IEnumerable<SourceRecordKey> keys) => [];

        public PairExplanation Explain(SourceRecordKey left, SourceRecordKey right) => _records.Explain(left, right);

        public IReadOnlyList<CandidateMatch> Score(SourceRecord record, int limit) => [];
    }
}
