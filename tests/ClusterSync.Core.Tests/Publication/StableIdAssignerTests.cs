using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Tests.Publication;

public class StableIdAssignerTests
{
    private static SourceRecordKey K(string id) => new("s", id);

    private static Func<string> Ids()
    {
        var n = 0;
        return () => $"new-{++n}";
    }

    private static Dictionary<string, IReadOnlyCollection<SourceRecordKey>> Previous(params (string Id, string[] Members)[] orgs) =>
        orgs.ToDictionary(o => o.Id, o => (IReadOnlyCollection<SourceRecordKey>)[.. o.Members.Select(K)]);

    [Test]
    public void A_cluster_keeps_its_id_when_a_member_is_added()
    {
        var result = StableIdAssigner.Assign(Previous(("A", ["1", "2"])), [[K("1"), K("2"), K("3")]], Ids());

        Assert.That(result.Organisations.Single().Id, Is.EqualTo("A"));
        Assert.That(result.Organisations.Single().IsNew, Is.False);
    }

    [Test]
    public void A_new_cluster_gets_a_new_id()
    {
        var result = StableIdAssigner.Assign(Previous(), [[K("1")]], Ids());

        Assert.That(result.Organisations.Single().Id, Is.EqualTo("new-1"));
        Assert.That(result.Organisations.Single().IsNew, Is.True);
    }

    [Test]
    public void A_merge_keeps_the_larger_contributor_and_redirects_the_other()
    {
        var result = StableIdAssigner.Assign(Previous(("A", ["1", "2"]), ("B", ["3"])), [[K("1"), K("2"), K("3")]], Ids());

        Assert.That(result.Organisations.Single().Id, Is.EqualTo("A"));
        Assert.That(result.Merges, Is.EqualTo(new[] { new IdMerge("B", "A") }));
    }

    [Test]
    public void A_split_keeps_the_id_on_the_larger_part()
    {
        var result = StableIdAssigner.Assign(Previous(("A", ["1", "2", "3"])), [[K("3")], [K("1"), K("2")]], Ids());

        Assert.That(result.Organisations.Single(o => o.Members.Count == 2).Id, Is.EqualTo("A"));
        Assert.That(result.Organisations.Single(o => o.Members.Count == 1).Id, Is.EqualTo("new-1"));
        Assert.That(result.Merges, Is.Empty);
    }

    [Test]
    public void An_organisation_whose_members_are_all_gone_is_deleted()
    {
        var result = StableIdAssigner.Assign(Previous(("A", ["1"]), ("B", ["2"])), [[K("2")]], Ids());

        Assert.That(result.Deleted, Is.EqualTo(new[] { "A" }));
        Assert.That(result.Organisations.Single().Id, Is.EqualTo("B"));
    }

    [Test]
    public void A_cluster_that_kept_under_half_of_an_organisation_does_not_take_its_id()
    {
        var result = StableIdAssigner.Assign(Previous(("A", ["1", "2", "3", "4", "5"])), [[K("1"), K("9")], [K("2"), K("3"), K("4")]], Ids());

        Assert.That(result.Organisations.Single(o => o.Members.Contains(K("2"))).Id, Is.EqualTo("A"));
        Assert.That(result.Organisations.Single(o => o.Members.Contains(K("9"))).Id, Is.EqualTo("new-1"));
    }

    [Test]
    public void Directory_ids_are_opaque_well_formed_and_unique()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => DirectoryIds.New()).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(ids, Has.All.Matches<string>(DirectoryIds.IsWellFormed));
        Assert.That(DirectoryIds.IsWellFormed("cs-123"), Is.False);
    }

    [Test]
    public void A_cluster_that_claims_no_id_takes_back_a_former_one_of_its_records()
    {
        var result = StableIdAssigner.Assign(Previous(("A", ["1", "2"])), [[K("1")], [K("2")]], Ids(),
            cluster => cluster.Contains(K("2")) ? ["B"] : []);

        Assert.That(result.Organisations.Select(o => (o.Id, o.IsNew, o.TakenBack)), Is.EqualTo(new[] { ("A", false, false), ("B", false, true) }));
    }

    [Test]
    public void A_former_id_is_taken_back_once()
    {
        var result = StableIdAssigner.Assign(Previous(), [[K("1")], [K("2")]], Ids(), _ => ["B"]);

        Assert.That(result.Organisations.Select(o => o.Id), Is.EqualTo(new[] { "B", "new-1" }));
    }
}
