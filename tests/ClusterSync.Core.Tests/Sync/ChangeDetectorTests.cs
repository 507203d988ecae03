using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;

namespace ClusterSync.Core.Tests.Sync;

public class ChangeDetectorTests
{
    private static SourceRecord R(string id, string hash) => new() { Source = "s", SourceId = id, Name = id, ContentHash = hash };

    private static readonly Dictionary<string, string> Stored = new() { ["1"] = "h1", ["2"] = "h2", ["3"] = "h3" };

    [Test]
    public void New_changed_unchanged_and_gone_are_told_apart_in_a_full_listing()
    {
        var changes = ChangeDetector.Detect(Stored, [R("1", "h1"), R("2", "h2x"), R("4", "h4")], ReadMode.Full);

        Assert.That(changes.Added.Select(r => r.SourceId), Is.EqualTo(new[] { "4" }));
        Assert.That(changes.Changed.Select(r => r.SourceId), Is.EqualTo(new[] { "2" }));
        Assert.That(changes.UnchangedCount, Is.EqualTo(1));
        Assert.That(changes.GoneSourceIds, Is.EqualTo(new[] { "3" }));
    }

    [Test]
    public void An_incremental_read_never_reports_gone_records()
    {
        var changes = ChangeDetector.Detect(Stored, [R("1", "h1")], ReadMode.Incremental);

        Assert.That(changes.GoneSourceIds, Is.Empty);
        Assert.That(changes.IsEmpty, Is.True);
    }

    [Test]
    public void The_deletion_guard_refuses_a_listing_that_lost_most_records()
    {
        var stored = Enumerable.Range(0, 100).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => "h");
        var changes = ChangeDetector.Detect(stored, [R("1", "h")], ReadMode.Full);

        Assert.That(new DeletionGuard().Check(changes, stored.Count), Does.Contain("would delete 99 of 100"));
    }

    [Test]
    public void The_deletion_guard_allows_ordinary_churn()
    {
        var stored = Enumerable.Range(0, 100).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => "h");
        var read = stored.Keys.Skip(12).Select(id => R(id, "h")).ToList();
        var changes = ChangeDetector.Detect(stored, read, ReadMode.Full);

        Assert.That(new DeletionGuard().Check(changes, stored.Count), Is.Null);
    }
}
