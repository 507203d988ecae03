using System.Globalization;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>
/// Every fault of a listing on its first, a middle and its last page, in full and in incremental mode, after a complete
/// first run and a new version of every record upstream. A listing that is whole after its anomalies cleared publishes
/// everything; an incomplete one publishes every record it read, deletes nothing and keeps the high-water mark; a run
/// that read no page publishes nothing. No request ever leaves the configured origin.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class IncompleteListingTests
{
    private const string Eccp = EccpRegistration.SourceId;
    private const string Registry = UsClusterMappingRegistration.SourceId;

    public static IEnumerable<TestCaseData> Faults()
    {
        foreach (var mode in new[] { ReadMode.Full, ReadMode.Incremental })
        {
            foreach (var (position, page) in new[] { ("first", 0), ("middle", 2), ("last", 3) })
            {
                yield return Case(Eccp, ListingFaultKind.EmptyOnce, page, position, mode, SyncRunStatus.Succeeded, AllOf(Eccp), "");
                yield return Case(Eccp, ListingFaultKind.EmptyAlways, page, position, mode, SyncRunStatus.Partial, AllBut(Eccp, page),
                    $"page {page + 1} (", "listed no resource although it links to a next page");
                yield return Case(Eccp, ListingFaultKind.CountDisagrees, page, position, mode, SyncRunStatus.Partial, AllButFirstOf(Eccp, page),
                    $"page {page + 1} (", "meta.count of 12");
                foreach (var (kind, words) in PageFailures)
                {
                    yield return page == 0
                        ? Case(Eccp, kind, page, position, mode, SyncRunStatus.Failed, [], "page 1 (", words)
                        : Case(Eccp, kind, page, position, mode, SyncRunStatus.Partial, PagesBefore(Eccp, page), "the read stopped: ", $"page {page + 1} (", words);
                }
            }

            foreach (var (position, page) in new[] { ("first", 0), ("middle", 1) })
            {
                yield return Case(Registry, ListingFaultKind.ShortOnce, page, position, mode, SyncRunStatus.Succeeded, AllOf(Registry), "");
                yield return Case(Registry, ListingFaultKind.ShortAlways, page, position, mode, SyncRunStatus.Partial, AllButFirstOf(Registry, page),
                    $"start={page * 3}&limit=3 held 2 of 3 document(s) although");
            }

            // The registry states no total: a last page is short anyway, and the request past it is what confirms the end.
            yield return Case(Registry, ListingFaultKind.Fails, 4, "past the last", mode, SyncRunStatus.Partial, AllOf(Registry),
                "start=9&limit=3 held 2 of 3 document(s), and the request past it that would confirm the end failed", "HTTP 500");
            foreach (var (position, page) in new[] { ("first", 0), ("middle", 1), ("last", 3) })
            {
                foreach (var (kind, words) in PageFailures)
                {
                    yield return page == 0
                        ? Case(Registry, kind, page, position, mode, SyncRunStatus.Failed, [], "start=0", words)
                        : Case(Registry, kind, page, position, mode, SyncRunStatus.Partial, PagesBefore(Registry, page),
                            "the read stopped: ", $"start={page * 3}", words);
                }
            }
        }
    }

    [TestCaseSource(nameof(Faults))]
    public async Task A_fault_on_one_page(ListingFault fault, ReadMode mode, string status, string[] readAgain, string[] reasonWords)
    {
        await using var host = await ListingHarness.StartAsync(StorageProvider.Sqlite);
        var first = await host.RunAsync(fault.Source, ReadMode.Full);
        Assert.That(first.Succeeded, Is.True, first.Error);
        host.Upstream.Touch();
        host.Upstream.StatesTotal = fault.Kind == ListingFaultKind.CountDisagrees;
        host.Upstream.Fault = fault;

        var outcome = await host.RunAsync(fault.Source, mode);

        var run = await host.Runs.FindRunAsync(outcome.RunId, CancellationToken.None);
        var last = await host.Runs.GetLastSucceededRunAsync(fault.Source, CancellationToken.None);
        var stored = await StoredAsync(host, fault.Source);
        var expectedMark = ListingUpstream.NewestChange(fault.Source, status == SyncRunStatus.Succeeded ? 2 : 1);
        Assert.That(outcome.Status, Is.EqualTo(status), outcome.Error);
        Assert.That(run!.Run.Status, Is.EqualTo(status));
        Assert.That(outcome.Error ?? "", Does.StartWith(status == SyncRunStatus.Succeeded ? "" : fault.Source + ": "));
        Assert.That(reasonWords, Has.All.Matches<string>(word => (outcome.Error ?? "").Contains(word, StringComparison.Ordinal)), outcome.Error);
        Assert.That(stored.Where(r => r.Gone).Select(r => r.Id), Is.Empty, "deleted");
        Assert.That(stored.Select(r => r.Id), Is.EquivalentTo(All(fault.Source)), "stored");
        Assert.That(stored.Where(r => r.Version == 2).Select(r => r.Id), Is.EquivalentTo(readAgain), "stored in their new version");
        Assert.That((outcome.Gone, await DeletionsAsync(host, outcome.RunId)), Is.EqualTo((0, 0)));
        Assert.That(last!.HighWaterMark, Is.EqualTo(expectedMark), "high-water mark an incremental read starts from");
        if (status == SyncRunStatus.Partial)
        {
            Assert.That(run.Run.HighWaterMark, Is.EqualTo(expectedMark), "high-water mark of the partial run");
        }

        Assert.That(host.Upstream.Elsewhere.LogEntries, Is.Empty, "requests outside the configured origin");
    }

    private static readonly (ListingFaultKind Kind, string Words)[] PageFailures =
    [
        (ListingFaultKind.Fails, "HTTP 500"),
        (ListingFaultKind.RedirectsElsewhere, "outside the configured origin"),
        (ListingFaultKind.Oversized, $"larger than the {ListingHarness.MaxResponseBytes} bytes"),
    ];

    private static TestCaseData Case(
        string source, ListingFaultKind kind, int page, string position, ReadMode mode, string status, IEnumerable<string> readAgain, params string[] reasonWords) =>
        new TestCaseData(new ListingFault(source, page, kind), mode, status, readAgain.ToArray(), reasonWords)
            .SetName($"{(source == Eccp ? "ECCP" : "Registry")}: {kind} on the {position} page ({mode}) ends {status}");

    private static IEnumerable<string> All(string source) => source == Eccp ? ListingUpstream.EccpIds : ListingUpstream.RegistryIds;

    private static IEnumerable<string> AllOf(string source) => All(source);

    private static IEnumerable<string> AllBut(string source, int page) => All(source).Except(ListingUpstream.IdsOnPage(source, page));

    private static IEnumerable<string> AllButFirstOf(string source, int page) => All(source).Except(ListingUpstream.IdsOnPage(source, page).Take(1));

    private static IEnumerable<string> PagesBefore(string source, int page) => All(source).Take(page * ListingUpstream.PageSize);

    /// <summary>The source's stored records: id, whether gone, and the upstream version they hold (read from the normalised record).</summary>
    private static async Task<List<(string Id, bool Gone, int Version)>> StoredAsync(ListingHarness host, string source)
    {
        await using var db = host.Database.Contexts.CreateDbContext();
        var rows = await db.SourceRecords.AsNoTracking().Where(r => r.Source == source)
            .Select(r => new { r.SourceId, r.GoneInRunId, r.NormalisedJson }).ToListAsync();
        return [.. rows.Select(r => (r.SourceId, r.GoneInRunId != null, VersionOf(RecordJson.Deserialize(r.NormalisedJson))))];
    }

    private static int VersionOf(SourceRecord record) => record.Members?.Total ?? (record.YearFounded - 1990) ?? 0;

    private static async Task<int> DeletionsAsync(ListingHarness host, long runId)
    {
        await using var db = host.Database.Contexts.CreateDbContext();
        return await db.ChangeEvents.CountAsync(e => e.RunId == runId && e.Type == ChangeEventTypes.Deleted);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
